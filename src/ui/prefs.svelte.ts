/** The page's own preferences (language, theme, layout), kept apart from the session so a reset keeps them. */
import type { Lang } from "./i18n.ts";

const KEY = "cidr-lab:prefs:v1";

export class Prefs {
  lang = $state<Lang>("en");
  theme = $state<"light" | "dark">("light");
  screenReader = $state(false);
  lessonOpen = $state(false);
  /** Terminal's share of the work area, in percent. */
  split = $state(52);
  fontSize = $state(14);

  constructor(private readonly storage: Storage) {
    let saved: Partial<Record<string, unknown>> = {};
    try {
      saved = JSON.parse(storage.getItem(KEY) ?? "{}") ?? {};
    } catch {
      saved = {};
    }
    const navLang = typeof navigator !== "undefined" && navigator.language?.startsWith("ko") ? "ko" : "en";
    this.lang = saved.lang === "ko" || saved.lang === "en" ? saved.lang : navLang;
    const dark = typeof matchMedia !== "undefined" && matchMedia("(prefers-color-scheme: dark)").matches;
    this.theme = saved.theme === "dark" || saved.theme === "light" ? saved.theme : dark ? "dark" : "light";
    this.screenReader = saved.screenReader === true;
    this.lessonOpen = saved.lessonOpen === true;
    this.split = typeof saved.split === "number" && saved.split >= 20 && saved.split <= 80 ? saved.split : 52;
    this.fontSize = typeof saved.fontSize === "number" && saved.fontSize >= 10 && saved.fontSize <= 28 ? saved.fontSize : 14;
  }

  save(): void {
    try {
      this.storage.setItem(KEY, JSON.stringify({ lang: this.lang, theme: this.theme, screenReader: this.screenReader, lessonOpen: this.lessonOpen, split: this.split, fontSize: this.fontSize }));
    } catch {
      // preferences are a convenience
    }
  }
}
