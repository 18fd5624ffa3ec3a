import type { Comparison } from './types.js';

/*
 * Value for money (docs/arithmetic.md#value-for-money): among the ranked vendors whose price
 * was opened, the cost of one quality point, and the efficient frontier — the vendors that no
 * other vendor beats on both quality and cost.
 */

export interface Value {
  /** cost ÷ quality; null at quality 0. */
  costPerPoint: number | null;
  /** No other priced vendor has quality at least as high and cost at most as low, one of them strictly. */
  frontier: boolean;
}

export function valueForMoney(c: Pick<Comparison, 'vendors'>): Map<string, Value> {
  const priced = c.vendors.filter((v) => v.status === 'qualified' && v.price !== null);
  const out = new Map<string, Value>();
  for (const v of priced) {
    const cost = v.price!.cost;
    const beaten = priced.some((o) => o !== v && o.quality >= v.quality && o.price!.cost <= cost && (o.quality > v.quality || o.price!.cost < cost));
    out.set(v.id, { costPerPoint: v.quality > 0 ? cost / v.quality : null, frontier: !beaten });
  }
  return out;
}
