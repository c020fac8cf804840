/** The machine the learner's shell runs on: the control-plane node kubeadm set up. */
export interface Machine {
  hostname: string;
  address: string;
  /** Where kubectl's kubeconfig points. */
  server: string;
}

export const DEFAULT_MACHINE: Machine = { hostname: "controlplane", address: "192.168.0.7", server: "192.168.0.7:6443" };

/** The virtual start of the CLI's clock, so that transcripts never change. */
export const CLI_EPOCH = Date.parse("2025-11-03T09:00:00Z");
