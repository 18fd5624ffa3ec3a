/** Tables show one decimal; JSON keeps full precision. */
export function fixed1(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const r = Math.round(n * 10) / 10;
  return (Object.is(r, -0) ? 0 : r).toFixed(1);
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
