import { z } from 'zod';

export const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;
export const slug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(SLUG_RE, 'must be a slug: lower-case letters a–z, digits and "-", starting with a letter or digit');

export const text = (max = 10_000) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const finite = z.number();
export const positive = z.number().positive('must be greater than 0');
