/**
 * acs/_validators.py validate_ssh_key: --ssh-key-value (a key or a file), else ~/.ssh/id_rsa.pub if
 * present, else --generate-ssh-keys writes a new pair there and warns. It runs as an argument validator,
 * so the keys are written even when the cluster is refused afterwards. Without any key the cluster has
 * no SSH access (linuxProfile is null), as current CLIs allow.
 */
import { clientError, type AzError } from "../../errors.ts";
import type { AzHost } from "../command.ts";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export interface SshKeyOptions {
  value?: string;
  generate: boolean;
  noKey: boolean;
}

export async function resolveSshKey(host: AzHost, o: SshKeyOptions): Promise<{ key: string | null; warning?: string } | AzError> {
  if (o.noKey) return { key: null };
  const path = o.value ?? `${host.home}/.ssh/id_rsa.pub`;
  const file = await host.readFile(path.replace(/^~(?=\/)/, host.home));
  if (file !== null) return { key: file.trim() };
  if (o.value !== undefined && /^ssh-rsa AAAA[0-9A-Za-z+/]+=*( .*)?$/.test(o.value.trim())) return { key: o.value.trim() };
  if (o.value !== undefined && !o.generate) {
    return clientError("An RSA key file or key value must be supplied to SSH Key Value. You can use --generate-ssh-keys to let CLI generate one for you");
  }
  if (!o.generate) return { key: null };
  const r = host.cloud.random;
  // An RSA-2048 public key in OpenSSH form is "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" and 324 more characters.
  const key = `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${r.fromAlphabet(B64, 324)}`;
  const body = Array.from({ length: 25 }, () => r.fromAlphabet(B64, 64)).join("\n");
  const priv = path.endsWith(".pub") ? path.slice(0, -4) : `${path}.private`;
  await host.writeFile(priv, `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`, 0o600);
  await host.writeFile(path, `${key}\n`, 0o644);
  return {
    key,
    warning: `SSH key files '${priv}' and '${path}' have been generated under ~/.ssh to allow SSH access to the VM. If using machines without permanent storage like Azure Cloud Shell without an attached file share, back up your keys to a safe location`,
  };
}
