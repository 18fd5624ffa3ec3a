import { z } from 'zod';

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
