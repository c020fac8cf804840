/**
 * `curl` inside a pod (`kubectl exec POD -- curl http://SERVICE[:PORT]`): the cluster DNS answer, the
 * packet's trip through the source node's kube-proxy rules (tracePacket), and the answer of the server
 * that runs behind the chosen endpoint. Unless -s is given the trip is printed first, one `*` line per
 * step in the style of curl -v, so the learner sees why this endpoint answered. The sandbox has no
 * processes: a pod answers HTTP when its image is a known web server (nginx, httpd, agnhost) and refuses
 * the connection otherwise, as a container with nothing listening does.
 */
import type { TraceResult, TraceStep, TraceWorld } from "./trace.ts";
import { tracePacket } from "./trace.ts";
import { formatRoute, lookupRoute, nodeRoutes } from "./node-net.ts";
import { parseIPSloppy } from "../net/index.ts";

export interface CurlPod {
  namespace: string;
  name: string;
  node: string;
  ip: string;
  images: string[];
  /** A hostNetwork pod sends from the node itself: nat OUTPUT rather than PREROUTING. */
  hostNetwork?: boolean;
}

export interface CurlWorld {
  trace: TraceWorld;
  /** The cluster DNS for a client in `namespace`; undefined for NXDOMAIN. */
  resolve(name: string, namespace: string): { fqdn: string; ips: string[] } | undefined;
  /** The pod that holds an IP, if any. */
  podByIP(ip: string): CurlPod | undefined;
  /** Uniform in [0, 1), from the cluster's seeded random source. */
  random(): number;
}

export interface CurlOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The trip, for the views (undefined when curl stopped before sending anything). */
  trace?: TraceResult;
  /** The URL curl was given. */
  url?: string;
}

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** nginx's default index.html (the 615-byte page every nginx image serves at /). */
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** What a pod's server answers on a port, or null when nothing listens there. */
function serverAnswer(pod: CurlPod, port: number, path: string): string | null {
  const image = (i: string) => pod.images.some((x) => x.split("/").pop()!.split(/[:@]/)[0] === i);
  if (image("nginx") && port === 80) return path === "/" || path === "/index.html" ? NGINX_INDEX : null;
  if (image("httpd") && port === 80) return "<html><body><h1>It works!</h1></body></html>\n";
  // agnhost's serve-hostname and netexec answer with the pod's hostname.
  if (image("agnhost")) return pod.name;
  return null;
}

interface Parsed {
  url: string;
  silent: boolean;
  showError: boolean;
  head: boolean;
}

function parseArgs(argv: readonly string[]): Parsed | { error: string; code: number } {
  let url: string | undefined;
  let silent = false;
  let showError = false;
  let head = false;
  const takesValue = new Set(["-m", "--max-time", "--connect-timeout", "-o", "--output", "-H", "--header", "-X", "--request", "-w", "--write-out", "-A", "--user-agent"]);
  const known = new Set(["-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-I", "--head", "-L", "--location", "-f", "--fail", "-k", "--insecure", "-i", "--include", "-4", "-6"]);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (takesValue.has(a)) {
      if (i + 1 >= argv.length) return { error: `curl: option ${a}: requires parameter\n${TRY}`, code: 2 };
      i++;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const flags = a.startsWith("--") ? [a] : [...a.slice(1)].map((c) => `-${c}`);
      for (const f of flags) {
        if (!known.has(f)) return { error: `curl: option ${a}: is unknown\n${TRY}`, code: 2 };
        if (f === "-s" || f === "--silent") silent = true;
        if (f === "-S" || f === "--show-error") showError = true;
        if (f === "-I" || f === "--head") head = true;
      }
      continue;
    }
    url ??= a;
  }
  if (url === undefined) return { error: `curl: no URL specified\n${TRY}`, code: 2 };
  return { url, silent, showError, head };
}

function splitURL(url: string): { scheme: string; host: string; port: number; path: string } | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(url);
  if (!m) return null;
  const scheme = (m[1] ?? "http").toLowerCase();
  const host = m[2]!.replace(/^\[|\]$/g, "");
  const port = m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80;
  return { scheme, host, port, path: (m[4] ?? "/").split(/[?#]/)[0] || "/" };
}

/** One line per step of the trip, as the curl handler prints them. */
export function formatTrip(steps: readonly TraceStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    switch (s.kind) {
      case "dns":
        out.push(s.answer.length ? `DNS: ${s.name} -> ${s.fqdn} -> ${s.answer.join(", ")}` : `DNS: ${s.name}: NXDOMAIN`);
        break;
      case "enter":
        out.push(`${s.node}: nat ${s.chain}: ${s.rule}`);
        break;
      case "match":
        out.push(`${s.node}: nat ${s.chain} rule ${s.line}: ${s.rule}`);
        break;
      case "masquerade-check":
        if (s.matched) out.push(`${s.chain}: marked for masquerade: ${s.rule}`);
        break;
      case "affinity-check":
        break;
      case "statistic":
        out.push(`${s.chain}: probability ${s.probability}, drew ${s.draw.toFixed(5)}: ${s.matched ? "match" : "no match"}`);
        break;
      case "jump":
        out.push(`${s.chain}: -> ${s.target}: ${s.rule}`);
        break;
      case "dnat":
        out.push(`${s.chain}: DNAT ${s.from} -> ${s.to}: ${s.rule}`);
        break;
      case "reject":
        out.push(`filter ${s.chain}: ${s.rule}`);
        break;
      case "ipvs":
        out.push(`${s.node}: IPVS ${s.virtualServer}${s.realServer ? ` -> ${s.realServer}` : " (no real servers)"}`);
        break;
      case "snat":
        out.push(`POSTROUTING: source ${s.from} -> ${s.to}${s.rule ? `: ${s.rule}` : ""}`);
        break;
      case "route":
        out.push(`${s.node}: route to ${s.destination}: ${s.route}${s.nextHopNode ? ` (${s.nextHopNode})` : ""}`);
        break;
      case "cloud-route":
        out.push(`Azure route table ${s.routeTable}: ${s.addressPrefix} -> ${s.nextHopIpAddress} (${s.node})`);
        break;
      case "deliver":
        out.push(`${s.node}: delivered to ${s.endpoint}${s.pod ? ` (pod ${s.pod})` : ""}`);
        break;
      case "unreachable":
        out.push(`unreachable: ${s.reason}`);
        break;
    }
  }
  return out;
}

/** Runs curl from a pod. */
export function curlFromPod(argv: readonly string[], from: CurlPod, world: CurlWorld): CurlOutcome {
  const args = parseArgs(argv);
  if ("error" in args) return { stdout: "", stderr: args.error, exitCode: args.code };
  const url = splitURL(args.url);
  const fail = (code: number, msg: string, trace?: TraceResult): CurlOutcome => ({
    url: args.url,
    stdout: trace && !args.silent ? trip(trace.steps) : "",
    stderr: !args.silent || args.showError ? `curl: (${code}) ${msg}\n` : "",
    exitCode: code,
    ...(trace ? { trace } : {}),
  });
  if (!url || !url.host) return fail(3, `URL rejected: Malformed input to a URL function`);
  if (url.scheme !== "http" && url.scheme !== "https") return fail(1, `Protocol "${url.scheme}" not supported`);
  const trace = tracePacket(world.trace, {
    from: { node: from.node, ...(from.hostNetwork ? {} : { podIP: from.ip }), namespace: from.namespace },
    to: url.host,
    port: url.port,
    random: () => world.random(),
    resolve: (name, ns) => world.resolve(name, ns),
  });
  const dst = trace.steps.find((s): s is Extract<TraceStep, { kind: "dns" }> => s.kind === "dns")?.answer[0] ?? parseIPSloppy(url.host)?.toString() ?? url.host;
  const where = `${url.host} port ${url.port}`;
  switch (trace.outcome) {
    case "unresolved":
      return fail(6, `Could not resolve host: ${url.host}`, trace);
    case "refused":
      return fail(7, `Failed to connect to ${where} after 0 ms: Couldn't connect to server`, trace);
    case "unreachable":
      return fail(7, `Failed to connect to ${where} after 3 ms: No route to host`, trace);
    case "no-service": {
      // Not a Service address: the packet goes straight to the pod that holds it, if one does.
      const pod = world.podByIP(dst);
      if (!pod) return fail(28, `Failed to connect to ${where} after 134000 ms: Couldn't connect to server`, trace);
      const route = lookupRoute(netRoutes(world, from.node), dst);
      if (route) trace.steps.push({ kind: "route", node: from.node, destination: dst, route: formatRoute(route), nextHopNode: route.toNode });
      trace.steps.push({ kind: "deliver", node: pod.node, endpoint: `${dst}:${url.port}`, pod: `${pod.namespace}/${pod.name}` });
      trace.outcome = "delivered";
      trace.endpoint = { ip: dst, port: url.port, node: pod.node, pod: pod.name };
      return answer(pod, url.port, url.path, trace, args, where);
    }
    case "delivered": {
      const ep = trace.endpoint!;
      const pod = world.podByIP(ep.ip);
      if (!pod) return fail(28, `Failed to connect to ${where} after 134000 ms: Couldn't connect to server`, trace);
      // A hand-written EndpointSlice may name no pod; the address still belongs to one.
      const last = trace.steps.at(-1);
      if (last?.kind === "deliver" && !last.pod) last.pod = `${pod.namespace}/${pod.name}`;
      return answer(pod, ep.port, url.path, trace, args, where);
    }
  }
}

function netRoutes(world: CurlWorld, node: string) {
  const net = world.trace.net(node);
  return net ? nodeRoutes(net) : [];
}

function trip(steps: readonly TraceStep[]): string {
  return formatTrip(steps).map((l) => `* ${l}\n`).join("");
}

function answer(pod: CurlPod, port: number, path: string, trace: TraceResult, args: Parsed, where: string): CurlOutcome {
  const body = serverAnswer(pod, port, path);
  const shown = args.silent ? "" : trip(trace.steps);
  if (body === null) {
    // Nothing listens on that port in the container: the kernel answers with a reset.
    return { stdout: shown, stderr: !args.silent || args.showError ? `curl: (7) Failed to connect to ${where} after 0 ms: Couldn't connect to server\n` : "", exitCode: 7, trace, url: args.url };
  }
  if (args.head) return { stdout: `${shown}HTTP/1.1 200 OK\r\nContent-Length: ${new TextEncoder().encode(body).length}\r\n\r\n`, stderr: "", exitCode: 0, trace, url: args.url };
  return { stdout: shown + body, stderr: "", exitCode: 0, trace, url: args.url };
}

/**
 * BusyBox `wget` (busybox and alpine images have it, not curl): `wget -qO- URL` prints the body, and
 * without -q the progress lines BusyBox writes to stderr. The trip is printed first unless -q.
 */
export function wgetFromPod(argv: readonly string[], from: CurlPod, world: CurlWorld): CurlOutcome {
  let quiet = false;
  let toStdout = false;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-O" || a === "--output-document") {
      toStdout = argv[++i] === "-";
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && !a.startsWith("--")) {
      const chars = a.slice(1);
      for (let j = 0; j < chars.length; j++) {
        const c = chars[j]!;
        if (c === "q") quiet = true;
        else if (c === "O") {
          const v = chars.slice(j + 1) || argv[++i];
          toStdout = v === "-";
          break;
        } else if (c !== "S") return { stdout: "", stderr: `wget: invalid option -- '${c}'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, exitCode: 1 };
      }
      continue;
    }
    if (a === "--quiet") quiet = true;
    else url ??= a;
  }
  if (url === undefined) return { stdout: "", stderr: "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n", exitCode: 1 };
  const r = curlFromPod(["curl", "-s", url], from, world);
  const shown = quiet || !r.trace ? "" : trip(r.trace.steps);
  const target = splitURL(url);
  const host = target?.host ?? url;
  const dst = r.trace?.steps.find((s): s is Extract<TraceStep, { kind: "dns" }> => s.kind === "dns")?.answer[0] ?? host;
  const base = { ...(r.trace ? { trace: r.trace } : {}), url };
  switch (r.exitCode) {
    case 0: {
      const size = new TextEncoder().encode(r.stdout).length;
      const progress = (name: string) => `${name.padEnd(20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
      const connecting = quiet ? "" : `Connecting to ${host}${target && target.port !== 80 ? `:${target.port}` : ""} (${dst}:${target?.port ?? 80})\n`;
      if (toStdout) return { ...base, stdout: shown + r.stdout, stderr: quiet ? "" : `${connecting}writing to stdout\n${progress("-")}written to stdout\n`, exitCode: 0 };
      return { ...base, stdout: shown, stderr: quiet ? "" : `${connecting}saving to 'index.html'\n${progress("index.html")}'index.html' saved\n`, exitCode: 0 };
    }
    case 6:
      return { ...base, stdout: shown, stderr: `wget: bad address '${host}'\n`, exitCode: 1 };
    case 28:
      return { ...base, stdout: shown, stderr: "wget: download timed out\n", exitCode: 1 };
    default:
      return { ...base, stdout: shown, stderr: `${quiet ? "" : `Connecting to ${host} (${dst}:${target?.port ?? 80})\n`}wget: can't connect to remote host (${dst}): Connection refused\n`, exitCode: 1 };
  }
}
