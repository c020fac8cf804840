/**
 * The tools a learner uses on a node: `ps`, `crictl`, `journalctl -u kubelet`. Each shell gets its own
 * set, bound to its machine, so `ssh node01 crictl ps` shows node01's containers.
 */
import { defineCommand, type CustomCommand } from "just-bash";
import { crictl } from "../../node/crictl.ts";
import { kubeletCommandLine, processes, psAux, psEf } from "../../node/ps.ts";
import type { Session } from "../session.ts";

export function nodeToolCommands(session: Session, hostname: string): CustomCommand[] {
  const machine = () => session.lab.machines.get(hostname);
  return [
    defineCommand("ps", async (args) => {
      const m = machine();
      const kubelet = m?.kubelet ?? null;
      const view = {
        hostname,
        bootTime: m?.bootTime ?? session.clock.now(),
        runtime: kubelet?.runtime ?? null,
        kubeletFlags: kubelet ? kubeletCommandLine(m!.addresses[0] ?? "").split(" ") : null,
      };
      const procs = processes(view, session.clock.now(), m?.addresses[0] ?? null, ["ps", ...args].join(" "));
      const flags = args.join(" ");
      if (args.length === 0) {
        // Plain `ps`: this terminal's processes only.
        const mine = procs.filter((p) => p.tty === "pts/0");
        const lines = ["    PID TTY          TIME CMD", ...mine.map((p) => `${String(p.pid).padStart(7)} ${p.tty.padEnd(8)} 00:00:00 ${p.command.split(" ")[0]!.replace(/^-/, "")}`)];
        return { stdout: lines.join("\n") + "\n", stderr: "", exitCode: 0 };
      }
      if (/^-?[aux]+$/.test(flags) && flags.replace("-", "").split("").sort().join("") === "aux") return { stdout: psAux(procs), stderr: "", exitCode: 0 };
      if (flags === "-ef" || flags === "-e -f" || flags === "-aef") return { stdout: psEf(procs), stderr: "", exitCode: 0 };
      return { stdout: "", stderr: `error: the sandbox's ps knows "ps", "ps aux" and "ps -ef"\n`, exitCode: 1 };
    }),
    defineCommand("crictl", async (args) => {
      const kubelet = machine()?.kubelet;
      if (!kubelet) {
        return {
          stdout: "",
          stderr: `E${stamp(session.clock.now())}    4321 remote_runtime.go:1089] "ListContainers with filter from runtime service failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory\\""\nFATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n`,
          exitCode: 1,
        };
      }
      return crictl(args, kubelet.runtime, session.clock.now());
    }),
    defineCommand("journalctl", async (args) => {
      const unit = args[args.indexOf("-u") + 1] ?? args.find((a) => a.startsWith("--unit="))?.slice(7);
      if (!args.includes("-u") && !unit) return { stdout: "", stderr: "error: the sandbox's journalctl shows one unit: journalctl -u kubelet\n", exitCode: 1 };
      if (unit !== "kubelet" && unit !== "kubelet.service") return { stdout: "-- No entries --\n", stderr: "", exitCode: 0 };
      const kubelet = machine()?.kubelet;
      let lines = kubelet?.journal ?? [];
      const n = args.includes("-n") ? Number(args[args.indexOf("-n") + 1]) : undefined;
      if (n !== undefined && n >= 0) lines = lines.slice(Math.max(0, lines.length - n));
      if (lines.length === 0) return { stdout: "-- No entries --\n", stderr: "", exitCode: 0 };
      return { stdout: lines.map((l) => `${journalStamp(l.at)} ${hostname} kubelet[1024]: ${l.line}\n`).join(""), stderr: "", exitCode: 0 };
    }),
    defineCommand("hostname", async (args) => {
      const m = machine();
      if (args[0] === "-I" || args[0] === "--all-ip-addresses") return { stdout: `${(m?.addresses ?? []).join(" ")} \n`, stderr: "", exitCode: 0 };
      if (args[0] === "-i") return { stdout: `${m?.addresses[0] ?? "127.0.1.1"}\n`, stderr: "", exitCode: 0 };
      return { stdout: `${hostname}\n`, stderr: "", exitCode: 0 };
    }),
  ];
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function journalStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
