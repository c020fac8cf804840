// `kubeadm version` (k/k cmd/kubeadm/app/cmd/version.go RunVersion):
//   ""      -> fmt.Fprintf("kubeadm version: %#v\n", info)     (apimachinery version.Info)
//   "short" -> GitVersion
//   "yaml"  -> sigs.k8s.io/yaml.Marshal (keys sorted) + Println  (so a blank line at the end)
//   "json"  -> json.MarshalIndent(v, "", "  ") + Println
//   other   -> error "invalid output format: %s"
// Values: public v1.34.1 transcripts (`kubeadm version` on Ubuntu packages, linux/amd64).

import { KUBEADM_BUILD_DATE, KUBEADM_GIT_COMMIT, KUBEADM_GO_VERSION, KUBEADM_VERSION } from "./constants.ts";
import { fatal } from "./errors.ts";
import { yamlString } from "./yaml-scalar.ts";

const INFO = {
  major: "1",
  minor: "34",
  gitVersion: KUBEADM_VERSION,
  gitCommit: KUBEADM_GIT_COMMIT,
  gitTreeState: "clean",
  buildDate: KUBEADM_BUILD_DATE,
  goVersion: KUBEADM_GO_VERSION,
  compiler: "gc",
  platform: "linux/amd64",
};

export function versionCommand(format = ""): { stdout: string; stderr: string; exitCode: number } {
  switch (format) {
    case "":
      return {
        stdout:
          `kubeadm version: &version.Info{Major:"${INFO.major}", Minor:"${INFO.minor}", EmulationMajor:"", EmulationMinor:"", ` +
          `MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${INFO.gitVersion}", GitCommit:"${INFO.gitCommit}", ` +
          `GitTreeState:"${INFO.gitTreeState}", BuildDate:"${INFO.buildDate}", GoVersion:"${INFO.goVersion}", ` +
          `Compiler:"${INFO.compiler}", Platform:"${INFO.platform}"}\n`,
        stderr: "",
        exitCode: 0,
      };
    case "short":
      return { stdout: `${INFO.gitVersion}\n`, stderr: "", exitCode: 0 };
    case "json":
      // Emulation*/MinCompatibility* are `omitempty` in the JSON tags of version.Info.
      return { stdout: `${JSON.stringify({ clientVersion: INFO }, null, 2)}\n`, stderr: "", exitCode: 0 };
    case "yaml": {
      const keys = Object.keys(INFO).sort() as (keyof typeof INFO)[];
      const body = keys.map((k) => `  ${k}: ${yamlValue(INFO[k])}`).join("\n");
      return { stdout: `clientVersion:\n${body}\n\n`, stderr: "", exitCode: 0 };
    }
    default:
      return { stdout: "", stderr: fatal(`invalid output format: ${format}`), exitCode: 1 };
  }
}

function yamlValue(v: string): string {
  // "1", "34" and the build timestamp would read back as other types; go-yaml double-quotes them.
  return yamlString(v);
}

/** `kubeadm version [-o short|json|yaml]` stdout; for an unknown format, the error text (stderr). */
export function versionOutput(format?: string): string {
  const r = versionCommand(format ?? "");
  return r.exitCode === 0 ? r.stdout : r.stderr;
}
