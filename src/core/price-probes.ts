import { withPrice } from './method.js';
import { scoreBids } from './price.js';
import { rankVendors } from './score.js';
import { joinsTieGroup } from './ties.js';
import type { Comparison, VendorResult } from './types.js';

/*
 * Two probes that only a priced comparison has (docs/arithmetic.md#price-in-sensitivity):
 * the price weight moved like an area weight, and the lowest-bid trap of relative formulas.
 */

export interface PriceSegment {
  /** Price weight, percent: the segment runs from `from` to `to` (0–100). */
  from: number;
  to: number;
  leaders: string[];
}

export interface PriceFlips {
  /** The rubric's price weight, percent. */
  weight: number;
  /** Who leads over every price weight from 0% to 100%, in order. */
  segments: PriceSegment[];
}

/** The reference set: ranked vendors with a price score. */
const priced = (c: Comparison) => c.vendors.filter((v): v is VendorResult & { price: { score: number } } => v.status === 'qualified' && v.price?.score != null);

/** Leaders at price weight p (percent), by the near-tie rule. */
function leadersAt(rows: ReturnType<typeof priced>, p: number): string[] {
  const totals = rows.map((v) => withPrice(v.quality, v.price.score, p));
  const best = Math.max(...totals);
  return rows.filter((_, i) => joinsTieGroup(best, totals[i]!)).map((v) => v.id).sort();
}

/**
 * Each total is linear in the price weight p: (1 − p/100)·quality + p/100·score, the price
 * scores held (they depend on the bids, not on p). Leaders change only where two lines cross.
 */
export function priceFlips(c: Comparison): PriceFlips | undefined {
  if (!c.price) return undefined;
  const rows = priced(c);
  const cuts = new Set<number>([0, 100]);
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i]!;
      const b = rows[j]!;
      // (qa − qb) + p/100·((sa − qa) − (sb − qb)) = 0
      const slope = a.price.score - a.quality - (b.price.score - b.quality);
      if (slope === 0) continue;
      const p = (-100 * (a.quality - b.quality)) / slope;
      if (p > 0 && p < 100) cuts.add(p);
    }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const segments: PriceSegment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const to = points[k + 1]!;
    const leaders = leadersAt(rows, (from + to) / 2);
    const last = segments[segments.length - 1];
    if (last && last.leaders.join() === leaders.join()) last.to = to;
    else segments.push({ from, to, leaders });
  }
  return { weight: c.price.weight, segments };
}

export interface BidSwap {
  /** The vendor whose bid is taken out. */
  without: string;
  /** Ahead of `nowAhead` with every bid, behind it without `without`'s. */
  wasAhead: string;
  nowAhead: string;
}

export interface LowestBidTrap {
  formula: 'ratio' | 'linear' | 'range';
  /** range scores each cost on its own scale, so no bid moves another vendor's score. */
  immune: boolean;
  swaps: BidSwap[];
}

/**
 * For each vendor of the reference set: the ranking of the others with its bid taken out (so the
 * lowest cost may change). A pair of others changing places is the trap relative price formulas
 * are known for: the outcome depends on who else bid.
 */
export function lowestBidTrap(c: Comparison): LowestBidTrap | undefined {
  const rule = c.price;
  if (!rule) return undefined;
  if (rule.formula === 'range') return { formula: rule.formula, immune: true, swaps: [] };
  const rows = priced(c);
  const swaps: BidSwap[] = [];
  for (const out of rows) {
    const rest = rows.filter((v) => v !== out);
    const { scores } = scoreBids(rule, rest.map((v) => ({ id: v.id, cost: v.price.cost })));
    const before = rankVendors(rest.map((v) => ({ id: v.id, name: v.name, status: v.status, total: v.total })));
    const after = rankVendors(rest.map((v) => ({ id: v.id, name: v.name, status: v.status, total: withPrice(v.quality, scores.get(v.id)!, rule.weight) })));
    const rankBefore = new Map(before.map((v) => [v.id, v.rank!]));
    const rankAfter = new Map(after.map((v) => [v.id, v.rank!]));
    for (const a of before) {
      for (const b of before) {
        if (rankBefore.get(a.id)! < rankBefore.get(b.id)! && rankAfter.get(a.id)! > rankAfter.get(b.id)!) swaps.push({ without: out.id, wasAhead: a.id, nowAhead: b.id });
      }
    }
  }
  return { formula: rule.formula, immune: false, swaps };
}
