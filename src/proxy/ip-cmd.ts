/**
 * `ip addr` and `ip route` (iproute2) on a node, as a pure function of argv and the node's network
 * model: `ip [-4|-6] a[ddr] [show [dev] IFACE]`, `ip [-4|-6] r[oute] [show|list]` and
 * `ip route get ADDRESS`, with iproute2's error text for the rest.
 */
import { parseIPSloppy } from "../net/index.ts";
import type { CommandResult } from "./iptables-cmd.ts";
import { formatInterface, formatRoute, lookupRoute, nodeInterfaces, nodeRoutes, type NetInterface, type NodeNetInput } from "./node-net.ts";

const fail = (stderr: string, exitCode: number): CommandResult => ({ stdout: "", stderr, exitCode });
const ok = (stdout: string): CommandResult => ({ stdout, stderr: "", exitCode: 0 });

/** iproute2 matches object names by prefix: "a", "ad", "addr", "address" are all `address`. */
function matches(word: string, full: string, min = 1): boolean {
  return word.length >= min && full.startsWith(word);
}

function filterFamily(i: NetInterface, family: 4 | 6 | undefined): NetInterface | undefined {
  if (!family) return i;
  const want = family === 4 ? "inet" : "inet6";
  const addrs = i.addrs.filter((a) => a.family === want);
  if (addrs.length === 0) return undefined;
  return { ...i, addrs };
}

/** `ip addr` prints only the header and the address lines under -4 / -6. */
function formatFiltered(i: NetInterface, family: 4 | 6 | undefined): string {
  const text = formatInterface(i);
  if (!family) return text;
  return text.split("\n").filter((l) => !l.startsWith("    link/")).join("\n");
}

export function ipCommand(argv: readonly string[], net: NodeNetInput): CommandResult {
  const args = argv.slice(1);
  let family: 4 | 6 | undefined;
  while (args[0]?.startsWith("-")) {
    const o = args.shift()!;
    if (o === "-4") family = 4;
    else if (o === "-6") family = 6;
    else if (o === "-V" || o === "-Version") return ok("ip utility, iproute2-6.1.0, libbpf 1.1.0\n");
    else return fail(`Option "${o}" is unknown, try "ip -help".\n`, 255);
  }
  const object = args.shift();
  if (!object) return fail("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n", 255);
  if (matches(object, "address")) return addr(args, net, family);
  if (matches(object, "route")) return route(args, net, family);
  return fail(`Object "${object}" is unknown, try "ip help".\n`, 255);
}

function addr(args: string[], net: NodeNetInput, family: 4 | 6 | undefined): CommandResult {
  const cmd = args.shift();
  if (cmd !== undefined && !matches(cmd, "show") && !matches(cmd, "list")) {
    if (["add", "del", "change", "replace", "flush"].some((c) => matches(cmd, c, 2))) return fail("RTNETLINK answers: Operation not permitted\n", 2);
    return fail(`Command "${cmd}" is unknown, try "ip address help".\n`, 255);
  }
  if (args[0] === "dev") args.shift();
  const dev = args.shift();
  let ifs = nodeInterfaces(net);
  if (dev !== undefined) {
    ifs = ifs.filter((i) => i.name === dev);
    if (ifs.length === 0) return fail(`Device "${dev}" does not exist.\n`, 1);
  }
  let out = "";
  for (const i of ifs) {
    const f = filterFamily(i, family);
    if (f) out += formatFiltered(f, family);
  }
  return ok(out);
}

function route(args: string[], net: NodeNetInput, family: 4 | 6 | undefined): CommandResult {
  const cmd = args.shift();
  const routes = nodeRoutes(net);
  if (cmd !== undefined && matches(cmd, "get")) {
    const target = args.shift();
    const ip = target ? parseIPSloppy(target) : null;
    if (!ip) return fail(`Error: inet prefix is expected rather than "${target ?? ""}".\n`, 1);
    const r = lookupRoute(routes, ip.toString());
    if (!r) return fail("RTNETLINK answers: Network is unreachable\n", 2);
    const src = routes.find((x) => x.dev === r.dev && x.src)?.src ?? r.src;
    let s = `${ip.toString()}${r.via ? ` via ${r.via}` : ""} dev ${r.dev}${src ? ` src ${src}` : ""} uid 0 \n    cache \n`;
    if (r.dev === "lo") s = `local ${s}`;
    return ok(s);
  }
  if (cmd !== undefined && !matches(cmd, "show") && !matches(cmd, "list")) {
    if (["add", "del", "change", "replace", "flush"].some((c) => matches(cmd, c, 2))) return fail("RTNETLINK answers: Operation not permitted\n", 2);
    return fail(`Command "${cmd}" is unknown, try "ip route help".\n`, 255);
  }
  if (family === 6) {
    // Only kernel routes for the link-local and loopback addresses: the sandbox's pod networks are IPv4.
    let out = "::1 dev lo proto kernel metric 256 pref medium\n";
    for (const i of nodeInterfaces(net)) {
      if (i.name !== "lo" && i.addrs.some((a) => a.family === "inet6" && a.scope === "link")) out += `fe80::/64 dev ${i.name} proto kernel metric 256 pref medium\n`;
    }
    return ok(out);
  }
  return ok(routes.map((r) => formatRoute(r) + "\n").join(""));
}
