/**
 * `ps aux` and `ps -ef` on a machine: init, containerd, the kubelet with its real flags, one shim and
 * pause process per pod sandbox, and every running container's command line (what learners grep for:
 * `ps aux | grep kube-apiserver | tr ' ' '\n' | grep service-cluster-ip-range`). Columns follow procps-ng,
 * including how it borrows padding from later columns when a value is wider than its column.
 */
import type { ContainerRuntime } from "./runtime.ts";

export interface Process {
  user: string;
  pid: number;
  ppid: number;
  cpu: number;
  mem: number;
  vsz: number;
  rss: number;
  tty: string;
  stat: string;
  start: number;
  /** CPU time in seconds. */
  time: number;
  command: string;
}

export interface MachineView {
  hostname: string;
  bootTime: number;
  /** null on a machine that is not a node. */
  runtime: ContainerRuntime | null;
  kubeletFlags: string[] | null;
  /** A node's kube-proxy runs as a pod (kubeadm, kind, AKS): its containers come from the runtime. */
}

const KUBELET_FLAGS = [
  "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
  "--kubeconfig=/etc/kubernetes/kubelet.conf",
  "--config=/var/lib/kubelet/config.yaml",
  "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
  "--node-ip=",
  "--pod-infra-container-image=registry.k8s.io/pause:3.10.1",
];

export function kubeletCommandLine(nodeIP: string): string {
  return ["/usr/bin/kubelet", ...KUBELET_FLAGS.map((f) => (f === "--node-ip=" ? `--node-ip=${nodeIP}` : f))].join(" ");
}

/** The processes of a machine at `now`. */
export function processes(m: MachineView, now: number, nodeIP: string | null, shellCommand: string): Process[] {
  const out: Process[] = [];
  const up = (t: number) => Math.max(0, Math.floor((now - t) / 1000));
  const add = (p: Omit<Process, "user" | "tty"> & { user?: string; tty?: string }) => out.push({ user: "root", tty: "?", ...p });
  add({ pid: 1, ppid: 0, cpu: 0, mem: 0.1, vsz: 167_724, rss: 12_340, stat: "Ss", start: m.bootTime, time: Math.floor(up(m.bootTime) / 600), command: "/sbin/init" });
  add({ pid: 412, ppid: 1, cpu: 0, mem: 0.2, vsz: 48_216, rss: 16_872, stat: "Ss", start: m.bootTime, time: 0, command: "/lib/systemd/systemd-journald" });
  add({ pid: 735, ppid: 1, cpu: 0, mem: 0.1, vsz: 15_436, rss: 9_012, stat: "Ss", start: m.bootTime, time: 0, command: "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups" });
  if (m.runtime) {
    add({ pid: 812, ppid: 1, cpu: 0.6, mem: 1.2, vsz: 2_210_004, rss: 49_876, stat: "Ssl", start: m.bootTime, time: Math.floor(up(m.bootTime) / 150), command: "/usr/bin/containerd" });
    if (m.kubeletFlags) {
      add({ pid: 1024, ppid: 1, cpu: 1.4, mem: 2.1, vsz: 2_341_884, rss: 86_120, stat: "Ssl", start: m.bootTime, time: Math.floor(up(m.bootTime) / 70), command: m.kubeletFlags.join(" ") });
    }
    for (const s of m.runtime.sandboxes) {
      if (s.state !== "Ready") continue;
      const shim = 1500 + (parseInt(s.id.slice(0, 4), 16) % 400);
      add({ pid: shim, ppid: 1, cpu: 0, mem: 0.3, vsz: 1_238_004, rss: 13_480, stat: "Sl", start: s.createdAt, time: 0, command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${s.id} -address /run/containerd/containerd.sock` });
      add({ pid: shim + 20, ppid: shim, cpu: 0, mem: 0, vsz: 1_020, rss: 4, stat: "Ss", start: s.createdAt, time: 0, command: "/pause" });
      for (const c of m.runtime.containers) {
        if (c.sandboxId !== s.id || c.state !== "Running") continue;
        const heavy = c.name === "kube-apiserver" || c.name === "etcd";
        add({ pid: c.pid, ppid: shim, cpu: heavy ? 3.3 : 0.8, mem: heavy ? 1.8 : 0.9, vsz: heavy ? 1_043_132 : 1_285_424, rss: heavy ? 308_520 : 58_420, stat: "Ssl", start: c.startedAt ?? now, time: Math.floor(up(c.startedAt ?? now) / (heavy ? 30 : 120)), command: c.command.join(" ") });
      }
    }
  }
  void nodeIP;
  add({ pid: 4241, ppid: 735, cpu: 0, mem: 0.1, vsz: 8_788, rss: 5_516, tty: "pts/0", stat: "Ss", start: m.bootTime, time: 0, command: "-bash" });
  add({ pid: 4242, ppid: 4241, cpu: 0, mem: 0, vsz: 10_072, rss: 3_420, tty: "pts/0", stat: "R+", start: now, time: 0, command: shellCommand });
  return out.sort((a, b) => a.pid - b.pid);
}

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

function cpuTime(s: number): string {
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * procps-ng prints each column at its width; a value wider than its column pushes the rest of the line
 * right, and later columns give back that overflow out of their padding (output.c's "correct" logic).
 */
function columns(cells: { text: string; width: number; left?: boolean }[]): string {
  let line = "";
  let debt = 0;
  cells.forEach((c, i) => {
    if (i > 0) line += " ";
    const pad = Math.max(0, c.width - c.text.length);
    const give = Math.min(pad, debt);
    debt = debt - give + Math.max(0, c.text.length - c.width);
    const spaces = " ".repeat(pad - give);
    line += c.left ? c.text + (i === cells.length - 1 ? "" : spaces) : spaces + c.text;
  });
  return line;
}

export function psAux(procs: readonly Process[]): string {
  const head = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n";
  return (
    head +
    procs
      .map(
        (p) =>
          `${columns([
            { text: p.user, width: 8, left: true },
            { text: String(p.pid), width: 7 },
            { text: p.cpu.toFixed(1), width: 4 },
            { text: p.mem.toFixed(1), width: 4 },
            { text: String(p.vsz), width: 6 },
            { text: String(p.rss), width: 5 },
            { text: p.tty, width: 8, left: true },
            { text: p.stat, width: 4, left: true },
            { text: hhmm(p.start), width: 5 },
            { text: cpuTime(p.time), width: 6 },
            { text: p.command, width: 0, left: true },
          ])}\n`,
      )
      .join("")
  );
}

export function psEf(procs: readonly Process[]): string {
  const head = "UID          PID    PPID  C STIME TTY          TIME CMD\n";
  const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return (
    head +
    procs
      .map(
        (p) =>
          `${columns([
            { text: p.user, width: 8, left: true },
            { text: String(p.pid), width: 7 },
            { text: String(p.ppid), width: 7 },
            { text: String(Math.floor(p.cpu)), width: 2 },
            { text: hhmm(p.start), width: 5 },
            { text: p.tty, width: 8, left: true },
            { text: hms(p.time), width: 8 },
            { text: p.command, width: 0, left: true },
          ])}\n`,
      )
      .join("")
  );
}
