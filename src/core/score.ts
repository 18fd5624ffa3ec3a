import { aggregateVendor, areaCriteria, decisionMatrix, rawAreaWeights } from './aggregate.js';
import { weightedSum, type Method } from './method.js';
import { TIE_TOLERANCE, tieGroups } from './ties.js';
import type { Comparison, DecisionMatrix, Evaluation, MatrixRow, Rubric, ScoreOptions, VendorResult } from './types.js';

/*
 * The decision pipeline (docs/arithmetic.md#the-decision-pipeline): evaluations → aggregate
 * (aggregate.ts) → decision matrix → method (method.ts) → totals → ranking (here).
 */

/** Totals closer than this are equal for ranking (docs/arithmetic.md#ranking-and-the-near-tie-rule); the rule is in ties.ts. */
export const TIE_EPSILON = TIE_TOLERANCE;

export function defaultOptions(rubric: Rubric): ScoreOptions {
  return { aggregate: rubric.aggregate, missing: rubric.missing, weights: {} };
}

/** Scores every vendor found in the evaluations and ranks them: the whole pipeline. Pure. */
export function compareVendors(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, method: Method = weightedSum): Comparison {
  return decide(decisionMatrix(rubric, evaluations, options), method);
}

/** The method's totals on the matrix's rows, then the ranking: the pipeline's last two steps. */
export function decide(matrix: DecisionMatrix, method: Method = weightedSum): Comparison {
  const totals = method.totals(matrix);
  const vendors = matrix.rows.map((row, i) => withTotal(row, totals[i]!));
  return { rubric: matrix.rubric, options: matrix.options, criteria: matrix.criteria, method: method.id, vendors: rankVendors(vendors) };
}

/** A row with its total, unranked (keys in the order docs/json.md lists them). */
function withTotal(row: MatrixRow, total: number): VendorResult {
  const { id, name, status, ...rest } = row;
  return { id, name, rank: null, total, status, ...rest };
}

/** One vendor through the pipeline on its own (its evaluations only), unranked. */
export function scoreVendor(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, method: Method = weightedSum): VendorResult {
  const row = aggregateVendor(rubric, evaluations, options);
  return withTotal(row, method.totals({ criteria: areaCriteria(rubric, options), rows: [row] })[0]!);
}

/** What the ranking needs of a vendor. */
export type Rankable = Pick<VendorResult, 'id' | 'name' | 'total' | 'status'>;

function byName(a: Rankable, b: Rankable): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Tie groups of totals (ties.ts), highest first; each group sorted by name. */
function orderByTotal<T extends Rankable>(list: T[]): T[][] {
  return tieGroups(list, (v) => v.total).map((g) => g.sort(byName));
}

/** Competition ranking (1, 1, 3) of qualified vendors; disqualified ones follow with rank null. */
export function rankVendors<T extends Rankable>(vendors: readonly T[]): Array<T & { rank: number | null }> {
  const out: Array<T & { rank: number | null }> = [];
  for (const group of orderByTotal(vendors.filter((v) => v.status === 'qualified'))) {
    const rank = out.length + 1;
    for (const v of group) out.push({ ...v, rank });
  }
  for (const group of orderByTotal(vendors.filter((v) => v.status !== 'qualified'))) {
    for (const v of group) out.push({ ...v, rank: null });
  }
  return out;
}

/** Each area's share of the sum of all area weights, overrides applied. */
export function normalizedAreaWeights(rubric: Rubric, options: ScoreOptions): Record<string, number> {
  const weights = rawAreaWeights(rubric, options);
  const raw = rubric.areas.map((a, i) => [a.id, weights[i]!] as const);
  const sum = raw.reduce((s, [, w]) => s + w, 0);
  return Object.fromEntries(raw.map(([id, w]) => [id, sum > 0 ? w / sum : 0]));
}
