import { describe, expect, it } from "vitest";
import { quoteInertHeredocs } from "../../src/shell/heredoc-quotes.ts";
import { Session } from "../../src/shell/session.ts";

describe("heredoc bodies keep their quotes, as in bash", () => {
  it("quotes the delimiter of a body with nothing to expand", () => {
    expect(quoteInertHeredocs("cat <<EOF | kubectl apply -f -\nexpression: \"['a','b']\"\nEOF")).toBe("cat <<'EOF' | kubectl apply -f -\nexpression: \"['a','b']\"\nEOF");
    expect(quoteInertHeredocs("cat <<-  END >f\n\tx 'y'\n\tEND")).toBe("cat <<-'END' >f\n\tx 'y'\n\tEND");
  });

  it("leaves bodies that expand, quoted delimiters, here-strings and quoted text alone", () => {
    for (const s of ["cat <<EOF\n$HOME 'x'\nEOF", "cat <<EOF\n`date`\nEOF", "cat <<'EOF'\n'x'\nEOF", 'cat <<"EOF"\nx\nEOF', "cat <<<'a b'", 'echo "<<EOF"', "echo x # <<EOF"]) {
      expect(quoteInertHeredocs(s)).toBe(s);
    }
  });

  it("handles two heredocs on one line, each on its own", () => {
    expect(quoteInertHeredocs("paste <<A <<B\n'1'\nA\n$X\nB")).toBe("paste <<'A' <<B\n'1'\nA\n$X\nB");
  });

  it("through the shell: the docs' CEL list survives `cat <<EOF`", async () => {
    const s = await Session.create({ preset: "none" });
    const r = await s.run("cat <<EOF\n  expression: \"['10.96.0.0/16','2001:db8::/64']\" it's\nEOF");
    expect(r.output).toBe("  expression: \"['10.96.0.0/16','2001:db8::/64']\" it's\n");
    const v = await s.run('X=1; cat <<EOF\nv=$X "q"\nEOF');
    expect(v.output).toBe('v=1 "q"\n');
  });
});
