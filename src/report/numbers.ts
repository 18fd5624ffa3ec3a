/** A number as a whole count of tenths, the way one decimal prints it (never −0). */
export function tenths(n: number): number {
  const r = Math.round(n * 10);
  return r === 0 ? 0 : r;
}

/** Tables show one decimal; JSON keeps full precision. */
export function fixed1(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return (tenths(n) / 10).toFixed(1);
}

/**
 * Largest-remainder rounding: whole numbers close to `values` (each rounded down or up) that add
 * up to `target`, a whole number. The values with the largest fractional parts are rounded up;
 * on equal parts, the earlier value. If the target lies further than rounding can reach (the
 * values do not add up to about it), the difference goes to the first values, one by one.
 */
export function roundToSum(values: readonly number[], target: number): number[] {
  const out = values.map(Math.floor);
  const order = values.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = target - out.reduce((s, x) => s + x, 0);
  for (let k = 0; left !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const step = left > 0 ? 1 : -1;
    out[order[left > 0 ? k : order.length - 1 - k]!.i]! += step;
    left -= step;
  }
  return out;
}

/** Scale values as written (3, 3.5), or one decimal for aggregates (3.33 → 3.3). */
export function scaleValue(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return Number.isInteger(n) ? String(n) : fixed1(n);
}

export function percent(weight: number): string {
  const p = weight * 100;
  return `${Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) : p.toFixed(1)}%`;
}

/** What an empty listing means: nothing was evaluated, or nothing passed the filter. */
export function emptyListing(evaluated: number): string {
  return evaluated === 0 ? 'No vendors found.' : `None of the ${evaluated} vendor(s) evaluated is listed: none is qualified at or above the threshold given.`;
}
