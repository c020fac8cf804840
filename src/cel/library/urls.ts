/**
 * The Kubernetes URL library (`kubernetes.urls`, k8s.io/apiserver/pkg/cel/library/urls.go): url(),
 * isURL() and the accessors, over a port of the parts of Go's net/url ParseRequestURI that decide
 * what is a URL (an absolute URI or an absolute path) and how host, port and query split.
 */
import type { Environment } from "@marcbachmann/cel-js";
import { goQuote } from "../../apiserver/machinery/gofmt.ts";
import { celError } from "./errors.ts";

export class CelURL {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly path: string,
    readonly rawQuery: string,
    readonly opaque: string,
  ) {}

  /** URL.Hostname: the host without port and without IPv6 brackets. */
  hostname(): string {
    const { host } = splitHostPort(this.host);
    return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  }

  port(): string {
    return splitHostPort(this.host).port;
  }

  toString(): string {
    let s = this.scheme ? `${this.scheme}:` : "";
    if (this.opaque) s += this.opaque;
    else {
      if (this.host || this.scheme) s += `//${this.host}`;
      s += this.path;
    }
    return this.rawQuery ? `${s}?${this.rawQuery}` : s;
  }
}

function splitHostPort(hostport: string): { host: string; port: string } {
  const colon = hostport.lastIndexOf(":");
  if (colon >= 0 && colon > hostport.lastIndexOf("]") && /^[0-9]*$/.test(hostport.slice(colon + 1))) {
    return { host: hostport.slice(0, colon), port: hostport.slice(colon + 1) };
  }
  return { host: hostport, port: "" };
}

/** url.getScheme. */
function getScheme(raw: string): { scheme: string; rest: string } | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: "", rest: raw };
      continue;
    }
    if (c === ":") {
      if (i === 0) return "missing protocol scheme";
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: "", rest: raw };
  }
  return { scheme: "", rest: raw };
}

/** url.ParseRequestURI; a string is the Go error text (`parse "x": invalid URI for request`). */
export function parseRequestURI(raw: string): CelURL | string {
  const fail = (msg: string) => `parse ${goQuote(raw)}: ${msg}`;
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail("net/url: invalid control character in URL");
  if (raw === "") return fail("empty url");
  if (raw === "*") return new CelURL("", "", "*", "", "");
  const s = getScheme(raw);
  if (typeof s === "string") return fail(s);
  const scheme = s.scheme.toLowerCase();
  let rest = s.rest;
  let rawQuery = "";
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (scheme) return new CelURL(scheme, "", "", rawQuery, rest);
    return fail("invalid URI for request");
  }
  let host = "";
  if (scheme && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf("@");
    host = at >= 0 ? authority.slice(at + 1) : authority;
    const hostErr = checkHost(host);
    if (hostErr) return fail(hostErr);
  }
  if (/%(?![0-9a-fA-F]{2})/.test(rest)) {
    const m = /%(?![0-9a-fA-F]{2}).{0,2}/.exec(rest)!;
    return fail(`invalid URL escape ${goQuote(m[0])}`);
  }
  return new CelURL(scheme, host, rest, rawQuery, "");
}

/** parseHost's refusals that matter here: an unclosed IPv6 literal and a non-numeric port. */
function checkHost(host: string): string | undefined {
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close < 0) return "missing ']' in host";
    const after = host.slice(close + 1);
    if (after && !/^:[0-9]*$/.test(after)) return `invalid port ${goQuote(after)} after host`;
    return undefined;
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && !/^[0-9]*$/.test(host.slice(colon + 1))) return `invalid port ${goQuote(host.slice(colon))} after host`;
  return undefined;
}

/** shouldEscape(c, encodePath): what a path may hold as it is. */
function pathSafe(c: string): boolean {
  return /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c);
}

/**
 * URL.EscapedPath: the path as written when that is a valid encoding of it (validEncoded), else the
 * decoded path escaped again (`/path with spaces/` → `/path%20with%20spaces/`).
 */
export function escapedPath(raw: string): string {
  const valid = [...raw].every((c) => pathSafe(c) || "!'()*[]%".includes(c));
  if (valid) return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  let out = "";
  for (const b of new TextEncoder().encode(decoded)) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && pathSafe(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function unescapeQuery(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** url.ParseQuery: pairs split on '&', bad pairs skipped; map<string, list<string>>. */
function parseQuery(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of raw.split("&")) {
    if (part === "" || part.includes(";")) continue;
    const eq = part.indexOf("=");
    const k = unescapeQuery(eq >= 0 ? part.slice(0, eq) : part);
    const v = unescapeQuery(eq >= 0 ? part.slice(eq + 1) : "");
    if (k === undefined || v === undefined) continue;
    (out[k] ??= []).push(v);
  }
  return out;
}

function toURL(s: string): CelURL {
  const u = parseRequestURI(s);
  if (typeof u === "string") throw celError(`URL parse error during conversion from string: ${u}`);
  return u;
}

export function registerURLsLibrary(env: Environment): void {
  env
    .registerType("kubernetes.URL", { ctor: CelURL, fields: {} })
    .registerFunction("url(string): kubernetes.URL", (s: string) => toURL(s))
    .registerFunction("isURL(string): bool", (s: string) => typeof parseRequestURI(s) !== "string")
    .registerFunction("kubernetes.URL.getScheme(): string", (u: CelURL) => u.scheme)
    .registerFunction("kubernetes.URL.getHost(): string", (u: CelURL) => u.host)
    .registerFunction("kubernetes.URL.getHostname(): string", (u: CelURL) => u.hostname())
    .registerFunction("kubernetes.URL.getPort(): string", (u: CelURL) => u.port())
    .registerFunction("kubernetes.URL.getEscapedPath(): string", (u: CelURL) => escapedPath(u.path))
    .registerFunction("kubernetes.URL.getQuery(): map<string, list<string>>", (u: CelURL) => parseQuery(u.rawQuery))
    .registerFunction("string(kubernetes.URL): string", (u: CelURL) => u.toString());
}
