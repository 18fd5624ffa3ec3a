import { z } from 'zod';
import { dateProblem, MAX_WEIGHT, SLUG_RE, WEIGHT_EPSILON } from './rules.js';

export { dateProblem, MAX_WEIGHT, SLUG_RE, WEIGHT_EPSILON };

export const slug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(SLUG_RE, 'must be a slug: lower-case letters a–z, digits and "-", starting with a letter or digit');

export const text = (max = 10_000) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

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

/** A calendar date as YYYY-MM-DD; editors see JSON Schema's `format: date`. */
export const calendarDate = z
  .string()
  .superRefine((v, ctx) => {
    const problem = dateProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'date' });
