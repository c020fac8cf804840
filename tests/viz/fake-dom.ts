/**
 * Just enough DOM for the twin's writer (createElement, fragments, attributes, textContent,
 * children, insertBefore/remove and sibling walks): jsdom is not installed, and the writer deliberately uses nothing more.
 */
export class FakeNode {
  children: FakeElement[] = [];
  parent: FakeNode | null = null;
  append(...nodes: FakeNode[]): void {
    for (const n of nodes) {
      if (n instanceof FakeFragment) {
        for (const c of n.children) c.parent = this;
        this.children.push(...n.children);
        n.children = [];
      } else this.insertBefore(n as FakeElement, null);
    }
  }
  replaceChildren(...nodes: FakeNode[]): void {
    for (const c of this.children) c.parent = null;
    this.children = [];
    this.append(...nodes);
  }
  get firstElementChild(): FakeElement | null {
    return this.children[0] ?? null;
  }
  /** Moves `node` here (out of wherever it was) before `ref`, or to the end. */
  insertBefore(node: FakeElement, ref: FakeElement | null): void {
    node.remove();
    const at = ref ? this.children.indexOf(ref) : -1;
    if (at < 0) this.children.push(node);
    else this.children.splice(at, 0, node);
    node.parent = this;
  }
}

export class FakeFragment extends FakeNode {}

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  private text = "";
  constructor(
    readonly tagName: string,
    readonly ownerDocument: FakeDocument,
  ) {
    super();
  }
  get nextElementSibling(): FakeElement | null {
    const siblings = this.parent?.children ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  remove(): void {
    if (!this.parent) return;
    this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join("");
  }
  set textContent(v: string) {
    this.text = v;
    this.children = [];
  }
  /** Every descendant matching `pred`, in document order. */
  findAll(pred: (e: FakeElement) => boolean): FakeElement[] {
    return this.children.flatMap((c) => [...(pred(c) ? [c] : []), ...c.findAll(pred)]);
  }
}

export class FakeDocument {
  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase(), this);
  }
  createDocumentFragment(): FakeFragment {
    return new FakeFragment();
  }
}

/** A detached element to render into, typed as the HTMLElement the views expect. */
export function fakeContainer(): { el: HTMLElement; root: FakeElement } {
  const root = new FakeDocument().createElement("div");
  return { el: root as unknown as HTMLElement, root };
}
