import type { Quote } from './types.js';

/*
 * The article vendorscore is built from gives typical costs: a focused pilot with a specialist
 * partner $25,000–$100,000; a production build with ongoing MLOps $150,000–$500,000 or more a
 * year. A quote far outside them (under half the low end, over twice the high end) is worth a
 * look before the meeting: information, never an error. Only USD quotes are compared; nothing is
 * converted.
 */

export const ARTICLE_RANGES = {
  pilot: { low: 25_000, high: 100_000, what: 'a focused pilot with a specialist partner' },
  production: { low: 150_000, high: 500_000, what: 'a production build with ongoing MLOps support, per year' },
} as const;

/** How far outside counts as far: below low ÷ FAR or above high × FAR. */
export const FAR = 2;

export interface ContextNote {
  kind: 'pilot' | 'production';
  amount: number;
  direction: 'below' | 'above';
}

/** The quote's one-off sum against the pilot range, its yearly sum against the production range. */
export function articleNotes(q: Pick<Quote, 'currency' | 'lines'>): ContextNote[] {
  if (q.currency !== 'USD') return [];
  let once = 0;
  let yearly = 0;
  let hasYearly = false;
  for (const l of q.lines) {
    if (l.per === 'year') {
      yearly += l.amount;
      hasYearly = true;
    } else once += l.amount;
  }
  const out: ContextNote[] = [];
  const check = (kind: ContextNote['kind'], amount: number) => {
    const r = ARTICLE_RANGES[kind];
    if (amount < r.low / FAR) out.push({ kind, amount, direction: 'below' });
    else if (amount > r.high * FAR) out.push({ kind, amount, direction: 'above' });
  };
  if (once > 0) check('pilot', once);
  if (hasYearly) check('production', yearly);
  return out;
}
