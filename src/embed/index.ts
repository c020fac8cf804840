/**
 * `<cidr-lab>`: the sandbox as a custom element for documentation pages. Attributes (all optional):
 * preset, seed, script, views, height, theme, lang, readonly (see config.ts). Each element
 * runs its own engine worker; nothing is fetched from elsewhere and nothing is evaluated, so it works
 * under `script-src 'self'`.
 */
import { mount, unmount } from "svelte";
import xtermCss from "@xterm/xterm/css/xterm.css?inline";
import tokensCss from "../ui/tokens.css?inline";
import Embed from "./Embed.svelte";
import { EMBED_ATTRIBUTES, parseEmbedConfig } from "./config.ts";

/** The stylesheets the components do not carry themselves, added once per page. */
function addStyles(): void {
  if (document.getElementById("cidr-lab-styles")) return;
  const style = document.createElement("style");
  style.id = "cidr-lab-styles";
  style.textContent = `${tokensCss}\n${xtermCss}`;
  document.head.append(style);
}

type EmbedInstance = { screen(): string; run(command: string): Promise<void> };

export class CidrLabElement extends HTMLElement {
  static observedAttributes = [...EMBED_ATTRIBUTES];
  #app: (Record<string, unknown> & EmbedInstance) | null = null;

  connectedCallback(): void {
    addStyles();
    this.#mount();
  }

  disconnectedCallback(): void {
    if (this.#app) void unmount(this.#app);
    this.#app = null;
  }

  /** A changed attribute starts the widget again with the new settings (a new cluster). */
  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (this.#app && old !== value) {
      this.disconnectedCallback();
      this.#mount();
    }
  }

  /** The terminal's text (for the host page's scripts and for tests). */
  screen(): string {
    return this.#app?.screen() ?? "";
  }

  /** Types a command into the terminal and runs it, as a reader would. */
  run(command: string): Promise<void> {
    return this.#app?.run(command) ?? Promise.resolve();
  }

  #mount(): void {
    const { config, problems } = parseEmbedConfig((name) => this.getAttribute(name));
    this.#app = mount(Embed, { target: this, props: { config, problems } }) as Record<string, unknown> & EmbedInstance;
  }
}

if (!customElements.get("cidr-lab")) customElements.define("cidr-lab", CidrLabElement);
