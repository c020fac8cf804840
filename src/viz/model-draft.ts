/** The builder's working state for buildServiceCIDRModel, shared with the blocker rule in blockers.ts. */
import type { CIDR, IP } from "../net/index.ts";
import type { BandOffsets } from "./bands.ts";
import type { BlockModel, Owner } from "./servicecidr-model-types.ts";

/** A block while it is being built: the model plus the parsed CIDR and band offsets. */
export interface Draft {
  block: BlockModel;
  cidr: CIDR;
  bands: BandOffsets;
}

/** A parsed IPAddress: what every block containing it shares. */
export interface ParsedIP extends Owner {
  ip: IP;
  text: string;
  /** Labelled managed-by ipallocator.k8s.io: the only kind the ServiceCIDR controller counts. */
  managed: boolean;
  /** Blocks that can hand this IP out (servicecidr.PrefixContainsIP), widest first. */
  holders: Draft[];
}
