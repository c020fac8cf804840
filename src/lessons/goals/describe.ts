/**
 * Words for goals, in English and Korean: a description written by the author (en:/ko: beside a
 * predicate) wins; otherwise one is made from the predicate. `missing` lists what does not hold yet,
 * with the value the cluster has now where that helps ("now 12").
 */
import type { Lang } from "../types.ts";
import type { ClusterState } from "../state.ts";
import { holds, matchTarget } from "./evaluate.ts";
import { resolvePath } from "./path.ts";
import type { Comparison, Predicate, Target, Test } from "./predicate.ts";

/** Kinds for the resources lessons are about; any other resource is named as written. */
const KINDS: Record<string, string> = {
  services: "Service",
  servicecidrs: "ServiceCIDR",
  ipaddresses: "IPAddress",
  pods: "Pod",
  nodes: "Node",
  namespaces: "Namespace",
  endpointslices: "EndpointSlice",
  deployments: "Deployment",
  events: "Event",
  configmaps: "ConfigMap",
  validatingadmissionpolicies: "ValidatingAdmissionPolicy",
  validatingadmissionpolicybindings: "ValidatingAdmissionPolicyBinding",
};

function kind(resource: string): string {
  return KINDS[resource.split(".")[0]!] ?? resource;
}

const OPS: Record<Lang, Record<Comparison, string>> = {
  en: { "==": "exactly", "!=": "not", "<": "fewer than", "<=": "at most", ">": "more than", ">=": "at least" },
  ko: { "==": "", "!=": "아님", "<": "미만", "<=": "이하", ">": "초과", ">=": "이상" },
};

function targetText(t: Target, lang: Lang): string {
  const k = kind(t.resource);
  const named = t.name !== undefined ? (t.namespace ? `${t.namespace}/${t.name}` : t.name) : null;
  let s = named ? `${k} ${named}` : lang === "en" ? `${k}${t.namespace ? ` in ${t.namespace}` : ""}` : `${t.namespace ? `${t.namespace}의 ` : ""}${k}`;
  if (t.labels) s += lang === "en" ? ` labelled ${t.labels}` : ` (레이블 ${t.labels})`;
  if (t.where.length) s += ` [${t.where.map((w) => testText(w, lang)).join(lang === "en" ? ", " : ", ")}]`;
  return s;
}

function value(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function testText(t: Test, lang: Lang): string {
  if (t.type === "condition") {
    const c = t.condition;
    const cond = `${c.type}${c.status ? `=${c.status}` : ""}${c.reason !== undefined ? ` (reason ${c.reason === "" ? '""' : c.reason})` : ""}`;
    return lang === "en" ? `condition ${cond}` : `조건 ${cond}`;
  }
  const c = t.check;
  const en = lang === "en";
  switch (c.kind) {
    case "equals":
      return `${t.path} = ${value(c.value)}`;
    case "matches":
      return en ? `${t.path} matches /${c.pattern}/` : `${t.path} 값이 /${c.pattern}/ 형식`;
    case "in":
      return en ? `${t.path} in ${c.cidrs.join(" or ")}` : `${t.path} 값이 ${c.cidrs.join(" 또는 ")} 범위 안`;
    case "notIn":
      return en ? `${t.path} not in ${c.cidrs.join(" or ")}` : `${t.path} 값이 ${c.cidrs.join(", ")} 범위 밖`;
    case "present":
      return en ? `${t.path} ${c.value ? "is set" : "is not set"}` : `${t.path} ${c.value ? "있음" : "없음"}`;
    case "contains":
      return en ? `${t.path} contains ${value(c.value)}` : `${t.path}에 ${value(c.value)} 포함`;
  }
}

/** The author's words for this predicate, or words made from it. */
export function describe(p: Predicate, lang: Lang): string {
  const own = p[lang];
  if (own) return own;
  const en = lang === "en";
  switch (p.op) {
    case "all":
      return p.of.map((q) => describe(q, lang)).join(en ? "; and " : "; 그리고 ");
    case "any":
      return (en ? "one of: " : "다음 중 하나: ") + p.of.map((q) => describe(q, lang)).join(en ? "; or " : "; 또는 ");
    case "not":
      return (en ? "not: " : "다음이 아님: ") + describe(p.of, lang);
    case "exists":
      return en ? `${targetText(p.target, lang)} exists` : `${targetText(p.target, lang)} 있음`;
    case "absent":
      return en ? `no ${targetText(p.target, lang)}` : `${targetText(p.target, lang)} 없음`;
    case "count":
      return en
        ? `${targetText(p.target, lang)}: ${OPS.en[p.compare]} ${p.value}`
        : `${targetText(p.target, lang)}: ${p.value}개${p.compare === "==" ? "" : ` ${OPS.ko[p.compare]}`}`;
    case "test":
      return en ? `${targetText(p.target, lang)}: ${testText(p.test, lang)}` : `${targetText(p.target, lang)}: ${testText(p.test, lang)}`;
  }
}

/**
 * What does not hold yet, as short sentences: an `all` lists its failing parts, anything else (or
 * anything the author described) is one item. Empty when the goal holds.
 */
export function missing(p: Predicate, state: ClusterState, lang: Lang): string[] {
  if (holds(p, state)) return [];
  if (p.op === "all" && !p[lang]) return p.of.flatMap((q) => missing(q, state, lang));
  return [describe(p, lang) + now(p, state, lang)];
}

function now(p: Predicate, state: ClusterState, lang: Lang): string {
  if (p.op === "count") return lang === "en" ? ` (now ${matchTarget(p.target, state).length})` : ` (지금 ${matchTarget(p.target, state).length}개)`;
  if (p.op === "test" && p.test.type === "field") {
    const found = matchTarget({ ...p.target }, state);
    if (found.length === 1) {
      const values = resolvePath(found[0], p.test.segments);
      const shown = values.length === 0 ? (lang === "en" ? "not set" : "없음") : values.map(value).join(", ");
      return lang === "en" ? ` (now: ${shown})` : ` (지금: ${shown})`;
    }
  }
  return "";
}
