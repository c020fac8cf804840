/**
 * kube-proxy for the sandbox: the rules it writes in iptables mode, the virtual servers of IPVS mode,
 * the node tools that show them (iptables, iptables-save, ipvsadm, ip) and a packet tracer. DOM-free;
 * the rule generation takes Services, EndpointSlices and node facts as plain objects, and only
 * kube-proxy-agent.ts (the informers) and lab-world.ts (the lab's nodes) know the apiserver and lab.
 */
export type { EndpointSliceLike, Family, KubeProxyConfig, NodeEnvironment, NodeLike, ServiceLike } from "./types.ts";
export { ProxyCluster } from "./proxy-cluster.ts";
export { NodeProxier } from "./node-proxier.ts";
export { FamilyProxier } from "./family-proxier.ts";
export type { Rule, TableName } from "./rule.ts";
export { saveRule } from "./save-format.ts";
export { iptables, iptablesSave, type CommandResult, type IptablesContext } from "./iptables-cmd.ts";
export { ipvsadm } from "./ipvsadm-cmd.ts";
export { virtualServers, dummyDeviceAddresses, type VirtualServer } from "./ipvs.ts";
export { ipCommand } from "./ip-cmd.ts";
export { nodeInterfaces, nodeRoutes, lookupRoute, formatRoute, type NodeNetInput, type Route } from "./node-net.ts";
export { tracePacket, type TraceInput, type TraceResult, type TraceStep, type TraceWorld } from "./trace.ts";
export { servicePortPolicyClusterChain, servicePortEndpointChain, serviceExternalChain, servicePortNameString } from "./chain-names.ts";
export { tableView, type TableView } from "./tables.ts";
export { curlFromPod, formatTrip, type CurlOutcome, type CurlPod, type CurlWorld } from "./curl.ts";
export { KubeProxyAgent } from "./kube-proxy-agent.ts";
