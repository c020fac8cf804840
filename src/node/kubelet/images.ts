/**
 * Container image references as the kubelet reports them: the normalized name containerd resolves
 * (`nginx` → `docker.io/library/nginx:latest`), a repo digest for imageID, and the image's size in the
 * Pulled event. Digests and sizes are derived from the name, so the same image has the same digest on
 * every node and in every session, as it would within one real registry snapshot.
 */

/** reference.ParseNormalizedNamed + TagNameOnly: docker.io/library for bare names, :latest without tag or digest. */
export function normalizeImage(image: string): string {
  let name = image;
  const firstSlash = name.indexOf("/");
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : "";
  const hasRegistry = firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (!hasRegistry) name = `docker.io/${firstSlash >= 0 ? name : `library/${name}`}`;
  const lastSlash = name.lastIndexOf("/");
  if (!name.includes("@") && !name.slice(lastSlash).includes(":")) name += ":latest";
  return name;
}

/** The repository part: no tag, no digest. */
export function repository(normalized: string): string {
  const at = normalized.indexOf("@");
  const noDigest = at >= 0 ? normalized.slice(0, at) : normalized;
  const colon = noDigest.lastIndexOf(":");
  return colon > noDigest.lastIndexOf("/") ? noDigest.slice(0, colon) : noDigest;
}

function fnv(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 64 hex digits that depend only on the text. */
export function digestOf(text: string): string {
  let out = "";
  for (let i = 0; out.length < 64; i++) out += fnv(text, i).toString(16).padStart(8, "0");
  return out.slice(0, 64);
}

/** `docker.io/library/nginx@sha256:...`: the imageID a container status carries. */
export function imageID(image: string): string {
  const n = normalizeImage(image);
  return `${repository(n)}@sha256:${digestOf(n)}`;
}

/** Between 5 and 200 MB, stable per image. */
export function imageSize(image: string): number {
  return 5_000_000 + (fnv(normalizeImage(image), 99) % 195_000_000);
}
