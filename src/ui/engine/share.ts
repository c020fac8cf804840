/**
 * A shareable session: the preset, the seed and the journal of commands, deflated and written in
 * base64url so it fits in a link (`?state=…`). Replaying the journal on the same seed rebuilds the same
 * cluster, so nothing of the cluster itself travels. A link that grows past MAX_LINK_CHARS is not
 * offered: the same text goes to a file instead (export/import).
 *
 * The browser's own CompressionStream does the deflating: no library, nothing fetched.
 */
import type { JournalEntry } from "../../worker/protocol.ts";
import { validateSession, type SavedSession } from "./persistence.ts";

export const STATE_PARAM = "state";
/** Browsers and chat tools handle far longer URLs, but a link people paste should stay readable. */
export const MAX_LINK_CHARS = 4000;
/** Format tag of the packed form; a different one is refused with a clear message. */
const PACK_VERSION = "1";

/**
 * The compact form: times relative to the session's start, so a link does not carry thirteen-digit
 * epoch numbers for every command.
 */
interface Packed {
  p: "default" | "none";
  s: number;
  t: number;
  k: number;
  j: Array<[string, number] | [string, number, number]>;
}

export function pack(session: SavedSession): Packed {
  const t = session.options.startTime;
  return {
    p: session.options.preset,
    s: session.options.seed,
    t,
    k: session.skew,
    j: session.journal.map((e) => (e.abortAfter === undefined ? [e.command, e.at - t] : [e.command, e.at - t, e.abortAfter])),
  };
}

export function unpack(v: unknown): SavedSession | string {
  if (!v || typeof v !== "object") return "not an object";
  const p = v as Partial<Packed>;
  if (!Array.isArray(p.j) || typeof p.t !== "number") return "bad journal";
  const journal: JournalEntry[] = [];
  for (const e of p.j) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || typeof e[1] !== "number") return "bad journal";
    journal.push(e.length > 2 && typeof e[2] === "number" ? { command: e[0], at: p.t + e[1], abortAfter: e[2] } : { command: e[0], at: p.t + e[1] });
  }
  // The full shape check of saved sessions applies to links too: one gate for everything restored.
  return validateSession({ version: 1, options: { preset: p.p, seed: p.s, startTime: p.t }, journal, skew: p.k });
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The session as the text of a `state` parameter. */
export async function encodeState(session: SavedSession): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(pack(session)));
  return PACK_VERSION + toBase64Url(await pipe(json, new CompressionStream("deflate-raw")));
}

/** The session from a `state` parameter, or why it cannot be used. */
export async function decodeState(text: string): Promise<SavedSession | string> {
  if (!text.startsWith(PACK_VERSION)) return "unknown link format";
  try {
    const bytes = await pipe(fromBase64Url(text.slice(PACK_VERSION.length)), new DecompressionStream("deflate-raw"));
    return unpack(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return "the link is damaged";
  }
}

/** A link to `base` that reproduces the session, or null when it would be too long for a link. */
export async function shareLink(base: string, session: SavedSession): Promise<string | null> {
  const url = new URL(base);
  url.searchParams.set(STATE_PARAM, await encodeState(session));
  const link = url.toString();
  return link.length <= MAX_LINK_CHARS ? link : null;
}

/** The export file: the saved session as it is kept in the browser, readable JSON. */
export function exportFile(session: SavedSession): string {
  return `${JSON.stringify(session, null, 2)}\n`;
}

export function importFile(text: string): SavedSession | string {
  try {
    return validateSession(JSON.parse(text));
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
}
