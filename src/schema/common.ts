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
export const positive = z
  .number()
  .positive({ message: 'must be greater than 0', abort: true })
  .refine((v) => v >= WEIGHT_EPSILON, { abort: true, message: `must be greater than 0 (anything below ${WEIGHT_EPSILON} counts as zero; weights are relative, so scale them all up)` })
  .refine((v) => v <= MAX_WEIGHT, { message: `must be at most ${MAX_WEIGHT} (weights are relative, so scale them all down)` });
