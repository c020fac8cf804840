/** date on the virtual clock, so transcripts repeat; the default format and the common +FORMAT fields. */
import { defineCommand } from "just-bash";
import type { Session } from "../session.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const map: Record<string, string> = {
    a: DAYS[d.getUTCDay()]!,
    b: MONTHS[d.getUTCMonth()]!,
    d: p(d.getUTCDate()),
    e: String(d.getUTCDate()).padStart(2, " "),
    H: p(d.getUTCHours()),
    M: p(d.getUTCMinutes()),
    S: p(d.getUTCSeconds()),
    Y: String(d.getUTCFullYear()),
    m: p(d.getUTCMonth() + 1),
    y: p(d.getUTCFullYear() % 100),
    Z: "UTC",
    z: "+0000",
    s: String(Math.floor(ms / 1000)),
    N: p((ms % 1000) * 1_000_000, 9),
    T: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`,
    F: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`,
    "%": "%",
  };
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => map[c] ?? m);
}

export function dateCommand(session: Session) {
  return defineCommand("date", async (args) => {
    const fmt = args.find((a) => a.startsWith("+"));
    const utc = args.includes("-u") || args.includes("--utc");
    void utc;
    const out = formatDate(session.clock.now(), fmt ? fmt.slice(1) : "%a %b %e %H:%M:%S %Z %Y");
    return { stdout: `${out}\n`, stderr: "", exitCode: 0 };
  });
}
