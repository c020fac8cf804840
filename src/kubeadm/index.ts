// kubeadm v1.34 text and rules for the sandbox shell. Pure functions; the shell owns the cluster.

export type { Arg, CommandOutput, InitOptions, OutputChunk, Result } from "./types.ts";
export { isError } from "./types.ts";
export { fatal, klogLine, aggregate, formatFieldError } from "./errors.ts";
export { parseInitArgs, INIT_FLAGS, GLOBAL_FLAGS, DEFAULT_INIT_OPTIONS } from "./flags.ts";
export type { ParsedInitArgs } from "./flags.ts";
export { applyConfigFile, loadConfigFile } from "./config-file.ts";
export type { ConfigWarning, ConfigLoadResult } from "./config-file.ts";
export { validateInit, normalizeInit, resolveKubernetesVersion, siteLocalWarnings } from "./validation.ts";
export { initOutput, certificateSANLines, apiServerVirtualIP, clusterDNSIP } from "./init-output.ts";
export type { InitSecrets } from "./init-output.ts";
export { preflightRunningControlPlane, preflightRunningControlPlaneWarnings } from "./preflight.ts";
export {
  resetOutput,
  resetPrompt,
  resetRefused,
  resetHeader,
  resetBody,
  RESET_WARNING_MESSAGE,
  RESET_WARNING_SOURCE,
} from "./reset-output.ts";
export { joinCommand, joinOutput, joinWorkerCommand } from "./join.ts";
export {
  apiserverCommand,
  controllerManagerCommand,
  schedulerCommand,
  etcdCommand,
  renderStaticPod,
  argumentsToCommand,
  MANIFEST_PATHS,
} from "./manifests.ts";
export type { Component } from "./manifests.ts";
export { versionOutput, versionCommand } from "./version.ts";
export { initHelp, rootHelp } from "./help.ts";
