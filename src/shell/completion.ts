/**
 * Tab completion for the terminal, in the spirit of bash-completion and
 * kubectl's completion script: commands in command position, then kubectl
 * verbs, resource types, object names, flags and their values, and files for
 * everything else. It is pure: the host passes a snapshot of what the page
 * knows (the object cache, the file system listing) and applies the result.
 */

export interface CompletionContext {
  commands: readonly string[];
  kubectlVerbs: readonly string[];
  /** Flags per verb. The key "" may hold kubectl's global flags, offered before a verb and after any verb. */
  kubectlFlags: Readonly<Record<string, readonly string[]>>;
  resourceTypes: readonly { name: string; singular: string; shortNames: readonly string[]; namespaced: boolean }[];
  /** Names of objects of a resource (its plural name); namespace is undefined for cluster-scoped resources and with --all-namespaces. */
  objectNames(resource: string, namespace: string | undefined): readonly string[];
  /** Entries of a directory as typed ("." for the working directory, "/" for the root, "a/b" otherwise); directories end in "/". */
  files(dir: string): readonly string[];
}

export interface Completion {
  /** The range of the line the completion replaces: the word being completed, up to the cursor. */
  start: number;
  end: number;
  /** Every match, sorted, for the host to list; files are listed by name only, as bash does. */
  candidates: string[];
  /** The text to put in place of start..end: a unique match with its closing quote and a space, else the longest common prefix. */
  insert: string;
}

/** The word being completed, unquoted, and where it starts in the line. */
interface Word {
  start: number;
  value: string;
  /** The target of a redirection (`> out.txt`), which is always a file. */
  redirect: boolean;
}

/** What a completer offers: whole words, and how much of each to leave out when listing them. */
interface Offer {
  words: readonly string[];
  strip?: number;
}

const NOTHING: Offer = { words: [] };

/** kubectl flags that take a value in the next word when not written `--flag=value`. */
const VALUE_FLAGS: ReadonlySet<string> = new Set([
  "-n", "--namespace", "-o", "--output", "-f", "--filename", "-l", "--selector", "--field-selector",
  "-k", "--kustomize", "-L", "--label-columns", "-p", "--patch", "--patch-file", "--type", "--sort-by",
  "--template", "--context", "--cluster", "--user", "--kubeconfig", "-s", "--server", "--token", "--as",
  "--request-timeout", "--timeout", "--grace-period", "--field-manager", "--subresource", "--raw",
  "--resource-version", "--chunk-size", "--tcp", "--clusterip", "--node-port", "--external-name",
  "--api-group", "--verbs", "-c", "--container", "-v", "--v",
]);

const FILE_FLAGS: ReadonlySet<string> = new Set(["-f", "--filename", "-k", "--kustomize", "--patch-file", "--kubeconfig"]);

/** Verbs whose first argument is a resource type (or TYPE/NAME) and the next ones object names. */
const RESOURCE_VERBS: ReadonlySet<string> = new Set([
  "get", "describe", "delete", "edit", "label", "annotate", "patch", "scale", "wait", "explain",
]);

/** The `create` subcommands the sandbox's kubectl has (src/kubectl/cmd/create.ts). */
const CREATE_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  "": ["namespace", "service"],
  service: ["clusterip", "externalname", "loadbalancer", "nodeport"],
  svc: ["clusterip", "externalname", "loadbalancer", "nodeport"],
};

/**
 * The -o formats kubectl accepts and the sandbox prints (Go templates are left
 * out: it rejects them). Formats that need an argument end in "=", so a unique
 * match leaves the cursor there instead of adding a space.
 */
const OBJECT_FORMATS = ["json", "yaml", "name", "jsonpath=", "jsonpath-as-json=", "jsonpath-file="];
const GET_FORMATS = [...OBJECT_FORMATS, "wide", "custom-columns=", "custom-columns-file="];

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const end = Math.min(Math.max(cursor, 0), line.length);
  const { words, current, quote } = scan(line, end);
  const offer = offerFor(words, current, ctx);
  return finish(line, end, current, quote, offer);
}

function offerFor(words: Word[], current: Word, ctx: CompletionContext): Offer {
  if (current.redirect) return fileOffer(current.value, ctx);
  const args = words.filter((w) => !w.redirect).map((w) => w.value);
  // `KUBECONFIG=x kubectl ...`: leading assignments are not the command.
  while (args.length > 0 && ASSIGNMENT.test(args[0] as string)) args.shift();
  if (args.length === 0) {
    if (ASSIGNMENT.test(current.value) || current.value.includes("/")) return fileOffer(current.value, ctx);
    return { words: ctx.commands };
  }
  if (args[0] === "kubectl") return kubectlOffer(args.slice(1), current.value, ctx);
  if (args[0] === "cd") return fileOffer(current.value, ctx, true);
  return fileOffer(current.value, ctx);
}

/**
 * Reads the line up to the cursor the way the shell splits words: blanks
 * separate them, quotes and backslashes protect, and `|`, `;`, `&`, `(` and
 * newlines start a new command. Returns the words of the command the cursor
 * is in, the word under the cursor, and the quote open at the cursor.
 */
function scan(line: string, cursor: number): { words: Word[]; current: Word; quote: "'" | '"' | null } {
  let words: Word[] = [];
  let word: Word | null = null;
  let quote: "'" | '"' | null = null;
  let redirect = false;
  const finishWord = (): void => {
    if (word) words.push(word);
    word = null;
  };
  const wordAt = (i: number): Word => {
    if (!word) {
      word = { start: i, value: "", redirect };
      redirect = false;
    }
    return word;
  };
  for (let i = 0; i < cursor; i++) {
    const c = line.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = null;
      else wordAt(i).value += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "\\" && i + 1 < cursor && '$`"\\\n'.includes(line.charAt(i + 1))) wordAt(i).value += line.charAt(++i);
      else wordAt(i).value += c;
    } else if (c === " " || c === "\t") {
      finishWord();
    } else if (c === "<" || c === ">") {
      // `2> file`: the file descriptor number belongs to the operator, not the words.
      if (word !== null && /^\d+$/.test((word as Word).value)) word = null;
      finishWord();
      redirect = true;
    } else if ((c === "&" && (line.charAt(i - 1) === ">" || line.charAt(i + 1) === ">")) || (c === "|" && line.charAt(i - 1) === ">")) {
      // `2>&1`, `&>`, `>|`: still the redirection.
    } else if (";|&()\n`".includes(c)) {
      word = null;
      words = [];
      redirect = false;
    } else if (c === "'" || c === '"') {
      wordAt(i);
      quote = c;
    } else if (c === "\\") {
      const w = wordAt(i);
      if (i + 1 < cursor) w.value += line.charAt(++i);
    } else {
      wordAt(i).value += c;
    }
  }
  const current: Word = word ?? { start: cursor, value: "", redirect };
  return { words, current, quote };
}

function kubectlOffer(args: readonly string[], value: string, ctx: CompletionContext): Offer {
  let namespace: string | undefined;
  let allNamespaces = false;
  let pending: string | null = null;
  const positional: string[] = [];
  for (const a of args) {
    if (pending !== null) {
      if (pending === "-n" || pending === "--namespace") namespace = a;
      pending = null;
    } else if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq < 0 && VALUE_FLAGS.has(name)) pending = name;
      if (name === "--namespace" && eq >= 0) namespace = a.slice(eq + 1);
      if (name === "--all-namespaces") allNamespaces = true;
    } else if (a.startsWith("-") && a.length > 1) {
      if (a.length === 2 && VALUE_FLAGS.has(a)) pending = a;
      if (a.startsWith("-n") && a.length > 2) namespace = a.slice(2).replace(/^=/, "");
      if (a === "-A") allNamespaces = true;
    } else {
      positional.push(a);
    }
  }
  const verb = positional[0] ?? "";
  const scope: Scope = { namespace: namespace ?? "default", allNamespaces };

  if (pending !== null) return flagValueOffer(pending, value, verb, ctx);
  if (value.startsWith("--") && value.includes("=")) {
    const eq = value.indexOf("=");
    const prefix = value.slice(0, eq + 1);
    const inner = flagValueOffer(value.slice(0, eq), value.slice(eq + 1), verb, ctx);
    return { words: inner.words.map((w) => prefix + w), strip: prefix.length + (inner.strip ?? 0) };
  }
  if (value.startsWith("-")) {
    const own = ctx.kubectlFlags[verb] ?? [];
    return { words: verb === "" ? own : [...own, ...(ctx.kubectlFlags[""] ?? [])] };
  }

  const index = positional.length;
  if (index === 0) return { words: ctx.kubectlVerbs };
  if (verb === "create") {
    const path = index === 1 ? "" : index === 2 ? (positional[1] as string) : null;
    return { words: (path !== null && CREATE_SUBCOMMANDS[path]) || [] };
  }
  if (!RESOURCE_VERBS.has(verb)) return NOTHING;
  if (value.includes("/") && verb !== "explain") {
    // TYPE/NAME: names of that type, keeping the `TYPE/` as typed.
    const slash = value.indexOf("/");
    const type = resolveType(value.slice(0, slash), ctx);
    const prefix = value.slice(0, slash + 1);
    return type ? { words: objectNames(type, scope, ctx).map((n) => prefix + n) } : NOTHING;
  }
  if (index === 1) {
    // `svc,po`: a list of types; only the last one is being typed.
    const prefix = value.slice(0, value.lastIndexOf(",") + 1);
    return { words: typeWords(ctx).map((t) => prefix + t) };
  }
  const typeArg = positional[1] as string;
  if (verb === "explain" || typeArg.includes("/") || typeArg.includes(",")) return NOTHING;
  const type = resolveType(typeArg, ctx);
  if (!type) return NOTHING;
  // Names already on the line are not offered again (`kubectl delete svc a b`).
  const given = new Set(positional.slice(2));
  return { words: objectNames(type, scope, ctx).filter((n) => !given.has(n)) };
}

interface Scope {
  namespace: string;
  allNamespaces: boolean;
}

type ResourceType = CompletionContext["resourceTypes"][number];

function flagValueOffer(flag: string, value: string, verb: string, ctx: CompletionContext): Offer {
  if (flag === "-n" || flag === "--namespace") return { words: ctx.objectNames("namespaces", undefined) };
  if (flag === "-o" || flag === "--output") return { words: verb === "get" ? GET_FORMATS : OBJECT_FORMATS };
  if (FILE_FLAGS.has(flag)) return fileOffer(value, ctx);
  return NOTHING;
}

/** Finds a resource type by any name kubectl accepts: plural, singular, short name, or `name.group`. */
function resolveType(word: string, ctx: CompletionContext): ResourceType | undefined {
  const w = word.toLowerCase().split(".")[0] ?? "";
  return ctx.resourceTypes.find((t) => t.name === w || t.singular === w || t.shortNames.includes(w));
}

function typeWords(ctx: CompletionContext): string[] {
  return ctx.resourceTypes.flatMap((t) => [t.name, t.singular, ...t.shortNames]).filter((w) => w !== "");
}

function objectNames(type: ResourceType, scope: Scope, ctx: CompletionContext): readonly string[] {
  const namespace = !type.namespaced || scope.allNamespaces ? undefined : scope.namespace;
  return ctx.objectNames(type.name, namespace);
}

/** Paths: entries of the directory typed so far. Dot files only when the name being typed starts with a dot, as in bash. */
function fileOffer(value: string, ctx: CompletionContext, directoriesOnly = false): Offer {
  const dir = value.slice(0, value.lastIndexOf("/") + 1);
  const base = value.slice(dir.length);
  const listed = dir === "" ? "." : dir === "/" ? "/" : dir.slice(0, -1);
  const entries = ctx
    .files(listed)
    .filter((e) => (base.startsWith(".") || !e.startsWith(".")) && (!directoriesOnly || e.endsWith("/")));
  return { words: entries.map((e) => dir + e), strip: dir.length };
}

function finish(line: string, cursor: number, word: Word, quote: "'" | '"' | null, offer: Offer): Completion {
  const typed = line.slice(word.start, cursor);
  const matches = [...new Set(offer.words.filter((w) => w.startsWith(word.value)))].sort();
  const candidates = matches.map((m) => m.slice(offer.strip ?? 0));
  const base = { start: word.start, end: cursor, candidates };
  const only = matches.length === 1 ? (matches[0] as string) : null;
  if (only !== null) {
    // A directory or a `flag=` is not finished yet: no closing quote, no space.
    const finished = !only.endsWith("/") && !only.endsWith("=");
    return { ...base, insert: quoteWord(only, quote, finished) + (finished ? " " : "") };
  }
  const prefix = commonPrefix(matches);
  // Nothing gained: leave the word exactly as typed, escapes and all.
  if (prefix.length <= word.value.length) return { ...base, insert: typed };
  return { ...base, insert: quoteWord(prefix, quote, false) };
}

/** Writes a word back in the quoting the user started, so the shell reads the same value. */
function quoteWord(value: string, quote: "'" | '"' | null, close: boolean): string {
  if (quote === '"') return `"${value.replace(/["\\$`]/g, "\\$&")}${close ? '"' : ""}`;
  if (quote === "'" && !value.includes("'")) return `'${value}${close ? "'" : ""}`;
  return value.replace(/[\s'"\\|&;()<>$`*?[\]#!{}]/g, "\\$&");
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let prefix = words[0] as string;
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix.charCodeAt(i) === w.charCodeAt(i)) i++;
    prefix = prefix.slice(0, i);
  }
  // Never end between the halves of a surrogate pair.
  const last = prefix.charCodeAt(prefix.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? prefix.slice(0, -1) : prefix;
}
