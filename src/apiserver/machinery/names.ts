// Name and label-content validators, ported from Kubernetes v1.34:
//
//   staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
//   staging/src/k8s.io/apimachinery/pkg/api/validation/path/name.go
//   staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go
//
// Every validator returns the list of problem descriptions exactly as upstream
// words them (empty list = valid). Callers wrap each message in a field error
// (`metadata.name: Invalid value: "X": <message>`), so the strings here must be
// byte-for-byte identical to upstream, including upstream's oddities such as
// the doubled space in "(e.g. 'MyName',  or 'my.name', ...".
//
// Length limits are checked against the UTF-8 byte length because Go's
// len(string) counts bytes; a value with multi-byte characters therefore hits
// the "must be no more than N characters" message earlier than .length would.

// ---------------------------------------------------------------------------
// Message builders (validation.go: MaxLenError, RegexError, EmptyError,
// InclusiveRangeError). Exported so other validators reuse the exact wording.
// ---------------------------------------------------------------------------

/** validation.go MaxLenError: `must be no more than N characters`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * validation.go RegexError. With examples it renders
 * `msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')` — the
 * `', ' + ' or '` concatenation upstream produces a double space between
 * examples, which is kept because clients see and sometimes match on it.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) {
    return `${msg} (regex used for validation is '${fmt}')`;
  }
  let out = `${msg} (e.g. `;
  for (let i = 0; i < examples.length; i++) {
    if (i > 0) out += " or ";
    out += `'${examples[i]}', `;
  }
  out += `regex used for validation is '${fmt}')`;
  return out;
}

/** validation.go EmptyError. */
export function emptyError(): string {
  return "must be non-empty";
}

/** validation.go InclusiveRangeError. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/**
 * Length of `s` in UTF-8 bytes, i.e. what Go's len(string) reports. A lone
 * surrogate counts as 3 bytes: Go would hold U+FFFD (3 bytes) in its place
 * after JSON decoding.
 */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else n += 3;
  }
  return n;
}

// ---------------------------------------------------------------------------
// DNS names (validation.go)
// ---------------------------------------------------------------------------

export const DNS1123LabelMaxLength = 63;
export const DNS1123SubdomainMaxLength = 253;
export const DNS1035LabelMaxLength = 63;

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrorMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);

const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`);

/** validation.go IsDNS1123Label: namespaces, most "label"-shaped names. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > DNS1123LabelMaxLength) {
    errs.push(maxLenError(DNS1123LabelMaxLength));
  }
  if (!dns1123LabelRegexp.test(value)) {
    if (dns1123SubdomainRegexp.test(value)) {
      // Upstream: "It was a valid subdomain and not a valid label. Since we
      // already checked length, it must be dots."
      errs.push("must not contain dots");
    } else {
      errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc"));
    }
  }
  return errs;
}

/** validation.go IsDNS1123Subdomain: the default object-name rule. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > DNS1123SubdomainMaxLength) {
    errs.push(maxLenError(DNS1123SubdomainMaxLength));
  }
  if (!dns1123SubdomainRegexp.test(value)) {
    errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, "example.com"));
  }
  return errs;
}

/** validation.go IsDNS1035Label: Service names must start with a letter. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > DNS1035LabelMaxLength) {
    errs.push(maxLenError(DNS1035LabelMaxLength));
  }
  if (!dns1035LabelRegexp.test(value)) {
    errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, "my-name", "abc-123"));
  }
  return errs;
}

// ---------------------------------------------------------------------------
// Qualified names and label values (validation.go)
// ---------------------------------------------------------------------------

export const QualifiedNameMaxLength = 63;
export const LabelValueMaxLength = 63;

const qnameCharFmt = "[A-Za-z0-9]";
const qnameExtCharFmt = "[-A-Za-z0-9_.]";
const qualifiedNameFmt = `(${qnameCharFmt}${qnameExtCharFmt}*)?${qnameCharFmt}`;
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameRegexp = new RegExp(`^${qualifiedNameFmt}$`);

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueRegexp = new RegExp(`^${labelValueFmt}$`);

/**
 * validation.go IsQualifiedName: label keys, annotation keys (lower-cased by
 * the caller), finalizer names. `[prefix/]name`, where prefix is a DNS-1123
 * subdomain. More than one '/' short-circuits with a single combined message
 * and skips every other check, as upstream does.
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  switch (parts.length) {
    case 1:
      name = parts[0] ?? "";
      break;
    case 2: {
      const prefix = parts[0] ?? "";
      name = parts[1] ?? "";
      if (prefix.length === 0) {
        errs.push(`prefix part ${emptyError()}`);
      } else {
        for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
      }
      break;
    }
    default:
      return [
        `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")}` +
          " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ];
  }

  if (name.length === 0) {
    errs.push(`name part ${emptyError()}`);
  } else if (utf8ByteLength(name) > QualifiedNameMaxLength) {
    errs.push(`name part ${maxLenError(QualifiedNameMaxLength)}`);
  }
  if (!qualifiedNameRegexp.test(name)) {
    errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")}`);
  }
  return errs;
}

/** validation.go IsValidLabelValue: empty is allowed. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > LabelValueMaxLength) {
    errs.push(maxLenError(LabelValueMaxLength));
  }
  if (!labelValueRegexp.test(value)) {
    errs.push(regexError(labelValueErrMsg, labelValueFmt, "MyValue", "my_value", "12345"));
  }
  return errs;
}

// ---------------------------------------------------------------------------
// Path segments (api/validation/path/name.go)
// ---------------------------------------------------------------------------

/** path.NameMayNotBe: names that cannot be REST path segments. */
export const NameMayNotBe: readonly string[] = [".", ".."];
/** path.NameMayNotContain: substrings that break REST/etcd paths. */
export const NameMayNotContain: readonly string[] = ["/", "%"];

/**
 * path.IsValidPathSegmentName. An exact '.'/'..' match returns immediately
 * with that single message; otherwise every forbidden substring is reported.
 */
export function isValidPathSegmentName(value: string): string[] {
  for (const illegal of NameMayNotBe) {
    if (value === illegal) return [`may not be '${illegal}'`];
  }
  const errs: string[] = [];
  for (const illegal of NameMayNotContain) {
    if (value.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
}

/**
 * path.IsValidPathSegmentPrefix: for generateName, where a suffix follows, so
 * the exact '.'/'..' check does not apply.
 */
export function isValidPathSegmentPrefix(value: string): string[] {
  const errs: string[] = [];
  for (const illegal of NameMayNotContain) {
    if (value.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
}

// ---------------------------------------------------------------------------
// Ports (validation.go)
// ---------------------------------------------------------------------------

const portNameCharsetRegex = /^[-a-z0-9]+$/;
const portNameOneLetterRegexp = /[a-z]/;

/**
 * validation.go IsValidPortName (IANA_SVC_NAME, RFC 6335, lower-case only).
 * All applicable messages are reported, in upstream order.
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(port) > 15) {
    errs.push(maxLenError(15));
  }
  if (!portNameCharsetRegex.test(port)) {
    errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!portNameOneLetterRegexp.test(port)) {
    errs.push("must contain at least one letter (a-z)");
  }
  if (port.includes("--")) {
    errs.push("must not contain consecutive hyphens");
  }
  if (port.length > 0 && (port.startsWith("-") || port.endsWith("-"))) {
    errs.push("must not begin or end with a hyphen");
  }
  return errs;
}

/** validation.go IsValidPortNum: 1..65535. */
export function isValidPortNum(port: number): string[] {
  if (port >= 1 && port <= 65535) return [];
  return [inclusiveRangeError(1, 65535)];
}

/** validation.go IsInRange. */
export function isInRange(value: number, min: number, max: number): string[] {
  if (value >= min && value <= max) return [];
  return [inclusiveRangeError(min, max)];
}

// ---------------------------------------------------------------------------
// ValidateNameFunc variants (api/validation/generic.go)
// ---------------------------------------------------------------------------

/**
 * generic.go maskTrailingDash: lets a generateName prefix end in '-' by
 * replacing the tail with "a". Upstream slices `name[:len(name)-2]`, dropping
 * TWO characters (harmless for validation, since only the trailing dash
 * matters). For the one-character name "-" that slice is out of range and Go
 * panics; we throw the same runtime message so the caller can turn it into the
 * 500 the real apiserver would produce rather than silently accepting it.
 *
 * The slice is on bytes: when the character before the dash is multi-byte, Go
 * keeps its leading bytes as invalid UTF-8. Those can never match the ASCII
 * regexes, so each leftover byte is stood in for by a NUL (also one byte, also
 * rejected) to keep both the length check and the regex outcome identical.
 */
function maskTrailingDash(name: string): string {
  if (!name.endsWith("-")) return name;
  const body = name.slice(0, -1);
  if (body.length === 0) {
    throw new RangeError("runtime error: slice bounds out of range [:-1]");
  }
  const last = body.codePointAt(body.length - 1) ?? 0;
  // A trailing low surrogate means the previous character is a pair.
  const lastUnits = last >= 0xdc00 && last <= 0xdfff && body.length >= 2 &&
    (body.codePointAt(body.length - 2) ?? 0) > 0xffff ? 2 : 1;
  const prevChar = body.slice(body.length - lastUnits);
  const leftoverBytes = utf8ByteLength(prevChar) - 1;
  return `${body.slice(0, body.length - lastUnits)}${"\u0000".repeat(leftoverBytes)}a`;
}

/** generic.go NameIsDNSSubdomain: `prefix` = value is a generateName. */
export function nameIsDNSSubdomain(name: string, prefix: boolean): string[] {
  return isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
}

/** generic.go NameIsDNSLabel (also ValidateNamespaceName). */
export function nameIsDNSLabel(name: string, prefix: boolean): string[] {
  return isDNS1123Label(prefix ? maskTrailingDash(name) : name);
}

/** generic.go NameIsDNS1035Label (Service names). */
export function nameIsDNS1035Label(name: string, prefix: boolean): string[] {
  return isDNS1035Label(prefix ? maskTrailingDash(name) : name);
}
