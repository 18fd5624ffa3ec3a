import { aggregateVendor, areaCriteria, decisionMatrix, rawAreaWeights } from './aggregate.js';
import { weightedSum, type Method } from './method.js';
import { normaliseZ } from './normalise.js';
import { TIE_TOLERANCE, tieGroups } from './ties.js';
import { priceMatrix } from './price.js';
import type { Comparison, Consensus, DecisionMatrix, Evaluation, MatrixRow, Quote, Rubric, ScoreOptions, VendorPrice, VendorResult } from './types.js';

/*
 * The decision pipeline (docs/arithmetic.md#the-decision-pipeline): evaluations → aggregate
 * (aggregate.ts) → decision matrix → method (method.ts) → totals → ranking (here).
 */

/** Totals closer than this are equal for ranking (docs/arithmetic.md#ranking-and-the-near-tie-rule); the rule is in ties.ts. */
export const TIE_EPSILON = TIE_TOLERANCE;

export function defaultOptions(rubric: Rubric): ScoreOptions {
  return { aggregate: rubric.aggregate, missing: rubric.missing, weights: {} };
}

export interface DecideOptions {
  method?: Method;
  /** The quotes by vendor id, when the rubric prices and the envelope is open; absent: quality only. */
  quotes?: ReadonlyMap<string, Quote> | undefined;
  /** Agreed scores (consensus files), applied at the aggregate step. */
  consensus?: readonly Consensus[] | undefined;
}

/** Scores every vendor found in the evaluations and ranks them: the whole pipeline, agreed scores (consensus files) applied at the aggregate step. Pure. */
export function compareVendors(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, how: DecideOptions = {}): Comparison {
  // The aggregation step's input: the evaluators' scores, rescaled to the panel when asked (--normalise z).
  const given = options.normalise === 'z' ? normaliseZ(rubric, evaluations) : evaluations;
  return decide(decisionMatrix(rubric, given, options, how.consensus ?? []), how);
}

/**
 * The method's totals on the matrix's rows, then the ranking: the pipeline's last steps. With a
 * price rule and quotes, the method's area totals are the quality, price joins the matrix
 * (price.ts) and the method runs again on it.
 */
export function decide(matrix: DecisionMatrix, { method = weightedSum, quotes }: DecideOptions = {}): Comparison {
  const quality = method.totals(matrix);
  const rule = matrix.rubric.price;
  const base = { rubric: matrix.rubric, options: matrix.options, method: method.id };
  if (!rule || !quotes) {
    const vendors = matrix.rows.map((row, i) => withTotal(row, quality[i]!, quality[i]!, null));
    return { ...base, criteria: matrix.criteria, vendors: rankVendors(vendors), price: null };
  }
  const priced = priceMatrix(matrix, quality, rule, quotes);
  const totals = method.totals(priced.matrix);
  const vendors = priced.matrix.rows.map((row, i) => withTotal(row, totals[i]!, quality[i]!, priced.prices[i]!));
  return { ...base, criteria: priced.matrix.criteria, vendors: rankVendors(vendors), price: { ...rule, lowestCost: priced.lowestCost } };
}

/** A row with its total, unranked (keys in the order docs/json.md lists them). */
function withTotal(row: MatrixRow, total: number, quality: number, price: VendorPrice | null): VendorResult {
  const { id, name, status, ...rest } = row;
  return { id, name, rank: null, total, quality, price, status, ...rest };
}

/** One vendor through the pipeline on its own (its evaluations only), unranked and unpriced. */
export function scoreVendor(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, method: Method = weightedSum): VendorResult {
  const row = aggregateVendor(rubric, evaluations, options);
  const quality = method.totals({ criteria: areaCriteria(rubric, options), rows: [row] })[0]!;
  return withTotal(row, quality, quality, null);
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
