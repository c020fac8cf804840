/**
 * just-bash 3.4 reads the body of an unquoted heredoc as if it were a double-quoted word, so quotes
 * inside it are taken as quoting: a line `"['a','b']"` comes out as `"[a,b]"`. Real bash leaves every
 * quote of a heredoc body alone; only `$`, backquotes and backslashes are special there. The CEL of the
 * Kubernetes docs' policies is exactly such a line, pasted with `cat <<EOF | kubectl apply -f -`.
 *
 * When an unquoted heredoc's body has none of those three characters, quoting its delimiter changes
 * nothing in bash, and just-bash then passes the body through untouched. Bodies that do expand are left
 * as they are.
 */

/** `<<WORD` or `<<-WORD` (not `<<<`), with the delimiter unquoted. */
const OPERATOR = /(^|[^<])<<(-?)[ \t]*([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_'"])/g;

interface Pending {
  line: number;
  index: number;
  length: number;
  dash: string;
  delimiter: string;
}

/** Positions of unquoted heredoc operators on one line, skipping quoted text and comments. */
function operators(line: string, lineNo: number): Pending[] {
  // Blank out quoted strings and comments so `echo "<<EOF"` is not taken for a heredoc.
  let masked = "";
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') {
        masked += "  ";
        i++;
        continue;
      }
      if (c === quote) quote = null;
      masked += " ";
    } else if (c === "'" || c === '"') {
      quote = c;
      masked += " ";
    } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) {
      masked += " ".repeat(line.length - i);
      break;
    } else masked += c;
  }
  const out: Pending[] = [];
  for (const m of masked.matchAll(OPERATOR)) {
    const start = m.index + m[1]!.length;
    out.push({ line: lineNo, index: start, length: m[0].length - m[1]!.length, dash: m[2]!, delimiter: m[3]! });
  }
  return out;
}

export function quoteInertHeredocs(script: string): string {
  if (!script.includes("<<")) return script;
  const lines = script.split("\n");
  const rewrites: Pending[] = [];
  let pending: Pending[] = [];
  let body: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (pending.length) {
      const h = pending[0]!;
      const text = h.dash ? line.replace(/^\t+/, "") : line;
      if (text === h.delimiter) {
        if (!body.some((b) => /[$`\\]/.test(b))) rewrites.push(h);
        pending.shift();
        body = [];
      } else body.push(line);
      continue;
    }
    pending = operators(line, n);
  }
  // Right to left on each line, so earlier positions stay valid.
  for (const h of rewrites.sort((a, b) => b.line - a.line || b.index - a.index)) {
    const l = lines[h.line]!;
    lines[h.line] = `${l.slice(0, h.index)}<<${h.dash}'${h.delimiter}'${l.slice(h.index + h.length)}`;
  }
  return lines.join("\n");
}
