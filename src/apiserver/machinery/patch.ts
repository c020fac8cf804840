/**
 * The three patch formats the apiserver accepts (pkg/endpoints/handlers/patch.go): JSON merge patch
 * (RFC 7386), JSON patch (RFC 6902, written here because the errors must read like evanphx/json-patch's)
 * and strategic merge patch, which merges the lists Kubernetes marks with a patch strategy by their
 * merge key instead of replacing them.
 */
import { deepClone, deepEqual, isPlainObject } from "./object.ts";

export type PatchType = "json" | "merge" | "strategic";

export class PatchError extends Error {}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescape(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function parsePointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new PatchError(`invalid JSON pointer: "${path}"`);
  return path.slice(1).split("/").map(unescape);
}

function container(doc: unknown, tokens: string[], op: string, path: string): unknown {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function getAt(doc: unknown, path: string, op: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function arrayIndex(arr: unknown[], t: string, allowEnd: boolean, op: string, path: string): number {
  if (t === "-" && allowEnd) return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(t)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const i = Number(t);
  if (i > arr.length || (!allowEnd && i >= arr.length)) throw new PatchError(`unable to access invalid index: ${i}`);
  return i;
}

function remove(doc: unknown, path: string, op = "remove"): unknown {
  const tokens = parsePointer(path);
  const parent = container(doc, tokens, op, path);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, false, op, path);
    return parent.splice(i, 1)[0];
  }
  if (isPlainObject(parent) && last in parent) {
    const v = parent[last];
    delete parent[last];
    return v;
  }
  throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
}

function add(doc: unknown, path: string, value: unknown, op = "add"): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = container(doc, tokens, op, path);
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true, op, path), 0, value);
  else if (isPlainObject(parent)) parent[last] = value;
  else throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = deepClone(target);
  for (const raw of ops) {
    if (!isPlainObject(raw)) throw new PatchError("json: cannot unmarshal into Go value of type jsonpatch.Operation");
    const op = String(raw.op ?? "");
    const path = String(raw.path ?? "");
    switch (op) {
      case "add":
        doc = add(doc, path, deepClone(raw.value));
        break;
      case "remove":
        remove(doc, path);
        break;
      case "replace": {
        getAt(doc, path, "replace");
        const tokens = parsePointer(path);
        if (tokens.length === 0) doc = deepClone(raw.value);
        else {
          const parent = container(doc, tokens, "replace", path) as Record<string, unknown> | unknown[];
          const last = tokens[tokens.length - 1]!;
          if (Array.isArray(parent)) parent[arrayIndex(parent, last, false, "replace", path)] = deepClone(raw.value);
          else parent[last] = deepClone(raw.value);
        }
        break;
      }
      case "move": {
        const v = remove(doc, String(raw.from ?? ""), "move");
        doc = add(doc, path, v, "move");
        break;
      }
      case "copy":
        doc = add(doc, path, deepClone(getAt(doc, String(raw.from ?? ""), "copy")), "copy");
        break;
      case "test":
        if (!deepEqual(getAt(doc, path, "test"), raw.value)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

/** Lists merged by key under strategic merge patch (the patchMergeKey tags of k8s.io/api). */
const MERGE_KEYS: Record<string, string> = {
  ports: "port",
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  conditions: "type",
  ownerReferences: "uid",
  tolerations: "key",
  taints: "key",
  addresses: "type",
  imagePullSecrets: "name",
};
/** Lists of scalars merged as sets (patchStrategy:"merge" without a key). */
const SET_LISTS = new Set(["finalizers"]);

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    return deepClone(rest);
  }
  if (patch.$patch === "delete") return undefined;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$deleteFromPrimitiveList/")) {
      const field = k.slice("$deleteFromPrimitiveList/".length);
      const drop = new Set((Array.isArray(v) ? v : []).map(String));
      const cur = out[field];
      if (Array.isArray(cur)) {
        const kept = cur.filter((x) => !drop.has(String(x)));
        if (kept.length) out[field] = kept;
        else delete out[field];
      }
      continue;
    }
    if (k.startsWith("$")) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v) && SET_LISTS.has(k)) {
      const merged = Array.isArray(cur) ? [...cur] : [];
      for (const x of v) if (!merged.includes(x)) merged.push(x);
      out[k] = merged;
    } else if (Array.isArray(v) && MERGE_KEYS[k] && Array.isArray(cur)) {
      out[k] = mergeKeyedList(cur, v, MERGE_KEYS[k]!);
    } else if (isPlainObject(v)) {
      const merged = strategicMergePatch(cur, v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else {
      out[k] = deepClone(v);
    }
  }
  return out;
}

function mergeKeyedList(cur: unknown[], patch: unknown[], key: string): unknown[] {
  const out = cur.map((x) => deepClone(x));
  for (const item of patch) {
    if (!isPlainObject(item)) continue;
    const i = out.findIndex((x) => isPlainObject(x) && x[key] === item[key]);
    if (item.$patch === "delete") {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) {
      out[i] = strategicMergePatch(out[i], item);
    } else {
      const { $patch: _, ...rest } = item;
      out.push(deepClone(rest));
    }
  }
  return out;
}

export function applyPatch(type: PatchType, target: unknown, patch: unknown): unknown {
  switch (type) {
    case "json":
      return jsonPatch(target, patch);
    case "merge":
      return mergePatch(target, patch);
    case "strategic":
      return strategicMergePatch(target, patch);
  }
}
