import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isComplete, openConstructs, splitCommands, type OpenConstruct } from "../../src/shell/continuation.ts";

const quote = (q: "'" | '"' | "`" | "$'"): OpenConstruct => ({ kind: "quote", quote: q });
const heredoc = (delimiter: string): OpenConstruct => ({ kind: "heredoc", delimiter });
type Expects = Extract<OpenConstruct, { kind: "keyword" }>["expects"];
const keyword = (expects: Expects): OpenConstruct => ({ kind: "keyword", expects });
type Operator = Extract<OpenConstruct, { kind: "operator" }>["operator"];
const operator = (op: Operator): OpenConstruct => ({ kind: "operator", operator: op });

/** Lines typed one Enter at a time: every prefix ending before the last line. */
function prefixes(lines: string[]): string[] {
  return lines.slice(0, -1).map((_, i) => lines.slice(0, i + 1).join("\n"));
}

const SERVICE_CIDR_BLOCK = [
  "cat <<EOF | kubectl apply -f -",
  "apiVersion: networking.k8s.io/v1",
  "kind: ServiceCIDR",
  "metadata:",
  "  name: newcidr1",
  "spec:",
  "  cidrs:",
  "  - 10.96.0.0/24",
  "EOF",
];

const CREATE_SERVICES_LOOP =
  'for i in $(seq 1 13); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done';

describe("openConstructs: complete input", () => {
  it.each([
    ["", "empty input"],
    ["   ", "spaces only"],
    ["\t  \t", "blanks only"],
    ["kubectl get pods -A", "a simple command"],
    ["echo a; echo b &", "separators"],
    ['echo "it\'s"', "a single quote inside double quotes"],
    ["echo 'say \"hi\"'", "double quotes inside single quotes"],
  ])("%j (%s)", (input) => {
    expect(openConstructs(input)).toEqual([]);
    expect(isComplete(input)).toBe(true);
  });
});

describe("openConstructs: quotes", () => {
  it("an apostrophe in an unquoted word opens a single quote", () => {
    expect(openConstructs("echo it's")).toEqual([quote("'")]);
    expect(isComplete("echo it's")).toBe(false);
  });

  it("single quotes have no escapes inside", () => {
    expect(openConstructs("echo 'a\\'")).toEqual([]);
    expect(openConstructs("echo 'a\\' b'")).toEqual([quote("'")]);
  });

  it("double quotes honour backslash escapes", () => {
    expect(openConstructs('echo "a')).toEqual([quote('"')]);
    expect(openConstructs('echo "a\\"')).toEqual([quote('"')]);
    expect(openConstructs('echo "a\\\\"')).toEqual([]);
    expect(openConstructs('echo "\\$HOME costs \\"nothing\\""')).toEqual([]);
  });

  it("a quote may span lines", () => {
    expect(openConstructs('echo "first\nsecond')).toEqual([quote('"')]);
    expect(openConstructs('echo "first\nsecond"')).toEqual([]);
  });

  it("backquotes", () => {
    expect(openConstructs("echo `date")).toEqual([quote("`")]);
    expect(openConstructs("echo `date`")).toEqual([]);
    expect(openConstructs("echo `echo \\`date\\``")).toEqual([]);
    expect(openConstructs('echo "`date`"')).toEqual([]);
  });

  it("$'...' quotes with backslash escapes", () => {
    expect(openConstructs("echo $'it\\'s")).toEqual([quote("$'")]);
    expect(openConstructs("echo $'it\\'s'")).toEqual([]);
    expect(openConstructs("echo $'tab\\there'")).toEqual([]);
  });

  it("$' is not special inside double quotes", () => {
    expect(openConstructs("echo \"$'\"")).toEqual([]);
  });

  it("command substitution nests, with quotes and ) inside it", () => {
    expect(openConstructs("echo $(date")).toEqual([keyword(")")]);
    expect(openConstructs("echo $(date)")).toEqual([]);
    expect(openConstructs("echo $(echo ')')")).toEqual([]);
    expect(openConstructs('echo "$(echo ")")"')).toEqual([]);
    expect(openConstructs("echo $(echo $(echo a))")).toEqual([]);
    expect(openConstructs("echo $(echo $(echo a)")).toEqual([keyword(")")]);
  });

  it("case patterns inside $(...) do not close it", () => {
    expect(openConstructs("echo $(case x in a) echo a;; esac)")).toEqual([]);
    expect(openConstructs("echo $(case x in (a) echo a;; esac)")).toEqual([]);
    expect(openConstructs("echo $(case x in a) echo a;;")).toEqual([keyword("esac"), keyword(")")]);
    expect(openConstructs("echo $(case x in a) echo ')';; esac)")).toEqual([]);
  });

  it("arithmetic expansion", () => {
    expect(openConstructs("echo $((1 + (2 * 3)")).toEqual([keyword("))")]);
    // One `)` short: bash then waits for a single `)`, and so does this.
    expect(openConstructs("echo $((1 + (2 * 3))")).toEqual([keyword(")")]);
    expect(openConstructs("echo $((1 + (2 * 3)))")).toEqual([]);
    expect(openConstructs("echo $(( $(echo 1) + 2 ))")).toEqual([]);
  });

  it("$((a) ...) that is not arithmetic is read as a command substitution", () => {
    expect(openConstructs("echo $((echo a) | wc -l)")).toEqual([]);
    expect(openConstructs("echo $((echo a) | wc -l")).toEqual([keyword(")")]);
  });

  it("parameter expansion", () => {
    expect(openConstructs("echo ${HOME")).toEqual([keyword("}")]);
    expect(openConstructs("echo ${HOME}")).toEqual([]);
    expect(openConstructs('echo ${x:-"a}"}')).toEqual([]);
    expect(openConstructs('echo "${x:-$(echo })}"')).toEqual([]);
    expect(openConstructs("echo ${#x} $# $$")).toEqual([]);
  });

  it("reports nested constructs innermost first", () => {
    expect(openConstructs("echo \"$(echo 'x")).toEqual([quote("'"), keyword(")"), quote('"')]);
    expect(openConstructs('for i in 1; do if true; then echo "x')).toEqual([
      quote('"'),
      keyword("fi"),
      keyword("done"),
    ]);
  });
});

describe("openConstructs: backslashes and comments", () => {
  it("a trailing backslash continues the line", () => {
    expect(openConstructs("kubectl get pods \\")).toEqual([operator("\\")]);
    expect(openConstructs("kubectl get \\\n  pods")).toEqual([]);
    expect(openConstructs("kubectl get \\\n  pods \\")).toEqual([operator("\\")]);
  });

  it("an escaped backslash at the end is complete", () => {
    expect(openConstructs("echo a \\\\")).toEqual([]);
    expect(openConstructs("echo a \\\\\\")).toEqual([operator("\\")]);
  });

  it("a trailing backslash inside quotes leaves only the quote open", () => {
    expect(openConstructs('echo "a\\')).toEqual([quote('"')]);
    expect(openConstructs("echo 'a\\")).toEqual([quote("'")]);
  });

  it("backslash-newline inside a word does not hide a keyword", () => {
    expect(openConstructs("for i in 1; do echo; do\\\nne")).toEqual([]);
  });

  it("# starts a comment only at the start of a word", () => {
    expect(openConstructs("echo a # it's")).toEqual([]);
    expect(openConstructs("# it's")).toEqual([]);
    expect(openConstructs("echo a#b'")).toEqual([quote("'")]);
    expect(openConstructs("echo a;# it's")).toEqual([]);
  });

  it("quotes and backslashes inside comments are ignored", () => {
    expect(openConstructs('echo a # "unbalanced `')).toEqual([]);
    expect(openConstructs("echo a # trailing \\")).toEqual([]);
  });
});

describe("openConstructs: trailing operators", () => {
  it.each([
    ["kubectl get pods |", "|"],
    ["kubectl get pods &&", "&&"],
    ["kubectl get pods ||", "||"],
    ["kubectl get pods |   ", "|"],
    ["kubectl get pods && # then what", "&&"],
    ["kubectl get pods |&", "|"],
    ["kubectl get pods |\n\n", "|"],
  ] as const)("%j waits for the next command", (input, op) => {
    expect(openConstructs(input)).toEqual([operator(op)]);
  });

  it("completes once the next command arrives", () => {
    expect(openConstructs("kubectl get pods |\n  grep Running")).toEqual([]);
    expect(openConstructs("kubectl get pods &&\n\n  echo ok")).toEqual([]);
  });

  it("operators inside quotes do not count", () => {
    expect(openConstructs("echo 'a |'")).toEqual([]);
    expect(openConstructs('echo "a &&"')).toEqual([]);
    expect(openConstructs("echo a\\|")).toEqual([]);
  });

  it("a trailing & or ; is complete", () => {
    expect(openConstructs("sleep 1 &")).toEqual([]);
    expect(openConstructs("echo a;")).toEqual([]);
  });
});

describe("openConstructs: heredocs", () => {
  it("is open until the delimiter line", () => {
    expect(openConstructs("cat <<EOF")).toEqual([heredoc("EOF")]);
    expect(openConstructs("cat <<EOF\nhello")).toEqual([heredoc("EOF")]);
    expect(openConstructs("cat <<EOF\nhello\n")).toEqual([heredoc("EOF")]);
    expect(openConstructs("cat <<EOF\nhello\nEOF")).toEqual([]);
  });

  it("the delimiter must be the whole line", () => {
    expect(openConstructs("cat <<EOF\n EOF")).toEqual([heredoc("EOF")]);
    expect(openConstructs("cat <<EOF\nEOF ")).toEqual([heredoc("EOF")]);
    expect(openConstructs("cat <<EOF\nEOFX")).toEqual([heredoc("EOF")]);
  });

  it("<<- lets the delimiter be indented with tabs, not spaces", () => {
    expect(openConstructs("cat <<-EOF\n\thello\n\tEOF")).toEqual([]);
    expect(openConstructs("cat <<-EOF\n\thello\n  EOF")).toEqual([heredoc("EOF")]);
    expect(openConstructs("cat <<EOF\n\thello\n\tEOF")).toEqual([heredoc("EOF")]);
  });

  it("quoted and spaced delimiters", () => {
    for (const head of ["cat <<'EOF'", 'cat <<"EOF"', "cat << EOF", "cat <<\\EOF", "cat <<E'O'F", "cat <<- 'EOF'"]) {
      expect(openConstructs(head), head).toEqual([heredoc("EOF")]);
      expect(openConstructs(`${head}\nbody\nEOF`), head).toEqual([]);
    }
  });

  it("the body is not scanned for syntax", () => {
    expect(openConstructs("cat <<EOF\nit's $( `\nEOF")).toEqual([]);
    expect(openConstructs("cat <<'EOF'\nfor i in |\nEOF")).toEqual([]);
    expect(openConstructs("cat <<EOF\n# not a comment\nEOF")).toEqual([]);
  });

  it("several heredocs on one line are read in order", () => {
    expect(openConstructs("cat <<A <<B")).toEqual([heredoc("A"), heredoc("B")]);
    expect(openConstructs("cat <<A <<B\na")).toEqual([heredoc("A"), heredoc("B")]);
    expect(openConstructs("cat <<A <<B\na\nA")).toEqual([heredoc("B")]);
    expect(openConstructs("cat <<A <<B\na\nA\nb\nB")).toEqual([]);
    expect(openConstructs("cat <<A <<B\na\nB\nA")).toEqual([heredoc("B")]);
  });

  it("<<< is a here-string, not a heredoc", () => {
    expect(openConstructs("cat <<<hello")).toEqual([]);
    expect(openConstructs('cat <<< "$x"')).toEqual([]);
    expect(openConstructs("cat <<< 'a")).toEqual([quote("'")]);
  });

  it("a pipe after the heredoc operator", () => {
    const lines = ["cat <<EOF | kubectl apply -f -", "kind: Namespace", "EOF"];
    for (const prefix of prefixes(lines)) expect(openConstructs(prefix), prefix).toEqual([heredoc("EOF")]);
    expect(openConstructs(lines.join("\n"))).toEqual([]);
  });

  it("a trailing pipe still waits after the body", () => {
    expect(openConstructs("cat <<EOF |")).toEqual([heredoc("EOF"), operator("|")]);
    expect(openConstructs("cat <<EOF |\nbody\nEOF")).toEqual([operator("|")]);
    expect(openConstructs("cat <<EOF |\nbody\nEOF\nwc -l")).toEqual([]);
  });

  it("heredocs inside compound commands", () => {
    const lines = ["for ns in a b; do", "  cat <<EOF", "name: $ns", "EOF", "done"];
    expect(openConstructs(lines.slice(0, 3).join("\n"))).toEqual([heredoc("EOF"), keyword("done")]);
    expect(openConstructs(lines.slice(0, 4).join("\n"))).toEqual([keyword("done")]);
    expect(openConstructs(lines.join("\n"))).toEqual([]);
  });

  it("a heredoc inside a command substitution", () => {
    expect(openConstructs("x=$(cat <<EOF\nhello\nEOF\n)")).toEqual([]);
    expect(openConstructs("x=$(cat <<EOF\nhello")).toEqual([heredoc("EOF"), keyword(")")]);
  });

  it("<< without a word is a syntax error, so complete", () => {
    expect(openConstructs("cat <<")).toEqual([]);
  });
});

describe("openConstructs: keywords", () => {
  it("count only in command position", () => {
    expect(openConstructs("echo done")).toEqual([]);
    expect(openConstructs("echo for while if case {")).toEqual([]);
    expect(openConstructs("echo if; echo then")).toEqual([]);
    expect(openConstructs('"for" i in a')).toEqual([]);
    expect(openConstructs("x=1 if")).toEqual([]);
  });

  it("for loops", () => {
    expect(openConstructs("for i in 1 2")).toEqual([keyword("do")]);
    expect(openConstructs("for i in 1 2;")).toEqual([keyword("do")]);
    expect(openConstructs("for i in 1 2; do")).toEqual([keyword("done")]);
    expect(openConstructs("for i in 1 2; do echo $i")).toEqual([keyword("done")]);
    expect(openConstructs("for i in 1 2; do echo $i; done")).toEqual([]);
    expect(openConstructs('for i in $(seq 1 13); do kubectl get svc "test-$i"; done')).toEqual([]);
    expect(openConstructs("for i in 1 2 do")).toEqual([keyword("do")]);
    expect(openConstructs("for done in a b; do echo $done; done")).toEqual([]);
    expect(openConstructs("for i; do echo $i; done")).toEqual([]);
    expect(openConstructs("for ((i = 0; i < 3; i++)); do echo $i; done")).toEqual([]);
    expect(openConstructs("for ((i = 0; i < 3; i++))")).toEqual([keyword("do")]);
  });

  it("a for loop typed over several lines", () => {
    const lines = ["for i in 1 2 3", "do", "  echo $i", "done"];
    expect(prefixes(lines).map(openConstructs)).toEqual([[keyword("do")], [keyword("done")], [keyword("done")]]);
    expect(openConstructs(lines.join("\n"))).toEqual([]);
  });

  it("while and until loops", () => {
    expect(openConstructs("while read line")).toEqual([keyword("do")]);
    expect(openConstructs("while read line; do")).toEqual([keyword("done")]);
    expect(openConstructs("while read line; do echo $line; done < file")).toEqual([]);
    expect(openConstructs("until false; do :; done")).toEqual([]);
    expect(openConstructs("kubectl get pods | while read p; do echo $p; done")).toEqual([]);
  });

  it("if with elif and else", () => {
    expect(openConstructs("if true")).toEqual([keyword("then")]);
    expect(openConstructs("if true; then")).toEqual([keyword("fi")]);
    expect(openConstructs("if a; then b; elif c")).toEqual([keyword("then")]);
    expect(openConstructs("if a; then b; elif c; then d; else")).toEqual([keyword("fi")]);
    expect(openConstructs("if a; then b; elif c; then d; else e; fi")).toEqual([]);
    expect(openConstructs("if [[ -n $x ]]; then echo yes; fi")).toEqual([]);
    expect(openConstructs("if [ -n \"$x\" ]; then echo yes; fi")).toEqual([]);
  });

  it("case: patterns and ;; do not close anything", () => {
    expect(openConstructs("case $x")).toEqual([keyword("in")]);
    expect(openConstructs("case $x in")).toEqual([keyword("esac")]);
    expect(openConstructs("case $x in a) echo a;;")).toEqual([keyword("esac")]);
    expect(openConstructs("case $x in a) echo a;; (b|c) echo bc;; *) echo other;; esac")).toEqual([]);
    expect(openConstructs("case $x in a) echo a;; esac")).toEqual([]);
    expect(openConstructs("case $x in a) echo last; esac")).toEqual([]);
    expect(openConstructs("case $x in esac")).toEqual([]);
    expect(openConstructs("case done in done) echo;; esac")).toEqual([]);
    expect(openConstructs("case $x in a) ;& b) ;;& esac")).toEqual([]);
  });

  it("a case statement typed over several lines", () => {
    const lines = ["case $1 in", "  start)", "    echo starting", "    ;;", "  stop|halt)", "    echo stopping ;;", "esac"];
    for (const prefix of prefixes(lines)) expect(openConstructs(prefix), prefix).toEqual([keyword("esac")]);
    expect(openConstructs(lines.join("\n"))).toEqual([]);
  });

  it("case inside a subshell: a pattern's ) is not the subshell's", () => {
    expect(openConstructs("(case x in a) echo;; esac)")).toEqual([]);
    expect(openConstructs("(case x in a) echo;; esac")).toEqual([keyword(")")]);
  });

  it("select", () => {
    expect(openConstructs("select x in a b")).toEqual([keyword("do")]);
    expect(openConstructs("select x in a b; do echo $x; break; done")).toEqual([]);
  });

  it("brace groups", () => {
    expect(openConstructs("{ echo a;")).toEqual([keyword("}")]);
    expect(openConstructs("{ echo a; }")).toEqual([]);
    expect(openConstructs("{ echo a; } > out")).toEqual([]);
    // `}` here is an argument of echo, so the group is still open, as in bash.
    expect(openConstructs("{ echo a }")).toEqual([keyword("}")]);
    expect(openConstructs("echo {a,b} }")).toEqual([]);
  });

  it("subshells and arithmetic commands", () => {
    expect(openConstructs("(cd /tmp")).toEqual([keyword(")")]);
    expect(openConstructs("(cd /tmp; ls)")).toEqual([]);
    expect(openConstructs("( (echo a) )")).toEqual([]);
    expect(openConstructs("((x > 1")).toEqual([keyword("))")]);
    expect(openConstructs("((x++))")).toEqual([]);
    expect(openConstructs("(( (1 + 2) * 3 > 4 )) && echo big")).toEqual([]);
  });

  it("function definitions", () => {
    expect(openConstructs("f() {")).toEqual([keyword("}")]);
    expect(openConstructs("f()")).toEqual([keyword("}")]);
    expect(openConstructs("f() { echo hi; }")).toEqual([]);
    expect(openConstructs("f () {\n  echo hi\n}")).toEqual([]);
    expect(openConstructs("function f {")).toEqual([keyword("}")]);
    expect(openConstructs("function f() { echo; }")).toEqual([]);
    expect(openConstructs("f() ( echo in a subshell )")).toEqual([]);
  });

  it("a compound command may be followed directly by a closing keyword", () => {
    expect(openConstructs("if (true) then echo")).toEqual([keyword("fi")]);
    expect(openConstructs("if a; then if b; then c; fi fi")).toEqual([]);
    expect(openConstructs("while (( i < 3 )) do ((i++)); done")).toEqual([]);
  });

  it("arrays", () => {
    expect(openConstructs("arr=(a b")).toEqual([keyword(")")]);
    expect(openConstructs("arr=(a b)")).toEqual([]);
    expect(openConstructs("arr=(\n  a # first\n  b\n)")).toEqual([]);
    expect(openConstructs("declare -a arr=(a 'b c')")).toEqual([]);
  });

  it("[[ ... ]] operators are not shell syntax", () => {
    expect(openConstructs("[[ a < b && ( c || d ) ]]")).toEqual([]);
    expect(openConstructs("[[ $x =~ ^(a|b)$ ]] && echo match")).toEqual([]);
  });

  it("definite syntax errors count as complete, as bash reports them at once", () => {
    for (const input of ["echo )", "fi", "done", "if then", "for", "echo a | | b", "{ }", "(a) b", "echo >", "; ls"]) {
      expect(openConstructs(input), input).toEqual([]);
    }
  });
});

describe("openConstructs: inputs from the Kubernetes docs", () => {
  it("the service-creating loop is complete", () => {
    expect(openConstructs(CREATE_SERVICES_LOOP)).toEqual([]);
  });

  it("the ServiceCIDR heredoc is incomplete for every prefix and complete with EOF", () => {
    for (const prefix of prefixes(SERVICE_CIDR_BLOCK)) {
      expect(openConstructs(prefix), prefix).toEqual([heredoc("EOF")]);
      expect(isComplete(prefix)).toBe(false);
    }
    expect(openConstructs(SERVICE_CIDR_BLOCK.join("\n"))).toEqual([]);
  });

  it("a long command continued with backslashes", () => {
    const lines = ["kubectl run test --image=busybox \\", "  --restart=Never \\", "  -- sleep 3600"];
    for (const prefix of prefixes(lines)) expect(openConstructs(prefix)).toEqual([operator("\\")]);
    expect(openConstructs(lines.join("\n"))).toEqual([]);
  });

  it("jsonpath and go-template arguments", () => {
    expect(openConstructs("kubectl get svc -o jsonpath='{.items[*].spec.clusterIP}'")).toEqual([]);
    expect(openConstructs('kubectl get nodes -o go-template="{{range .items}}{{.metadata.name}} {{end}}"')).toEqual([]);
    expect(openConstructs("kubectl get svc -o jsonpath='{.items[*]")).toEqual([quote("'")]);
  });
});

describe("splitCommands", () => {
  it("returns one chunk per command, in order, dropping blank and comment lines between them", () => {
    const script = [
      "# Create the services",
      CREATE_SERVICES_LOOP,
      "",
      "   ",
      "kubectl get svc \\",
      "  -A",
      "# Add a CIDR",
      ...SERVICE_CIDR_BLOCK,
      "",
      "kubectl get servicecidr",
    ].join("\n");
    expect(splitCommands(script)).toEqual([
      { text: CREATE_SERVICES_LOOP, complete: true },
      { text: "kubectl get svc \\\n  -A", complete: true },
      { text: SERVICE_CIDR_BLOCK.join("\n"), complete: true },
      { text: "kubectl get servicecidr", complete: true },
    ]);
  });

  it("keeps blank and comment lines inside an open construct", () => {
    const script = "cat <<EOF\n\n# kept\nEOF\nfor i in 1 2\n\n# kept too\ndo echo $i; done";
    expect(splitCommands(script)).toEqual([
      { text: "cat <<EOF\n\n# kept\nEOF", complete: true },
      { text: "for i in 1 2\n\n# kept too\ndo echo $i; done", complete: true },
    ]);
  });

  it("each chunk is the smallest complete run of lines", () => {
    expect(splitCommands("echo a\necho b; echo c\nif true\nthen echo d\nfi")).toEqual([
      { text: "echo a", complete: true },
      { text: "echo b; echo c", complete: true },
      { text: "if true\nthen echo d\nfi", complete: true },
    ]);
  });

  it("returns a trailing incomplete chunk with complete=false", () => {
    expect(splitCommands("echo a\ncat <<EOF\npartial")).toEqual([
      { text: "echo a", complete: true },
      { text: "cat <<EOF\npartial", complete: false },
    ]);
    expect(splitCommands("kubectl get pods |")).toEqual([{ text: "kubectl get pods |", complete: false }]);
  });

  it("returns nothing for an empty or comment-only script", () => {
    expect(splitCommands("")).toEqual([]);
    expect(splitCommands("\n\n# nothing\n   \n")).toEqual([]);
  });

  it("accepts CRLF line ends", () => {
    expect(splitCommands("echo a\r\n\r\necho b\r\n")).toEqual([
      { text: "echo a", complete: true },
      { text: "echo b", complete: true },
    ]);
  });

  it("stays fast on a long heredoc", () => {
    const body = Array.from({ length: 3000 }, (_, i) => `  - item-${i}: "it's"`);
    const script = ["cat <<EOF | kubectl apply -f -", ...body, "EOF", "echo done"].join("\n");
    const started = performance.now();
    const chunks = splitCommands(script);
    expect(chunks).toHaveLength(2);
    expect(chunks.every((c) => c.complete)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("robustness", () => {
  const TOKENS = [
    "a", "b", "1", " ", "  ", "\t", "\n", "\n\n", "'", '"', "`", "$", "$'", "\\", "\\\n", "#", " #", "(", ")", "((", "))",
    "{", "}", "{ ", " }", "[[ ", " ]]", ";", ";;", "&", "&&", "|", "||", "|&", "<", ">", "<<", "<<-", "<<<", "<<'EOF'",
    "EOF", "\nEOF", "\n\tEOF", "$(", "${", "$((", "=", "x=(", "*", "if ", "then ", "elif ", "else ", "fi", "for ", "in ",
    "do ", "done", "while ", "until ", "case ", "esac", "select ", "function ", "f() ", "echo ", "kubectl get pods",
  ];
  const bashish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(""));
  const skippable = (line: string): boolean => /^[ \t]*(#.*)?$/.test(line);

  it("openConstructs never throws and agrees with isComplete", () => {
    fc.assert(
      fc.property(fc.oneof(bashish, fc.string({ maxLength: 60 })), (input) => {
        const open = openConstructs(input);
        expect(Array.isArray(open)).toBe(true);
        expect(isComplete(input)).toBe(open.length === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("splitCommands keeps every line that is not blank or a comment, in order", () => {
    fc.assert(
      fc.property(bashish, (script) => {
        const chunks = splitCommands(script);
        const output = chunks.map((c) => c.text).join("\n").split("\n");
        // The output is the input with some blank or comment lines removed.
        let j = 0;
        for (const line of script.split("\n")) {
          if (j < output.length && output[j] === line) j++;
          else expect(skippable(line), JSON.stringify(line)).toBe(true);
        }
        if (chunks.length > 0) expect(j).toBe(output.length);
      }),
      { numRuns: 1000 },
    );
  });

  it("splitCommands chunks are complete, minimal, and only the last may be incomplete", () => {
    fc.assert(
      fc.property(bashish, (script) => {
        const chunks = splitCommands(script);
        chunks.forEach((chunk, i) => {
          expect(chunk.complete).toBe(isComplete(chunk.text));
          if (i < chunks.length - 1) expect(chunk.complete).toBe(true);
          const lines = chunk.text.split("\n");
          for (let k = 1; k < lines.length; k++) expect(isComplete(lines.slice(0, k).join("\n"))).toBe(false);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("deeply nested input does not overflow the stack", () => {
    for (const unit of ["$(", "(", "{ ", '"$(', "${", "$((", "`", "if a; then ", "for i in a; do ", "x=$(echo "]) {
      const input = unit.repeat(20_000);
      expect(() => openConstructs(input), unit).not.toThrow();
      expect(() => splitCommands(`${input}\n${input}`), unit).not.toThrow();
    }
  });
});
