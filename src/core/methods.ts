/**
 * Scoring methods over the decision matrix (vendors × areas): the weighted sum every report
 * uses (score.ts), and TOPSIS as a second opinion. Knockouts and statuses are the weighted sum's:
 * a method only changes the order of the qualified vendors. docs/arithmetic.md#topsis.
 */
import { rankVendors } from './score.js';
import { topsis } from './topsis.js';
import type { Comparison, VendorResult } from './types.js';

export const METHODS = ['wsm', 'topsis'] as const;
export type Method = (typeof METHODS)[number];

/** The decision matrix TOPSIS reads: each vendor's normalised area scores (0–100; an unscored area 0). */
export function areaMatrix(c: Comparison): number[][] {
  return c.vendors.map((v) => v.areas.map((a) => a.normalized ?? 0));
}

/**
 * Closeness of every vendor to the ideal, by vendor id. The qualified vendors are the
 * alternatives: they set the normalisation and the ideal and anti-ideal points; a disqualified
 * vendor is measured against those points (it cannot move anyone's closeness).
 */
export function topsisCloseness(c: Comparison): Map<string, number> {
  const weights = c.vendors[0]?.areas.map((a) => ({ weight: a.weight })) ?? [];
  const qualified = c.vendors.map((v) => v.status === 'qualified');
  const closeness = c.vendors.length === 0 ? [] : topsis(areaMatrix(c), weights, qualified.some(Boolean) ? qualified : undefined);
  return new Map(c.vendors.map((v, i) => [v.id, closeness[i]!]));
}

export interface MethodRanking {
  method: Method;
  /** Vendors in this method's order, `rank` by it (null when disqualified). */
  vendors: VendorResult[];
  /** The method's score: the total (0–100), or closeness (0–1); by vendor id. */
  scores: Map<string, number>;
}

export function rankByMethod(c: Comparison, method: Method): MethodRanking {
  if (method === 'wsm') return { method, vendors: c.vendors, scores: new Map(c.vendors.map((v) => [v.id, v.total])) };
  const scores = topsisCloseness(c);
  const byId = new Map(c.vendors.map((v) => [v.id, v]));
  // The near-tie rule works in points: closeness × 100 puts it on the same 0–100 footing.
  const ranked = rankVendors(c.vendors.map((v) => ({ id: v.id, name: v.name, status: v.status, total: scores.get(v.id)! * 100 })));
  return { method, scores, vendors: ranked.map((r) => ({ ...byId.get(r.id)!, rank: r.rank })) };
}

/** Vendors first under each method (every one tied first). */
export function leaders(r: MethodRanking): string[] {
  return r.vendors.filter((v) => v.rank === 1).map((v) => v.id);
}
