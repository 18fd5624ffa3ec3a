export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Median; with an even count, the mean of the two middle values. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Weighted mean of (value, weight) pairs; NaN when the weights sum to zero. */
export function weightedMean(pairs: ReadonlyArray<readonly [number, number]>): number {
  let num = 0;
  let den = 0;
  for (const [v, w] of pairs) {
    num += v * w;
    den += w;
  }
  return num / den;
}

/**
 * The one disagreement rule, for the rubric's `disagreement` and for `--max-disagreement` alike:
 * at least two scores, `threshold` or more scale points apart (docs/arithmetic.md).
 */
export function disagrees(scores: readonly number[], threshold: number): boolean {
  if (scores.length < 2) return false;
  // A loop, not Math.max(...scores): thousands of evaluators' scores as arguments can overflow the stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of scores) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return hi - lo >= threshold - 1e-9;
}

/**
 * Seeded PRNG (mulberry32) so that a report is reproducible. The state lives in a Uint32Array:
 * held in a closure variable, a 32-bit value above 2^30 is a heap number, allocated anew on
 * every call (the draws make tens of thousands).
 */
export function rng(seed: number): () => number {
  const state = new Uint32Array([seed >>> 0]);
  return () => {
    state[0] = state[0]! + 0x6d2b79f5;
    const t = state[0]!;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
