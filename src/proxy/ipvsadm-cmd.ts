/**
 * `ipvsadm` on a node: -L/-l with -n, --stats, --rate, --exact, -t/-u for one service, --nosort,
 * --timeout and -c, laid out as ipvsadm 1.31 prints them (print_title and print_service_entry in
 * ipvsadm.c). Services and real servers are sorted with ipvsadm's own comparators, which subtract
 * addresses as 32-bit integers: that wrap-around is kept, since it decides the order on real nodes.
 */
import { parseIPSloppy } from "../net/index.ts";
import type { CommandResult } from "./iptables-cmd.ts";
import { virtualServers, type RealServer, type VirtualServer } from "./ipvs.ts";
import type { NodeProxier } from "./node-proxier.ts";

const PROTO_NUM: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };
const AF: Record<string, number> = { IPv4: 2, IPv6: 10 };
const PORT_NAMES: Record<string, Record<number, string>> = {
  TCP: { 22: "ssh", 53: "domain", 80: "http", 443: "https", 8080: "http-alt" },
  UDP: { 53: "domain" },
};

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const padLeft = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

/** The address as 32-bit words in network order, as the comparator reads it. */
function words(address: string): number[] {
  const ip = parseIPSloppy(address);
  if (!ip) return [0];
  if (ip.family === "IPv4") return [Number(ip.value)];
  const out: number[] = [];
  for (let i = 3; i >= 0; i--) out.push(Number((ip.value >> BigInt(32 * i)) & 0xffffffffn));
  return out;
}

/** `r = ntohl(a) - ntohl(b)` stored in an int: unsigned subtraction, then read as signed. */
function wrapSub(a: number, b: number): number {
  return (a - b) | 0;
}

function cmpAddr(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  let r = 0;
  for (let i = 0; r === 0 && i < wa.length; i++) r = wrapSub(wa[i]!, wb[i] ?? 0);
  return r;
}

/** ipvs_cmp_services: fwmark, family, protocol, address, port. */
function cmpServices(a: VirtualServer, b: VirtualServer): number {
  return AF[a.family]! - AF[b.family]! || PROTO_NUM[a.protocol]! - PROTO_NUM[b.protocol]! || cmpAddr(a.address, b.address) || a.port - b.port;
}

/** ipvs_cmp_dests: address, then port. */
function cmpDests(a: RealServer, b: RealServer): number {
  return cmpAddr(a.address, b.address) || a.port - b.port;
}

function addrPort(address: string, port: number, protocol: string, numeric: boolean): string {
  const host = address.includes(":") ? `[${address}]` : address;
  const p = numeric ? String(port) : (PORT_NAMES[protocol]?.[port] ?? String(port));
  return `${host}:${p}`;
}

/** print_largenum: right-aligned in nine columns, scaled to K/M/G/T unless --exact. */
function largeNum(n: number, exact: boolean): string {
  if (exact) {
    const s = String(n);
    return padLeft(s, s.length <= 8 ? 9 : s.length + 1);
  }
  return padLeft(String(n), 9);
}

interface Options {
  numeric: boolean;
  stats: boolean;
  rate: boolean;
  exact: boolean;
  sort: boolean;
  service?: { protocol: string; address: string; port: number };
}

function title(o: Options): string {
  if (o.stats) return `${pad("Prot LocalAddress:Port", 33)} ${padLeft("Conns", 8)} ${padLeft("InPkts", 8)} ${padLeft("OutPkts", 8)} ${padLeft("InBytes", 8)} ${padLeft("OutBytes", 8)}\n  -> RemoteAddress:Port\n`;
  if (o.rate) return `${pad("Prot LocalAddress:Port", 33)} ${padLeft("CPS", 8)} ${padLeft("InPPS", 8)} ${padLeft("OutPPS", 8)} ${padLeft("InBPS", 8)} ${padLeft("OutBPS", 8)}\n  -> RemoteAddress:Port\n`;
  return "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
}

function serviceEntry(vs: VirtualServer, o: Options): string {
  let name = `${vs.protocol === "TCP" ? "TCP" : vs.protocol === "UDP" ? "UDP" : "SCTP"}  ${addrPort(vs.address, vs.port, vs.protocol, o.numeric)}`;
  if (vs.family === "IPv4") name = name.slice(0, 33);
  let out: string;
  if (o.stats || o.rate) {
    out = pad(name, 33) + largeNum(0, o.exact).repeat(5);
  } else {
    out = `${name} ${vs.scheduler}`;
    if (vs.persistentTimeout !== undefined) out += ` persistent ${vs.persistentTimeout}`;
  }
  out += "\n";
  const dests = o.sort ? [...vs.realServers].sort(cmpDests) : vs.realServers;
  for (const d of dests) {
    let dname = addrPort(d.address, d.port, vs.protocol, o.numeric);
    if (vs.family === "IPv4") dname = dname.slice(0, 28);
    if (o.stats) out += `  -> ${pad(dname, 28)}${largeNum(0, o.exact).repeat(5)}\n`;
    else if (o.rate) out += `  -> ${pad(dname, 28)} ${padLeft("0", 8)} ${padLeft("0", 8)} ${padLeft("0", 8)}${largeNum(0, o.exact).repeat(2)}\n`;
    else out += `  -> ${pad(dname, 28)} ${pad(d.forward, 7)} ${pad(String(d.weight), 6)} ${pad("0", 10)} ${pad("0", 10)}\n`;
  }
  return out;
}

function parseService(text: string, protocol: string): Options["service"] | undefined {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!m) return undefined;
  const ip = parseIPSloppy(m[1]!);
  if (!ip) return undefined;
  return { protocol, address: ip.toString(), port: Number(m[2]) };
}

const USAGE_HINT = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";

export function ipvsadm(argv: readonly string[], node: NodeProxier): CommandResult {
  const o: Options = { numeric: false, stats: false, rate: false, exact: false, sort: true };
  let list = false;
  let conns = false;
  let timeout = false;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--list") list = true;
    else if (a === "--numeric") o.numeric = true;
    else if (a === "--stats") o.stats = true;
    else if (a === "--rate") o.rate = true;
    else if (a === "--exact") o.exact = true;
    else if (a === "--sort") o.sort = true;
    else if (a === "--nosort") o.sort = false;
    else if (a === "--timeout") timeout = true;
    else if (a === "--connection") conns = true;
    else if (a === "--tcp-service" || a === "--udp-service") {
      const v = args[++i];
      o.service = v ? parseService(v, a === "--tcp-service" ? "TCP" : "UDP") : undefined;
      if (!o.service) return { stdout: "", stderr: `Illegal virtual server address[:port] specified\n`, exitCode: 2 };
    } else if (a === "-h" || a === "--help") return { stdout: "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n  ipvsadm -L|l [virtual-service] [options]\n", stderr: "", exitCode: 0 };
    else if (a === "-v" || a === "--version") return { stdout: "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n", stderr: "", exitCode: 0 };
    else if (/^-[A-Za-z]+$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (ch === "L" || ch === "l") list = true;
        else if (ch === "n") o.numeric = true;
        else if (ch === "c") conns = true;
        else if (ch === "t" || ch === "u") {
          const v = args[++i];
          o.service = v ? parseService(v, ch === "t" ? "TCP" : "UDP") : undefined;
          if (!o.service) return { stdout: "", stderr: `Illegal virtual server address[:port] specified\n`, exitCode: 2 };
        } else return { stdout: "", stderr: `ipvsadm: invalid option -- '${ch}'\n${USAGE_HINT}`, exitCode: 2 };
      }
    } else return { stdout: "", stderr: `ipvsadm: unknown option \`${a}'\n${USAGE_HINT}`, exitCode: 2 };
  }
  if (timeout) return { stdout: "Timeout (tcp tcpfin udp): 900 120 300\n", stderr: "", exitCode: 0 };
  if (conns) return { stdout: `IPVS connection entries\npro expire ${pad("state", 11)} ${pad("source", 18)} ${pad("virtual", 18)} destination\n`, stderr: "", exitCode: 0 };
  // Bare `ipvsadm` lists too, as the real tool does.
  void list;
  let services = virtualServers(node);
  if (o.sort) services = [...services].sort(cmpServices);
  if (o.service) {
    const want = o.service;
    const vs = services.find((s) => s.protocol === want.protocol && s.address === want.address && s.port === want.port);
    if (!vs) return { stdout: "", stderr: "No such service\n", exitCode: 1 };
    return { stdout: title(o) + serviceEntry(vs, o), stderr: "", exitCode: 0 };
  }
  let out = "IP Virtual Server version 1.2.1 (size=4096)\n" + title(o);
  for (const vs of services) out += serviceEntry(vs, o);
  return { stdout: out, stderr: "", exitCode: 0 };
}
