export { IP, isIPv4Mapped, isIPv4String, parseIPDetailed, parseIPSloppy } from "./ip.ts";
export type { Family, IPParseResult, IPProblem } from "./ip.ts";
export { CIDR, parseCIDRDetailed } from "./cidr.ts";
export type { CIDRParseResult, CIDRProblem } from "./cidr.ts";
