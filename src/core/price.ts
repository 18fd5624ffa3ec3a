import { isBelow } from './aggregate.js';
import type { Criterion, DecisionMatrix, MatrixRow, PriceRule, Quote, Status, VendorPrice } from './types.js';

/*
 * The price step of the pipeline (docs/arithmetic.md#price): between the method's quality totals
 * and its final totals, the price column joins the matrix. Pure; quotes are already validated.
 */

/** Σ one-off lines + Σ yearly lines × horizon-years. */
export function quoteCost(lines: Quote['lines'], horizonYears: number): number {
  let once = 0;
  let yearly = 0;
  for (const l of lines) {
    if (l.per === 'year') yearly += l.amount;
    else once += l.amount;
  }
  return once + yearly * horizonYears;
}

/** The price score (0–100) of a cost, given the lowest cost of the reference set. */
export function priceScore(rule: Pick<PriceRule, 'formula' | 'range'>, cost: number, lowest: number): number {
  switch (rule.formula) {
    case 'ratio':
      return (100 * lowest) / cost;
    case 'linear':
      return Math.max(0, 100 * (1 - (cost - lowest) / lowest));
    case 'range': {
      const { best, worst } = rule.range!;
      return Math.min(100, Math.max(0, (100 * (worst - cost)) / (worst - best)));
    }
  }
}

export interface Bid {
  id: string;
  cost: number;
}

/** Price scores of the reference set's bids, by id, and the lowest cost (null when the set is empty). */
export function scoreBids(rule: Pick<PriceRule, 'formula' | 'range'>, bids: readonly Bid[]): { scores: Map<string, number>; lowest: number | null } {
  let lowest = Infinity;
  for (const b of bids) if (b.cost < lowest) lowest = b.cost;
  const scores = new Map(bids.map((b) => [b.id, priceScore(rule, b.cost, lowest)] as const));
  return { scores, lowest: bids.length > 0 ? lowest : null };
}

export interface Priced {
  /** The matrix with the price column added and the statuses of vendors left out of the reference set. */
  matrix: DecisionMatrix;
  /** Per row: the price as reports show it (null where it is not opened or there is no quote). */
  prices: Array<VendorPrice | null>;
  lowestCost: number | null;
}

/** Where a row stands once price is in play: the reference set stays qualified. */
function standing(row: MatrixRow, quality: number, rule: PriceRule, quote: Quote | undefined): Status {
  if (row.status !== 'qualified') return row.status;
  if (isBelow(quality, rule.minQuality)) return 'below-min-quality';
  return quote ? 'qualified' : 'no-quote';
}

/** Adds price to a matrix of areas: `quality` is the method's total of each row over the areas. */
export function priceMatrix(matrix: DecisionMatrix, quality: readonly number[], rule: PriceRule, quotes: ReadonlyMap<string, Quote>): Priced {
  const statuses = matrix.rows.map((r, i) => standing(r, quality[i]!, rule, quotes.get(r.id)));
  const costs = matrix.rows.map((r) => {
    const q = quotes.get(r.id);
    return q ? quoteCost(q.lines, rule.horizonYears) : null;
  });
  const bids = matrix.rows.flatMap((r, i) => (statuses[i] === 'qualified' ? [{ id: r.id, cost: costs[i]! }] : []));
  const { scores, lowest } = scoreBids(rule, bids);
  const criterion: Criterion = { kind: 'price', id: 'price', name: 'Price', weight: rule.weight };
  const rows = matrix.rows.map((r, i) => ({ ...r, status: statuses[i]!, cells: [...r.cells, scores.get(r.id) ?? null] }));
  // A vendor below min-quality keeps its envelope closed: its cost goes nowhere.
  const prices = matrix.rows.map((r, i): VendorPrice | null => {
    const cost = costs[i];
    if (cost === null || cost === undefined || statuses[i] === 'below-min-quality') return null;
    return { cost, currency: rule.currency, score: scores.get(r.id) ?? null };
  });
  return { matrix: { ...matrix, criteria: [...matrix.criteria, criterion], rows }, prices, lowestCost: lowest };
}
