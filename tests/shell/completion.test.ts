import { describe, expect, it } from "vitest";
import { complete, type Completion, type CompletionContext } from "../../src/shell/completion.ts";

const NAMES: Record<string, string[]> = {
  "services/default": ["kubernetes", "test-1", "test-2", "web"],
  "services/kube-system": ["kube-dns"],
  "services/*": ["kube-dns", "kubernetes", "test-1", "test-2", "web"],
  "servicecidrs/*": ["kubernetes", "newcidr1", "newcidr2"],
  "namespaces/*": ["default", "kube-node-lease", "kube-public", "kube-system"],
};

const FILES: Record<string, string[]> = {
  ".": ["cidr.yaml", "cidr-extra.yaml", "manifests/", ".bashrc", "my file.yaml", "notes.txt", "한글.txt"],
  manifests: ["svc.yaml", "servicecidr.yaml"],
  "/": ["etc/", "root/", "tmp/"],
  "/etc": ["kubernetes/", "hosts"],
  "/etc/kubernetes": ["admin.conf", "manifests/"],
};

/** A context like the page's, recording which object lists were asked for. */
function context(): CompletionContext & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    commands: ["cat", "cd", "echo", "grep", "jq", "kubeadm", "kubectl", "ls"],
    kubectlVerbs: ["api-resources", "apply", "create", "delete", "describe", "explain", "get", "label", "patch", "version"],
    kubectlFlags: {
      "": ["--namespace", "-n", "--context", "--kubeconfig"],
      get: ["--output", "-o", "--all-namespaces", "-A", "--selector", "-l", "--show-labels", "--watch", "-w"],
      delete: ["--all", "--force", "--grace-period", "--filename", "-f"],
      apply: ["--filename", "-f", "--dry-run", "--server-side"],
    },
    resourceTypes: [
      { name: "services", singular: "service", shortNames: ["svc"], namespaced: true },
      { name: "servicecidrs", singular: "servicecidr", shortNames: [], namespaced: false },
      { name: "serviceaccounts", singular: "serviceaccount", shortNames: ["sa"], namespaced: true },
      { name: "ipaddresses", singular: "ipaddress", shortNames: ["ip"], namespaced: false },
      { name: "namespaces", singular: "namespace", shortNames: ["ns"], namespaced: false },
      { name: "pods", singular: "pod", shortNames: ["po"], namespaced: true },
    ],
    objectNames(resource, namespace) {
      const key = `${resource}/${namespace ?? "*"}`;
      asked.push(key);
      return NAMES[key] ?? [];
    },
    files: (dir) => FILES[dir] ?? [],
  };
}

/** Completes with the cursor at the end of the line. */
function tab(line: string, ctx: CompletionContext = context()): Completion {
  return complete(line, line.length, ctx);
}

/** The line after applying a completion, as the editor would. */
function applied(line: string, ctx: CompletionContext = context()): string {
  const c = complete(line, line.length, ctx);
  return line.slice(0, c.start) + c.insert + line.slice(c.end);
}

describe("commands", () => {
  it("completes the first word from the shell's commands", () => {
    expect(tab("ku")).toEqual({ start: 0, end: 2, candidates: ["kubeadm", "kubectl"], insert: "kube" });
    expect(applied("kubec")).toBe("kubectl ");
    expect(tab("").candidates).toEqual(["cat", "cd", "echo", "grep", "jq", "kubeadm", "kubectl", "ls"]);
  });

  it("starts a new command after a pipe, a semicolon, && and $(", () => {
    expect(applied("kubectl get svc -o json | j")).toBe("kubectl get svc -o json | jq ");
    expect(applied("ls; kubectl g")).toBe("ls; kubectl get ");
    expect(applied("ls && kubec")).toBe("ls && kubectl ");
    expect(applied("echo $(kubectl g")).toBe("echo $(kubectl get ");
    expect(applied("kubectl get svc 2>&1 | gr")).toBe("kubectl get svc 2>&1 | grep ");
  });

  it("does not split at a pipe or semicolon inside quotes", () => {
    // Still arguments of echo, so files rather than commands are offered.
    expect(tab('echo "a | b" ku').candidates).toEqual([]);
    expect(tab("echo 'a;b' ku").candidates).toEqual([]);
    expect(tab("echo a; ku").candidates).toEqual(["kubeadm", "kubectl"]);
  });

  it("skips leading variable assignments", () => {
    expect(applied("KUBECONFIG=/etc/kubernetes/admin.conf kubectl g")).toBe("KUBECONFIG=/etc/kubernetes/admin.conf kubectl get ");
  });

  it("completes a path in command position as a file", () => {
    expect(applied("/etc/ku")).toBe("/etc/kubernetes/");
  });
});

describe("kubectl verbs and resource types", () => {
  it("completes verbs after kubectl", () => {
    expect(tab("kubectl ").candidates).toContain("get");
    expect(applied("kubectl g")).toBe("kubectl get ");
    expect(tab("kubectl de")).toMatchObject({ candidates: ["delete", "describe"], insert: "de" });
  });

  it("completes verbs after global flags", () => {
    expect(applied("kubectl -n kube-system g")).toBe("kubectl -n kube-system get ");
  });

  it("offers plural, singular and short names of resource types", () => {
    const c = tab("kubectl get ");
    expect(c.candidates).toEqual(expect.arrayContaining(["services", "service", "svc", "servicecidrs", "servicecidr", "ip", "po"]));
    expect(tab("kubectl get se")).toMatchObject({
      candidates: ["service", "serviceaccount", "serviceaccounts", "servicecidr", "servicecidrs", "services"],
      insert: "service",
    });
    expect(applied("kubectl get sv")).toBe("kubectl get svc ");
    expect(tab("kubectl get servicec")).toMatchObject({ candidates: ["servicecidr", "servicecidrs"], insert: "servicecidr" });
  });

  it("completes the last type of a comma-separated list", () => {
    expect(tab("kubectl get svc,servicec")).toMatchObject({ candidates: ["svc,servicecidr", "svc,servicecidrs"], insert: "svc,servicecidr" });
  });

  it("completes types for explain, but no object names", () => {
    expect(applied("kubectl explain ipa")).toBe("kubectl explain ipaddress");
    expect(tab("kubectl explain svc ").candidates).toEqual([]);
  });

  it("completes the create subcommands the sandbox has", () => {
    expect(tab("kubectl create ").candidates).toEqual(["namespace", "service"]);
    expect(applied("kubectl create service c")).toBe("kubectl create service clusterip ");
    expect(applied("kubectl create svc n")).toBe("kubectl create svc nodeport ");
  });

  it("offers nothing for an unknown type", () => {
    expect(tab("kubectl get widgets ")).toEqual({ start: 20, end: 20, candidates: [], insert: "" });
  });
});

describe("object names", () => {
  it("completes names in the default namespace", () => {
    const ctx = context();
    expect(tab("kubectl get svc ", ctx).candidates).toEqual(["kubernetes", "test-1", "test-2", "web"]);
    expect(ctx.asked).toEqual(["services/default"]);
    expect(applied("kubectl describe service w")).toBe("kubectl describe service web ");
  });

  it.each([
    "kubectl get svc -n kube-system ",
    "kubectl get svc --namespace kube-system ",
    "kubectl get svc --namespace=kube-system ",
    "kubectl get svc -nkube-system ",
    "kubectl -n kube-system get svc ",
    "kubectl get -n kube-system services.v1 ",
  ])("follows the namespace flag: %s", (line) => {
    const ctx = context();
    expect(tab(line, ctx).candidates).toEqual(["kube-dns"]);
    expect(ctx.asked).toEqual(["services/kube-system"]);
  });

  it("asks for every namespace with -A", () => {
    const ctx = context();
    expect(tab("kubectl get svc -A kube-", ctx).candidates).toEqual(["kube-dns"]);
    expect(ctx.asked).toEqual(["services/*"]);
  });

  it("completes TYPE/NAME", () => {
    expect(tab("kubectl get svc/")).toMatchObject({ candidates: ["svc/kubernetes", "svc/test-1", "svc/test-2", "svc/web"], insert: "svc/" });
    expect(applied("kubectl get svc/ku")).toBe("kubectl get svc/kubernetes ");
    expect(applied("kubectl delete svc/test-1 svc/t")).toBe("kubectl delete svc/test-1 svc/test-");
  });

  it("completes cluster-scoped names without a namespace", () => {
    const ctx = context();
    expect(tab("kubectl delete servicecidr ne", ctx)).toMatchObject({ start: 27, end: 29, candidates: ["newcidr1", "newcidr2"], insert: "newcidr" });
    expect(tab("kubectl -n kube-system delete servicecidr newcidr2", ctx).insert).toBe("newcidr2 ");
    expect(ctx.asked).toEqual(["servicecidrs/*", "servicecidrs/*"]);
  });

  it("does not offer names already on the line", () => {
    expect(tab("kubectl delete svc test-1 test-").candidates).toEqual(["test-2"]);
  });

  it("completes namespaces after -n", () => {
    expect(applied("kubectl get svc -n kube-s")).toBe("kubectl get svc -n kube-system ");
    expect(applied("kubectl get svc --namespace=kube-s")).toBe("kubectl get svc --namespace=kube-system ");
  });

  it("completes the word under the cursor, leaving the rest of the line", () => {
    const c = complete("kubectl get svc w -o wide", 17, context());
    expect(c).toEqual({ start: 16, end: 17, candidates: ["web"], insert: "web " });
  });
});

describe("flags and their values", () => {
  it("completes output formats after -o, with wide only for get", () => {
    expect(tab("kubectl get svc -o ").candidates).toEqual(expect.arrayContaining(["json", "yaml", "name", "wide", "jsonpath=", "custom-columns="]));
    expect(tab("kubectl get svc -o j")).toMatchObject({ candidates: ["json", "jsonpath-as-json=", "jsonpath-file=", "jsonpath="], insert: "json" });
    expect(applied("kubectl get svc -o ya")).toBe("kubectl get svc -o yaml ");
    expect(applied("kubectl get svc --output=w")).toBe("kubectl get svc --output=wide ");
    expect(tab("kubectl apply -f cidr.yaml -o w").candidates).toEqual([]);
  });

  it("leaves the cursor after = for formats that take an argument", () => {
    expect(applied("kubectl get svc -o jsonpath-f")).toBe("kubectl get svc -o jsonpath-file=");
    expect(applied("kubectl get svc -o custom-columns-")).toBe("kubectl get svc -o custom-columns-file=");
  });

  it("completes the verb's flags, and the global ones", () => {
    expect(applied("kubectl get svc --all")).toBe("kubectl get svc --all-namespaces ");
    expect(applied("kubectl delete svc web --gr")).toBe("kubectl delete svc web --grace-period ");
    expect(tab("kubectl get -").candidates).toEqual(
      ["--all-namespaces", "--context", "--kubeconfig", "--namespace", "--output", "--selector", "--show-labels", "--watch", "-A", "-l", "-n", "-o", "-w"],
    );
    expect(tab("kubectl --k").candidates).toEqual(["--kubeconfig"]);
  });

  it("does not count flag values as positional arguments", () => {
    expect(tab("kubectl get -l app=web -o wide svc ").candidates).toEqual(["kubernetes", "test-1", "test-2", "web"]);
    expect(tab("kubectl get --show-labels ").candidates).toContain("servicecidrs");
  });
});

describe("files", () => {
  it("completes -f with files, a directory without a trailing space", () => {
    expect(tab("kubectl apply -f ").candidates).toEqual(["cidr-extra.yaml", "cidr.yaml", "manifests/", "my file.yaml", "notes.txt", "한글.txt"]);
    expect(tab("kubectl apply -f ci")).toMatchObject({ candidates: ["cidr-extra.yaml", "cidr.yaml"], insert: "cidr" });
    expect(applied("kubectl apply -f man")).toBe("kubectl apply -f manifests/");
    expect(applied("kubectl apply --filename=manifests/sv")).toBe("kubectl apply --filename=manifests/svc.yaml ");
  });

  it("lists files by name and keeps the typed directory", () => {
    expect(tab("kubectl apply -f manifests/s")).toEqual({
      start: 17,
      end: 28,
      candidates: ["servicecidr.yaml", "svc.yaml"],
      insert: "manifests/s",
    });
    expect(tab("cat /etc/kubernetes/").candidates).toEqual(["admin.conf", "manifests/"]);
    expect(applied("cat /e")).toBe("cat /etc/");
  });

  it("offers files for the arguments of other commands and for redirections", () => {
    expect(applied("cat no")).toBe("cat notes.txt ");
    expect(applied("kubectl get svc -o yaml > no")).toBe("kubectl get svc -o yaml > notes.txt ");
    expect(applied("kubectl get svc -o yaml >no")).toBe("kubectl get svc -o yaml >notes.txt ");
    expect(applied("cat 한")).toBe("cat 한글.txt ");
  });

  it("shows dot files only when the name starts with a dot", () => {
    expect(tab("cat ").candidates).not.toContain(".bashrc");
    expect(applied("cat .")).toBe("cat .bashrc ");
  });

  it("offers only directories to cd", () => {
    expect(tab("cd ")).toMatchObject({ candidates: ["manifests/"], insert: "manifests/" });
  });

  it("escapes or quotes names with blanks the way the word was started", () => {
    expect(applied("cat my")).toBe("cat my\\ file.yaml ");
    expect(applied('cat "my')).toBe('cat "my file.yaml" ');
    expect(applied("cat 'my")).toBe("cat 'my file.yaml' ");
    expect(applied("cat my\\ f")).toBe("cat my\\ file.yaml ");
  });

  it("leaves a word with no matches as it was", () => {
    expect(tab("cat zz")).toEqual({ start: 4, end: 6, candidates: [], insert: "zz" });
  });
});
