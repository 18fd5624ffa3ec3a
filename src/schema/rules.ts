import { quote } from '../text/sanitize.js';

/**
 * The rules of the file formats that need no zod: what the common path of every command (the
 * hand-written checks of src/schema/evaluation-check.ts and rubric-check.ts, the loader) uses. Kept apart so that a
 * bundle reaches zod only when a file has a problem or a schema is printed (the build loads the
 * zod schema modules on first use: scripts/build.mjs, lazySchemas). The schema modules re-export
 * these.
 */

export const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Weights are relative (only their ratios matter), so a weight this close to zero is zero: it
 * would only turn the arithmetic into rounding noise. The upper bound keeps every sum finite.
 */
export const WEIGHT_EPSILON = 1e-9;
export const MAX_WEIGHT = 1e9;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why `v` is not a calendar date written YYYY-MM-DD (2026-02-30 is not one), or undefined when it is. */
export function dateProblem(v: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return `must be a date written YYYY-MM-DD, such as 2026-11-20, not ${quote(v)}`;
  const [y, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `must be a real calendar date: ${v} has no month ${m[2]} (months run from 01 to 12)`;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > days) return `must be a real calendar date: ${v} does not exist (${MONTHS[month - 1]} ${y} has ${days} days)`;
  return undefined;
}

/**
 * The most values a scale may have. People score on a few, 0–100 in tenths (1,001) at the very
 * finest; the interview lists every value as a choice, and isOnStep's tolerance must still tell
 * neighbouring values apart. Past this a scale is a typo (0–1e9) and would exhaust memory.
 */
export const MAX_SCALE_VALUES = 1001;

/**
 * Is v min + k·step for a whole k? Up to float noise (0.1 · 3 is 0.30000000000000004), which is
 * relative to the numbers' size; a tolerance counted in steps instead let 1e9 + 0.1 pass as on a
 * step of 1e9. Never more than a thousandth of a step, so neighbouring values stay apart.
 */
export function isOnStep(v: number, min: number, step: number): boolean {
  const nearest = min + Math.round((v - min) / step) * step;
  return Math.abs(v - nearest) <= Math.min(1e-12 * Math.max(1, Math.abs(v), Math.abs(min)), step / 1000);
}
