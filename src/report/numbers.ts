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

/**
 * Numbers in CSV: rounded to at most 10 decimals, so binary noise (88.00000000000001) never
 * reaches a spreadsheet while every digit that means something does. JSON keeps full precision.
 */
export function csvNumber(n: number): string {
  const r = Number(n.toFixed(10));
  return String(Object.is(r, -0) ? 0 : r);
}

export function percent(weight: number): string {
  const p = weight * 100;
  return `${Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) : p.toFixed(1)}%`;
}

/** What an empty listing means: nothing was evaluated, or nothing passed the filter. */
export function emptyListing(evaluated: number): string {
  return evaluated === 0 ? 'No vendors found.' : `None of the ${evaluated} vendor(s) evaluated is listed: none is qualified at or above the threshold given.`;
}

export type Rounding = 'nearest' | 'down' | 'up';

/** `decimals` decimals at most, trailing zeros dropped; 'down'/'up' round toward −∞/+∞ (float noise aside). */
function short(n: number, decimals: number, mode: Rounding): string {
  const f = 10 ** decimals;
  const r = mode === 'down' ? Math.floor(n * f + 1e-9) / f : mode === 'up' ? Math.ceil(n * f - 1e-9) / f : Number(n.toFixed(decimals));
  return String(r === 0 ? 0 : r);
}

/**
 * A number that reads differently from `ref` whenever it differs from it: one decimal, none
 * when whole (20, 15.6), and as many more as it takes (19.96 beside 20; 0.04 rather than 0 for
 * a positive number; 99.97 rather than 100 below `top`). 'down' and 'up' round so that "under
 * x" and "over x" stay true of the exact number.
 */
export function numberApart(x: number, ref?: number, top = Infinity, mode: Rounding = 'nearest'): string {
  const refText = ref === undefined ? null : short(ref, 1, 'nearest');
  let d = 1;
  let out = short(x, d, mode);
  const unclear = (t: string) => (ref !== undefined && t === refText && x !== ref) || (t === '0' && x > 0) || (Number(t) >= top && x < top);
  while (unclear(out) && d < 10) out = short(x, ++d, mode);
  return out;
}

/** A share (0–1) as a percentage, apart from `ref` as above: 15.6%, 19.96%, 0.04%. */
export function percentApart(share: number, ref?: number, mode: Rounding = 'nearest'): string {
  return `${numberApart(share * 100, ref === undefined ? undefined : ref * 100, 100, mode)}%`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** 12,345: thousands separated by commas (without Intl, whose first use costs tens of milliseconds). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
