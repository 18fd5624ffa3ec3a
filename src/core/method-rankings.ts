/**
 * The rankings `compare --method` sets side by side: the weighted sum every report uses, and
 * TOPSIS (a method of the pipeline, method.ts) as a second opinion on the same decision matrix.
 * Knockouts and statuses are the matrix's: a method only changes the order. docs/arithmetic.md#topsis.
 */
import { METHODS } from './method.js';
import { decide } from './score.js';
import type { Comparison, VendorResult } from './types.js';

/** The methods side by side: wsm is the pipeline's weighted-sum, topsis its topsis. */
export const RANKING_METHODS = ['wsm', 'topsis'] as const;
export type RankingMethod = (typeof RANKING_METHODS)[number];

export interface MethodRanking {
  method: RankingMethod;
  /** Vendors in this method's order, `rank` by it (null when disqualified). */
  vendors: VendorResult[];
  /** The method's score: the total (0–100), or closeness (0–1); by vendor id. */
  scores: Map<string, number>;
}

export function rankByMethod(c: Comparison, method: RankingMethod): MethodRanking {
  if (method === 'wsm') return { method, vendors: c.vendors, scores: new Map(c.vendors.map((v) => [v.id, v.total])) };
  // The same matrix through the pipeline's TOPSIS method: its totals are 100 × closeness.
  const rows = c.vendors.map(({ rank: _rank, total: _total, ...row }) => row);
  const decided = decide({ rubric: c.rubric, options: c.options, criteria: c.criteria, rows }, { method: METHODS.topsis });
  const byId = new Map(c.vendors.map((v) => [v.id, v]));
  const scores = new Map(decided.vendors.map((v) => [v.id, v.total / 100]));
  // Each vendor as the weighted sum scored it (its total stays the weighted total), ranked by TOPSIS.
  return { method, scores, vendors: decided.vendors.map((v) => ({ ...byId.get(v.id)!, rank: v.rank })) };
}

/** Closeness (0–1) of every vendor to the ideal, by vendor id (docs/arithmetic.md#topsis). */
export function topsisCloseness(c: Comparison): Map<string, number> {
  return rankByMethod(c, 'topsis').scores;
}

/** Vendors first under each method (every one tied first). */
export function leaders(r: MethodRanking): string[] {
  return r.vendors.filter((v) => v.rank === 1).map((v) => v.id);
}
