/**
 * Python difflib's SequenceMatcher.ratio and get_close_matches, which az uses to suggest a command or
 * value ("Did you mean 'create' ?"). Short inputs only, so the autojunk heuristic (for sequences of 200
 * and more) never applies and is left out.
 */

function longestMatch(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let best: [number, number, number] = [alo, blo, 0];
  let lens = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      const k = (lens.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > best[2]) best = [i - k + 1, j - k + 1, k];
    }
    lens = next;
  }
  return best;
}

function matchingCharacters(a: string, b: string): number {
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  let total = 0;
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi);
    if (k === 0) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

/** SequenceMatcher(None, a, b).ratio(). */
export function ratio(a: string, b: string): number {
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * matchingCharacters(a, b)) / total;
}

/** difflib.get_close_matches(word, possibilities, n, cutoff): best first, ties in input order. */
export function closeMatches(word: string, possibilities: readonly string[], cutoff = 0.6, n = 3): string[] {
  return possibilities
    .map((p, i) => ({ p, i, score: ratio(p, word) }))
    .filter((x) => x.score >= cutoff)
    .sort((x, y) => y.score - x.score || y.p.localeCompare(x.p))
    .slice(0, n)
    .map((x) => x.p);
}
