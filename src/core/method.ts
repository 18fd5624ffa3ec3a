import { weightedMean } from './stats.js';
import { topsisMethod } from './topsis.js';
import type { Criterion, DecisionMatrix, MethodId } from './types.js';

/*
 * The method step of the pipeline (docs/arithmetic.md#the-decision-pipeline): a decision matrix
 * in, one total (0–100) per row out. Every total anyone prints comes from a method here; the
 * incremental scorers (live-score.ts, sensitivity-model.ts) and the weight probes keep the
 * weighted sum's intermediate sums and finish with its last step, totalFromSums.
 */

export interface Method {
  id: MethodId;
  /** Each row's total, in row order. */
  totals(matrix: Pick<DecisionMatrix, 'criteria' | 'rows'>): number[];
}

const finiteOrZero = (t: number) => (Number.isFinite(t) ? t : 0);

/**
 * The weighted sum's last step: Σ w·n / Σ w over the scored areas, from the two sums, so that a
 * probe varying one weight or one area adds to the sums instead of scoring again. 0 when no
 * scored area has weight.
 */
export function totalFromSums(weightedScores: number, weights: number): number {
  return finiteOrZero(weightedScores / weights);
}

/** The total of (normalised area score, area weight) pairs over the scored areas. */
export function areaWeightedTotal(scored: ReadonlyArray<readonly [number, number]>): number {
  return finiteOrZero(weightedMean(scored));
}

/**
 * Quality and price combined: (100 − p)/100 × quality + p/100 × price, p the price criterion's
 * percent (docs/arithmetic.md#price). Without a price score the total is the quality.
 */
export function withPrice(quality: number, priceScore: number | null, pricePercent: number): number {
  if (priceScore === null) return quality;
  return ((100 - pricePercent) / 100) * quality + (pricePercent / 100) * priceScore;
}

/** One row under the weighted sum: the quality over its area cells, then price if it has one. */
function weightedRow(criteria: readonly Criterion[], cells: ReadonlyArray<number | null>): number {
  const scored: Array<readonly [number, number]> = [];
  let price: Criterion | undefined;
  let priceScore: number | null = null;
  criteria.forEach((c, j) => {
    const x = cells[j] ?? null;
    if (c.kind === 'price') {
      price = c;
      priceScore = x;
    } else if (x !== null) scored.push([x, c.weight]);
  });
  const quality = areaWeightedTotal(scored);
  return price ? withPrice(quality, priceScore, (price as Criterion).weight) : quality;
}

export const weightedSum: Method = {
  id: 'weighted-sum',
  totals: ({ criteria, rows }) => rows.map((r) => weightedRow(criteria, r.cells)),
};

/** Every method by id: the one place a new method is registered. */
export const METHODS: Readonly<Record<MethodId, Method>> = { 'weighted-sum': weightedSum, topsis: topsisMethod };
