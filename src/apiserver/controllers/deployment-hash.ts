/**
 * The pod-template-hash of a Deployment's template (and the controller-revision-hash of a DaemonSet's).
 * Upstream (pkg/controller/controller_utils.go ComputeHash) feeds hashutil.DeepHashObject — a spew dump
 * of the Go struct — and the collision count into FNV-32a, then prints the sum with
 * rand.SafeEncodeString. The spew dump of a Go struct cannot be reproduced outside Go, so the sandbox
 * hashes the template's canonical JSON (keys sorted) with FNV-32a instead and encodes it the same way:
 * the names look like real ones (`nginx-7854ff8877`, only the characters 4-9, b, c, d and f) and stay
 * stable for a given template, but differ from what a real cluster would print for the same template.
 */
import { sortKeysDeep } from "../machinery/gofmt.ts";

/** rand.SafeEncodeString's alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no 0/1/3. */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export function safeEncodeString(s: string): string {
  let out = "";
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(JSON.stringify(sortKeysDeep(template ?? null))));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 of the count, written into the same hasher.
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(buf, h);
  }
  return safeEncodeString(String(h));
}
