// How sigs.k8s.io/yaml (go-yaml v2 emitter) writes a string scalar in block context:
// plain when it is safe and would read back as a string, double-quoted when a plain
// scalar would resolve to another type, single-quoted when plain style is not allowed.

const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?)$/;

function plainAllowed(s: string): boolean {
  if (s === "") return false;
  if (/^\s|\s$/.test(s)) return false;
  const first = s[0] as string;
  const second = s[1];
  if ("#,[]{}&*!|>'\"%@`".includes(first)) return false;
  if ((first === "-" || first === "?" || first === ":") && (second === undefined || second === " ")) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  if (/[\n\r\t]/.test(s)) return false;
  return true;
}

export function yamlString(s: string): string {
  if (NON_STRING_PLAIN.test(s)) return JSON.stringify(s);
  if (plainAllowed(s)) return s;
  if (/[\n\r\t]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}
