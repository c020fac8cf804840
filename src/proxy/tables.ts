/**
 * The netfilter tables of one node and family as the tools see them: kube-proxy's rules in
 * iptables mode, and in IPVS mode only what the kubelet keeps (the IPVS proxier's ipset-based rules
 * are not modelled; `ipvsadm -Ln` shows that mode's real work).
 */
import type { FamilyProxier } from "./family-proxier.ts";
import { fixedRules, KUBE_FIREWALL, KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY } from "./iptables-rules.ts";
import type { NodeProxier } from "./node-proxier.ts";
import { BUILTIN_CHAINS, jumpsTo, type Rule, type TableName } from "./rule.ts";
import { saveRule } from "./save-format.ts";
import type { Family } from "./types.ts";

export const TABLES: readonly TableName[] = ["mangle", "filter", "nat"];

/** A read-only view of one table: chains in listing order, each with its rules. */
export interface TableView {
  readonly family: Family;
  readonly table: TableName;
  /** Built-in chains first, then user chains in strcmp order. */
  chains(): string[];
  has(chain: string): boolean;
  rules(chain: string): Rule[];
  saveLines(chain: string): string[];
  policy(chain: string): string | undefined;
}

class ProxierTableView implements TableView {
  constructor(
    readonly family: Family,
    readonly table: TableName,
    private readonly fp: FamilyProxier,
  ) {}
  chains(): string[] {
    return [...BUILTIN_CHAINS[this.table], ...this.fp.chains(this.table)];
  }
  has(chain: string): boolean {
    return this.fp.hasChain(this.table, chain);
  }
  rules(chain: string): Rule[] {
    return this.fp.chainRules(this.table, chain) ?? [];
  }
  saveLines(chain: string): string[] {
    return this.fp.chainSaveLines(this.table, chain) ?? [];
  }
  policy(chain: string): string | undefined {
    return BUILTIN_CHAINS[this.table].includes(chain) ? "ACCEPT" : undefined;
  }
}

/** The kubelet's own chains: what a node shows when kube-proxy does not run in iptables mode. */
class KubeletOnlyView implements TableView {
  readonly #chains: string[];
  readonly #rules: Rule[];
  constructor(
    readonly family: Family,
    readonly table: TableName,
  ) {
    const user: Record<TableName, string[]> = {
      mangle: [KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY],
      nat: [KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY],
      filter: [KUBE_FIREWALL, KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY],
    };
    this.#chains = [...BUILTIN_CHAINS[table], ...user[table]];
    const fixed = fixedRules({ family, masqueradeAll: false, masqueradeMark: 0x4000, localhostNodePorts: family === "IPv4", nfacct: false, conntrackTCPLiberal: false, largeClusterMode: false });
    this.#rules = table === "filter" ? fixed.rules.filter.filter((r) => r.chain === KUBE_FIREWALL || jumpsTo(r) === KUBE_FIREWALL) : [];
  }
  chains(): string[] {
    return this.#chains;
  }
  has(chain: string): boolean {
    return this.#chains.includes(chain);
  }
  rules(chain: string): Rule[] {
    return this.#rules.filter((r) => r.chain === chain);
  }
  saveLines(chain: string): string[] {
    return this.rules(chain).map((r) => saveRule(r, this.family));
  }
  policy(chain: string): string | undefined {
    return BUILTIN_CHAINS[this.table].includes(chain) ? "ACCEPT" : undefined;
  }
}

export function tableView(node: NodeProxier, family: Family, table: TableName): TableView {
  if (node.mode === "iptables") return new ProxierTableView(family, table, node.family(family));
  return new KubeletOnlyView(family, table);
}

/** How many rules jump to each chain: the "(N references)" of `iptables -L`. */
export function referenceCounts(view: TableView): Map<string, number> {
  const refs = new Map<string, number>();
  for (const chain of view.chains()) {
    for (const r of view.rules(chain)) {
      const to = jumpsTo(r);
      if (to) refs.set(to, (refs.get(to) ?? 0) + 1);
    }
  }
  return refs;
}
