/**
 * A node's interfaces and main routing table, as `ip addr` and `ip route` show them. Three pod
 * networks are modelled after real nodes (see the reference's node views):
 * - kubenet: a cbr0 bridge holding the .1 of the node's podCIDR, one veth per pod; on AKS no route to
 *   other nodes' pod ranges (those live in the Azure route table, reached through the default route),
 *   elsewhere (the sandbox's kubeadm preset) a static route to each peer's range via the peer;
 * - kindnet (kind): one veth per pod with a /32 route, and a route
 *   to every other node's podCIDR via that node's IP;
 * - azure-cni / none: the node's own interface only.
 * MAC addresses are derived from names (Docker derives kind's eth0 MAC from its IP), so every run of
 * the same cluster prints the same text.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { CIDR, IP, parseCIDRDetailed, parseIPSloppy } from "../net/index.ts";

export type PodNetworkKind = "kubenet" | "kindnet" | "azure-cni" | "none";

export interface NodeNetPod {
  namespace: string;
  name: string;
  ips: string[];
}

export interface NodeNetPeer {
  name: string;
  internalIP: string;
  podCIDRs: string[];
}

export interface NodeNetInput {
  name: string;
  provider: "kubeadm" | "kind" | "aks";
  podNetwork: PodNetworkKind;
  /** The node's address on its network with the subnet prefix: "10.224.0.4/16", "172.18.0.2/16". */
  address: string;
  /** Second-family address of the node, if any ("fc00:f853:ccd:e793::2/64"). */
  address6?: string;
  /** Default gateway; the subnet's first address when unset (Azure's .1, Docker's bridge). */
  gateway?: string;
  podCIDRs: string[];
  /** Pods with their own network namespace on this node (hostNetwork pods have no veth). */
  pods: NodeNetPod[];
  /** The other nodes, for kindnet's routes. */
  peers: NodeNetPeer[];
  /** Addresses kube-proxy bound to kube-ipvs0 (IPVS mode only). */
  ipvsAddresses?: string[];
}

export interface NetInterface {
  index: number;
  name: string;
  /** "@ifN" peer suffix of veth pairs. */
  peer?: string;
  flags: string;
  mtu: number;
  qdisc: string;
  state: string;
  master?: string;
  qlen?: number;
  linkType: "loopback" | "ether";
  mac: string;
  linkNet?: string;
  addrs: { family: "inet" | "inet6"; cidr: string; brd?: string; scope: string; extra?: string }[];
}

export interface Route {
  /** "default" or a canonical CIDR ("10.244.1.0/24", "10.244.0.5/32"). */
  dst: string;
  via?: string;
  dev: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  /** Which node's pod range a route leads to (kindnet), for the tracer and the views. */
  toNode?: string;
}

function bytesOf(text: string, n: number): number[] {
  return [...sha256(new TextEncoder().encode(text)).slice(0, n)];
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

function macFrom(prefix: number[], seed: string): string {
  const b = [...prefix, ...bytesOf(seed, 6 - prefix.length)];
  return b.map(hex2).join(":");
}

/** A random-looking locally administered unicast MAC, as the kernel gives veths and bridges. */
function localMac(seed: string): string {
  const b = bytesOf(seed, 6);
  b[0] = (b[0]! & 0xfe) | 0x02;
  return b.map(hex2).join(":");
}

/** The IPv6 link-local address the kernel derives from a MAC (modified EUI-64). */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(":").map((h) => parseInt(h, 16));
  b[0] = b[0]! ^ 0x02;
  const eui = [b[0]!, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  const groups: number[] = [];
  for (let i = 0; i < 8; i += 2) groups.push((eui[i]! << 8) | eui[i + 1]!);
  const ip = IP.fromBigInt((0xfe80n << 112n) | groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n), "IPv6");
  return `${ip.toString()}/64`;
}

function vethName(pod: NodeNetPod): string {
  return `veth${bytesOf(`${pod.namespace}/${pod.name}`, 4).map(hex2).join("")}`;
}

function broadcast(cidr: CIDR): string {
  return cidr.last().toString();
}

function gatewayFor(input: NodeNetInput, subnet: CIDR): string {
  return input.gateway ?? subnet.nth(1n).toString();
}

function ipv4PodCIDR(input: NodeNetInput): CIDR | undefined {
  for (const c of input.podCIDRs) {
    const p = parseCIDRDetailed(c).cidr;
    if (p && p.family === "IPv4") return p;
  }
  return undefined;
}

export function nodeInterfaces(input: NodeNetInput): NetInterface[] {
  const nodeIP = parseCIDRDetailed(input.address).ip ?? parseIPSloppy(input.address.split("/")[0]!);
  const subnet = parseCIDRDetailed(input.address).cidr;
  const ifs: NetInterface[] = [];
  let index = 1;
  ifs.push({
    index: index++, name: "lo", flags: "LOOPBACK,UP,LOWER_UP", mtu: 65536, qdisc: "noqueue", state: "UNKNOWN", qlen: 1000,
    linkType: "loopback", mac: "00:00:00:00:00:00",
    addrs: [{ family: "inet", cidr: "127.0.0.1/8", scope: "host" }, { family: "inet6", cidr: "::1/128", scope: "host" }],
  });
  const ethMac = input.provider === "kind" && nodeIP?.family === "IPv4"
    ? ["02", "42", ...Number(nodeIP.value).toString(16).padStart(8, "0").match(/../g)!].join(":")
    : input.provider === "aks" ? macFrom([0x00, 0x0d, 0x3a], `${input.name}/eth0`) : localMac(`${input.name}/eth0`);
  const ethAddrs: NetInterface["addrs"] = [];
  if (subnet && nodeIP) ethAddrs.push({ family: "inet", cidr: `${nodeIP.toString()}/${subnet.prefix}`, brd: broadcast(subnet), scope: "global" });
  if (input.address6) ethAddrs.push({ family: "inet6", cidr: input.address6, scope: "global", extra: input.provider === "kind" ? "nodad" : undefined });
  ethAddrs.push({ family: "inet6", cidr: linkLocalFromMac(ethMac), scope: "link" });
  const eth: NetInterface = {
    index: index++, name: "eth0", flags: "BROADCAST,MULTICAST,UP,LOWER_UP", mtu: 1500,
    qdisc: input.provider === "kind" ? "noqueue" : "mq", state: "UP", qlen: input.provider === "kind" ? undefined : 1000,
    linkType: "ether", mac: ethMac, addrs: ethAddrs,
  };
  if (input.provider === "kind") {
    eth.peer = `if${10 + (bytesOf(input.name, 1)[0]! % 80)}`;
    eth.linkNet = "link-netnsid 0";
  }
  ifs.push(eth);
  if (input.provider === "aks") {
    // Accelerated networking: the VF is enslaved to eth0 and shares its MAC.
    const id = 10000 + (bytesOf(input.name, 2).reduce((a, b) => a * 256 + b, 0) % 50000);
    ifs.push({ index: index++, name: `enP${id}s1`, flags: "BROADCAST,MULTICAST,SLAVE,UP,LOWER_UP", mtu: 1500, qdisc: "mq", master: "eth0", state: "UP", qlen: 1000, linkType: "ether", mac: ethMac, addrs: [] });
  }
  if (input.ipvsAddresses) {
    ifs.push({
      index: index++, name: "kube-ipvs0", flags: "BROADCAST,NOARP", mtu: 1500, qdisc: "noop", state: "DOWN", linkType: "ether",
      mac: localMac(`${input.name}/kube-ipvs0`),
      addrs: input.ipvsAddresses.map((a) => ({ family: a.includes(":") ? ("inet6" as const) : ("inet" as const), cidr: `${a}/${a.includes(":") ? 128 : 32}`, scope: "global" })),
    });
  }
  const pod4 = ipv4PodCIDR(input);
  if (input.podNetwork === "kubenet" && pod4) {
    const mac = localMac(`${input.name}/cbr0`);
    ifs.push({
      index: index++, name: "cbr0", flags: "BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP", mtu: 1500, qdisc: "noqueue", state: "UP", qlen: 1000,
      linkType: "ether", mac,
      addrs: [{ family: "inet", cidr: `${pod4.nth(1n).toString()}/${pod4.prefix}`, scope: "global" }, { family: "inet6", cidr: linkLocalFromMac(mac), scope: "link" }],
    });
  }
  if (input.podNetwork === "kubenet" || input.podNetwork === "kindnet") {
    input.pods.forEach((pod, i) => {
      const mac = localMac(`${input.name}/${pod.namespace}/${pod.name}`);
      const addrs: NetInterface["addrs"] = [];
      // kindnet's ptp plugin puts the range's gateway address on every host-side veth.
      if (input.podNetwork === "kindnet" && pod4) addrs.push({ family: "inet", cidr: `${pod4.nth(1n).toString()}/32`, scope: "global" });
      addrs.push({ family: "inet6", cidr: linkLocalFromMac(mac), scope: "link" });
      ifs.push({
        index: index++, name: vethName(pod), peer: "if3", flags: "BROADCAST,MULTICAST,UP,LOWER_UP", mtu: 1500, qdisc: "noqueue",
        master: input.podNetwork === "kubenet" ? "cbr0" : undefined, state: "UP", linkType: "ether", mac,
        linkNet: `link-netnsid ${i}`, addrs,
      });
    });
  }
  return ifs;
}

export function nodeRoutes(input: NodeNetInput): Route[] {
  const subnet = parseCIDRDetailed(input.address).cidr;
  const nodeIP = (parseCIDRDetailed(input.address).ip ?? parseIPSloppy(input.address))?.toString();
  if (!subnet || !nodeIP) return [];
  const gw = gatewayFor(input, subnet);
  const routes: Route[] = [];
  if (input.provider === "aks") {
    routes.push({ dst: "default", via: gw, dev: "eth0", proto: "dhcp", src: nodeIP, metric: 100 });
    routes.push({ dst: subnet.toString(), dev: "eth0", proto: "kernel", scope: "link", src: nodeIP, metric: 100 });
    routes.push({ dst: `${gw}/32`, dev: "eth0", proto: "dhcp", scope: "link", src: nodeIP, metric: 100 });
    // Azure's wire server and instance metadata service, both pushed by DHCP.
    routes.push({ dst: "168.63.129.16/32", via: gw, dev: "eth0", proto: "dhcp", src: nodeIP, metric: 100 });
    routes.push({ dst: "169.254.169.254/32", via: gw, dev: "eth0", proto: "dhcp", src: nodeIP, metric: 100 });
  } else {
    routes.push({ dst: "default", via: gw, dev: "eth0", proto: input.provider === "kind" ? undefined : "static" });
    routes.push({ dst: subnet.toString(), dev: "eth0", proto: "kernel", scope: "link", src: nodeIP });
  }
  const pod4 = ipv4PodCIDR(input);
  if (input.podNetwork === "kubenet" && pod4) {
    routes.push({ dst: pod4.toString(), dev: "cbr0", proto: "kernel", scope: "link", src: pod4.nth(1n).toString(), toNode: input.name });
  }
  if (input.podNetwork === "kubenet" && input.provider !== "aks") {
    // Outside Azure nothing programs a cloud route table, so kubenet's peers are reached through
    // static routes on each node (what the cloud provider's route controller would otherwise do).
    for (const peer of input.peers) {
      for (const c of peer.podCIDRs) if (!c.includes(":")) routes.push({ dst: c, via: peer.internalIP, dev: "eth0", toNode: peer.name });
    }
  }
  if (input.podNetwork === "kindnet") {
    for (const pod of input.pods) {
      for (const ip of pod.ips) if (!ip.includes(":")) routes.push({ dst: `${ip}/32`, dev: vethName(pod), scope: "host", toNode: input.name });
    }
    for (const peer of input.peers) {
      for (const c of peer.podCIDRs) if (!c.includes(":")) routes.push({ dst: c, via: peer.internalIP, dev: "eth0", toNode: peer.name });
    }
  }
  return sortRoutes(routes);
}

/** The kernel lists the main table in prefix-trie order: by network address, shorter prefix first. */
function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route): [bigint, number] => {
    if (r.dst === "default") return [-1n, 0];
    const c = parseCIDRDetailed(r.dst).cidr!;
    return [c.network.value, c.prefix];
  };
  return routes
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => (a.k[0] < b.k[0] ? -1 : a.k[0] > b.k[0] ? 1 : a.k[1] - b.k[1]))
    .map((x) => x.r);
}

/** `ip route` line for one route (host routes print without their /32). */
export function formatRoute(r: Route): string {
  let s = r.dst.endsWith("/32") ? r.dst.slice(0, -3) : r.dst;
  if (r.via) s += ` via ${r.via}`;
  s += ` dev ${r.dev}`;
  if (r.proto) s += ` proto ${r.proto}`;
  if (r.scope) s += ` scope ${r.scope}`;
  if (r.src) s += ` src ${r.src}`;
  if (r.metric !== undefined) s += ` metric ${r.metric}`;
  return s;
}

/** Longest-prefix match in a route list, as `ip route get` and the packet tracer use it. */
export function lookupRoute(routes: readonly Route[], ip: string): Route | undefined {
  const addr = parseIPSloppy(ip);
  if (!addr) return undefined;
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of routes) {
    if (r.dst === "default") {
      if (addr.family === "IPv4" && bestLen < 0) {
        best = r;
        bestLen = 0;
      }
      continue;
    }
    const c = parseCIDRDetailed(r.dst).cidr;
    if (c && c.family === addr.family && c.contains(addr) && c.prefix > bestLen) {
      best = r;
      bestLen = c.prefix;
    }
  }
  return best;
}

export function formatInterface(i: NetInterface): string {
  const name = i.peer ? `${i.name}@${i.peer}` : i.name;
  let head = `${i.index}: ${name}: <${i.flags}> mtu ${i.mtu} qdisc ${i.qdisc}`;
  if (i.master) head += ` master ${i.master}`;
  head += ` state ${i.state} group default`;
  if (i.qlen !== undefined) head += ` qlen ${i.qlen}`;
  let out = `${head}\n    link/${i.linkType} ${i.mac} brd ${i.linkType === "loopback" ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff"}${i.linkNet ? ` ${i.linkNet}` : ""}\n`;
  for (const a of i.addrs) {
    out += `    ${a.family} ${a.cidr}${a.brd ? ` brd ${a.brd}` : ""} scope ${a.scope}${a.extra ? ` ${a.extra}` : ""}${a.family === "inet" && a.scope !== "link" ? ` ${i.name}` : ""}\n`;
    out += "       valid_lft forever preferred_lft forever\n";
  }
  return out;
}
