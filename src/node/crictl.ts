/**
 * crictl against a machine's container runtime (cri-tools v1.34: cmd/crictl/container.go, sandbox.go,
 * display.go): `ps [-a] [-q] [--name RE] [--state S] [--pod ID] [--no-trunc]`, `pods`, `images`,
 * `logs [--tail N] ID`, `inspect` is not modelled. Tables use Go's tabwriter with minwidth 20, padding 3.
 */
import { tabwrite } from "../kubectl/printers/tabwriter.ts";
import { humanDurationUnits } from "./go-units.ts";
import type { Container, ContainerRuntime } from "./runtime.ts";

type Result = { stdout: string; stderr: string; exitCode: number };

const TABLE = { minwidth: 20, padding: 3 } as const;
const trunc = (id: string, all: boolean) => (all ? id : id.slice(0, 13));

function table(rows: string[][]): string {
  return tabwrite(rows.map((r) => `${r.join("\t")}\n`).join(""), { minwidth: TABLE.minwidth, padding: TABLE.padding });
}

function opt(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i]!.startsWith(`${n}=`)) return args[i]!.slice(n.length + 1);
    }
  }
  return undefined;
}

export function crictl(args: readonly string[], rt: ContainerRuntime, now: number): Result {
  const [sub, ...rest] = args;
  const noTrunc = rest.includes("--no-trunc");
  switch (sub) {
    case "ps": {
      const all = rest.includes("-a") || rest.includes("--all");
      const quiet = rest.includes("-q") || rest.includes("--quiet");
      const name = opt(rest, "--name");
      const state = opt(rest, "--state", "-s")?.toLowerCase();
      const pod = opt(rest, "--pod", "-p");
      let cs = rt.containers.filter((c) => (state ? c.state.toLowerCase() === state : all || c.state === "Running"));
      if (name) {
        let re: RegExp;
        try {
          re = new RegExp(name);
        } catch {
          return { stdout: "", stderr: `FATA[0000] listing containers: invalid regexp "${name}"\n`, exitCode: 1 };
        }
        cs = cs.filter((c) => re.test(c.name));
      }
      if (pod) cs = cs.filter((c) => c.sandboxId.startsWith(pod));
      if (rest.includes("--latest") || rest.includes("-l")) cs = cs.slice(-1);
      // Newest first, as crictl sorts by creation time.
      cs = [...cs].sort((a, b) => b.createdAt - a.createdAt || rt.containers.indexOf(b) - rt.containers.indexOf(a));
      if (quiet) return { stdout: cs.map((c) => `${c.id}\n`).join(""), stderr: "", exitCode: 0 };
      const rows = [["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"]];
      for (const c of cs) {
        const s = rt.sandboxOf(c);
        rows.push([trunc(c.id, noTrunc), noTrunc ? `sha256:${c.imageId}` : c.imageId.slice(0, 13), `${humanDurationUnits(now - c.createdAt)} ago`, c.state, c.name, String(c.attempt), trunc(c.sandboxId, noTrunc), s?.name ?? "", s?.namespace ?? ""]);
      }
      return { stdout: table(rows), stderr: "", exitCode: 0 };
    }
    case "pods": {
      const quiet = rest.includes("-q") || rest.includes("--quiet");
      const ss = [...rt.sandboxes].sort((a, b) => b.createdAt - a.createdAt);
      if (quiet) return { stdout: ss.map((s) => `${s.id}\n`).join(""), stderr: "", exitCode: 0 };
      const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
      for (const s of ss) rows.push([trunc(s.id, noTrunc), `${humanDurationUnits(now - s.createdAt)} ago`, s.state, s.name, s.namespace, String(s.attempt), "(default)"]);
      return { stdout: table(rows), stderr: "", exitCode: 0 };
    }
    case "images": {
      const seen = new Map<string, Container>();
      for (const c of rt.containers) if (!seen.has(c.image)) seen.set(c.image, c);
      const rows = [["IMAGE", "TAG", "IMAGE ID", "SIZE"]];
      for (const [image, c] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const at = image.lastIndexOf(":");
        rows.push([image.slice(0, at), image.slice(at + 1), c.imageId.slice(0, 13), IMAGE_SIZES[image.slice(0, at)] ?? "10.2MB"]);
      }
      return { stdout: table(rows), stderr: "", exitCode: 0 };
    }
    case "logs": {
      const id = rest.filter((a, i) => !a.startsWith("-") && !/^--(tail|since|stream)$/.test(rest[i - 1] ?? "")).pop();
      if (!id) return { stdout: "", stderr: 'FATA[0000] ID cannot be empty\n', exitCode: 1 };
      const matches = rt.containers.filter((c) => c.id.startsWith(id));
      if (matches.length !== 1) {
        const why = matches.length === 0 ? "not found" : "multiple containers match";
        return { stdout: "", stderr: `FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": ${why}\n`, exitCode: 1 };
      }
      let lines = matches[0]!.logs;
      const tail = opt(rest, "--tail");
      if (tail !== undefined && Number(tail) >= 0) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
      // Component logs are stderr (klog); crictl prints both streams.
      return { stdout: "", stderr: lines.map((l) => `${l}\n`).join(""), exitCode: 0 };
    }
    case undefined:
    case "--help":
    case "-h":
      return { stdout: HELP, stderr: "", exitCode: 0 };
    default:
      return { stdout: "", stderr: `FATA[0000] the sandbox's crictl knows ps, pods, images and logs; "${sub}" is not modelled\n`, exitCode: 1 };
  }
}

/** Compressed sizes of the v1.34 images as `crictl images` shows them (approximate; coredns from reference §3.3). */
const IMAGE_SIZES: Record<string, string> = {
  "registry.k8s.io/kube-apiserver": "27.1MB",
  "registry.k8s.io/kube-controller-manager": "22.8MB",
  "registry.k8s.io/kube-scheduler": "17.4MB",
  "registry.k8s.io/kube-proxy": "26MB",
  "registry.k8s.io/etcd": "22.9MB",
  "registry.k8s.io/coredns/coredns": "22.4MB",
  "registry.k8s.io/pause": "320kB",
};

const HELP = `NAME:
   crictl - client for CRI

USAGE:
   crictl command [command options]

COMMANDS:
   images, image, img  List images
   logs                Fetch the logs of a container
   pods                List pods
   ps                  List containers
`;
