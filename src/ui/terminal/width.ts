/** Terminal cell widths: East Asian wide characters (Korean, CJK) and most emoji take two cells. */
import { eastAsianWidth } from "get-east-asian-width";

export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0; // combining marks
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0; // ZWJ, variation selectors
  return cp >= 0x1f300 && cp <= 0x1faff ? 2 : eastAsianWidth(cp);
}

export function stringWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}
