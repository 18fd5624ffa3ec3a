import { z } from 'zod';
import { quote } from '../text/sanitize.js';

export const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;
export const slug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(SLUG_RE, 'must be a slug: lower-case letters a–z, digits and "-", starting with a letter or digit');

export const text = (max = 10_000) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * Weights are relative (only their ratios matter), so a weight this close to zero is zero: it
 * would only turn the arithmetic into rounding noise. The upper bound keeps every sum finite.
 */
export const WEIGHT_EPSILON = 1e-9;
export const MAX_WEIGHT = 1e9;

/** A finite number. zod 4 refuses NaN and ±Infinity (YAML's .nan, .inf and 1e400) by itself. */
export const finite = z.number();

/** A weight or a step: positive, finite, not so small it is really zero, not so large a sum overflows. */
// Plain checks (they also give editors exclusiveMinimum/maximum in the JSON Schema), and no
// `abort: true`: an explicit abort here would also stop the rubric's cross-checks, which must
// run whatever else is wrong.
export const positive = z
  .number()
  .positive('must be greater than 0')
  .max(MAX_WEIGHT, `must be at most ${MAX_WEIGHT} (weights are relative, so scale them all down)`)
  .superRefine((v, ctx) => {
    if (v > 0 && v < WEIGHT_EPSILON) {
      ctx.addIssue({ code: 'custom', message: `must be greater than 0 (anything below ${WEIGHT_EPSILON} counts as zero; weights are relative, so scale them all up)` });
    }
  });

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

/** A calendar date as YYYY-MM-DD; editors see JSON Schema's `format: date`. */
export const calendarDate = z
  .string()
  .superRefine((v, ctx) => {
    const problem = dateProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'date' });
