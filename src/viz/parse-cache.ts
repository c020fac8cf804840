/**
 * ParseCache remembers parsed IPs and CIDRs by their text. Parsing is strict and costs tens of
 * microseconds per address; a view rebuilt on every cache change would parse the same ten thousand pod
 * IPs again each time. One cache per view instance (never module-level: one page may hold several
 * sandboxes), bounded so a long session does not grow it without end.
 */
import { CIDR, IP } from "../net/index.ts";

const MAX_ENTRIES = 50_000;

export class ParseCache {
  readonly #ips = new Map<string, IP | null>();
  readonly #cidrs = new Map<string, CIDR | null>();

  ip(text: string): IP | null {
    let v = this.#ips.get(text);
    if (v === undefined) {
      if (this.#ips.size >= MAX_ENTRIES) this.#ips.clear();
      v = IP.tryParse(text);
      this.#ips.set(text, v);
    }
    return v;
  }

  cidr(text: string): CIDR | null {
    let v = this.#cidrs.get(text);
    if (v === undefined) {
      if (this.#cidrs.size >= MAX_ENTRIES) this.#cidrs.clear();
      v = CIDR.tryParse(text);
      this.#cidrs.set(text, v);
    }
    return v;
  }
}
