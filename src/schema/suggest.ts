/**
 * Edit distance, for did-you-mean hints (inputs are short ids and keys). With `max`, stops as
 * soon as the distance must reach it and returns `max`: a file with 50,000 unknown keys then
 * costs little more than one with five.
 */
let scratch = new Uint32Array(64);
/** A reused row 0, 1, 2, …: allocation would otherwise dominate a long run of short comparisons. */
function row(n: number): Uint32Array {
  if (scratch.length < n) scratch = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) scratch[i] = i;
  return scratch;
}

export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) >= max) return max;
  const prev = row(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev[j]! < rowMin) rowMin = prev[j]!;
      diag = tmp;
    }
    if (rowMin >= max) return max;
  }
  return Math.min(prev[b.length]!, max);
}

/** The closest candidate within a third of the word's length, if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 200) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.ceil(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase(), bestD);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
