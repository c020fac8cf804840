/**
 * `ssh NODE [COMMAND...]` between the lab's machines, by host name or address. With a command it runs
 * there and returns; without one the terminal moves to that machine's shell until `exit`. The sandbox
 * needs no keys; for AKS nodes, which have no public SSH, it says what a real cluster would need.
 */
import { defineCommand } from "just-bash";
import type { Session } from "../session.ts";

const BANNER = (host: string) => `Welcome to Ubuntu 24.04.3 LTS (GNU/Linux 6.8.0-85-generic x86_64)

 * Documentation:  https://help.ubuntu.com
 * Management:     https://landscape.canonical.com
 * Support:        https://ubuntu.com/pro

This is a node of the sandbox: ${host}. Type exit to go back.
`;

export function sshCommand(session: Session, from: string) {
  return defineCommand("ssh", async (args) => {
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (positional.length === 0 && /^-[ilopFJ]$/.test(a)) {
        i++;
        continue;
      }
      if (positional.length === 0 && a.startsWith("-")) continue;
      positional.push(a);
    }
    const [target, ...command] = positional;
    if (!target) {
      return { stdout: "", stderr: "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n", exitCode: 255 };
    }
    const host = target.replace(/^[^@]*@/, "");
    const m = [...session.lab.machines.values()].find((x) => x.hostname === host || x.addresses.includes(host));
    if (!m) return { stdout: "", stderr: `ssh: Could not resolve hostname ${host}: Name or service not known\n`, exitCode: 255 };
    if (m.hostname === from && command.length === 0) return { stdout: "", stderr: "", exitCode: 0 };
    const shell = await session.shellOf(m);
    if (command.length > 0) {
      const r = await session.exec(shell, command.join(" "));
      return { stdout: r.output, stderr: "", exitCode: r.exitCode };
    }
    session.pendingLogin = m.hostname;
    return { stdout: BANNER(m.hostname), stderr: "", exitCode: 0 };
  });
}
