import { z } from 'zod';
import { calendarDate, slug, text } from './common.js';

/** docs/files.md#quote: one vendor's price, kept in quotes/ apart from the evaluations. */
export const quoteLineSchema = z.strictObject({
  item: text(500),
  amount: z.number().positive('must be more than 0: a quote line is a price'),
  per: z.literal('year', { error: 'must be year (a recurring line, counted horizon-years times); leave it out for a one-off line' }).optional(),
});

export const quoteSchema = z.strictObject({
  vendor: z.strictObject({
    id: slug.optional().describe('Derived from name when absent'),
    name: text(200),
  }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD'),
  'valid-until': calendarDate.optional().describe('The last day the quote holds, such as 2027-03-31'),
  lines: z.array(quoteLineSchema).min(1, 'a quote needs at least one line'),
  notes: z.string().max(20_000, 'must be at most 20000 characters').optional(),
});

export type QuoteFile = z.output<typeof quoteSchema>;
