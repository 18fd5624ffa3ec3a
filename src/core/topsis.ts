import type { Method } from './method.js';
import type { Criterion, DecisionMatrix } from './types.js';

/**
 * TOPSIS (Hwang & Yoon): closeness of each alternative to the ideal point, over a decision
 * matrix (alternatives × criteria). The formula is in docs/arithmetic.md#topsis.
 */

export interface TopsisCriterion {
  weight: number;
  /** A cost criterion (price): smaller is better. Otherwise a benefit. */
  cost?: boolean;
}

/**
 * Vector normalisation r_ij = x_ij / √Σ_i x_ij², weighted v_ij = w_j r_ij (weights as shares);
 * ideal and anti-ideal per criterion; closeness C_i = d⁻ / (d⁺ + d⁻). A column of zeros
 * normalises to zeros. An alternative at the ideal point has closeness 1 (also when every
 * alternative is alike, so d⁺ = d⁻ = 0). With `reference`, only those rows set the norms and the
 * ideal points (the alternatives); the other rows are measured against them.
 */
export function topsis(matrix: readonly (readonly number[])[], criteria: readonly TopsisCriterion[], reference?: readonly boolean[]): number[] {
  const ref = matrix.filter((_, i) => reference?.[i] ?? true);
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  const norms = criteria.map((_, j) => Math.sqrt(ref.reduce((s, row) => s + row[j]! ** 2, 0)));
  const v = matrix.map((row) => row.map((x, j) => (norms[j] === 0 ? 0 : (criteria[j]!.weight / totalWeight) * (x / norms[j]!))));
  const column = (j: number) => v.filter((_, i) => reference?.[i] ?? true).map((row) => row[j]!);
  const best = criteria.map((c, j) => (c.cost ? Math.min : Math.max)(...column(j)));
  const worst = criteria.map((c, j) => (c.cost ? Math.max : Math.min)(...column(j)));
  const distance = (row: readonly number[], to: readonly number[]) => Math.sqrt(row.reduce((s, x, j) => s + (x - to[j]!) ** 2, 0));
  return v.map((row) => {
    const plus = distance(row, best);
    const minus = distance(row, worst);
    return plus === 0 ? 1 : minus / (plus + minus);
  });
}

/**
 * The pipeline's weights for TOPSIS: the areas' shares of the quality part and price its percent
 * (as the weighted sum splits them). The price cell is a score where a cheaper offer is higher,
 * as the weighted sum reads it, so it enters as a benefit like every area.
 */
function criterionWeights(criteria: readonly Criterion[]): TopsisCriterion[] {
  const pricePercent = criteria.find((c) => c.kind === 'price')?.weight ?? 0;
  const areaSum = criteria.reduce((s, c) => s + (c.kind === 'area' ? c.weight : 0), 0);
  return criteria.map((c) => ({ weight: c.kind === 'price' ? pricePercent / 100 : areaSum > 0 ? (c.weight / areaSum) * (1 - pricePercent / 100) : 0 }));
}

/**
 * TOPSIS as a method of the decision pipeline (method.ts): each row's total is 100 × its
 * closeness; an unscored cell counts 0. The qualified rows are the alternatives (norms, ideal and
 * anti-ideal); a disqualified row is measured against them. docs/arithmetic.md#topsis.
 */
export const topsisMethod: Method = {
  id: 'topsis',
  totals: ({ criteria, rows }: Pick<DecisionMatrix, 'criteria' | 'rows'>) => {
    if (rows.length === 0) return [];
    const qualified = rows.map((r) => r.status === 'qualified');
    const closeness = topsis(rows.map((r) => r.cells.map((x) => x ?? 0)), criterionWeights(criteria), qualified.some(Boolean) ? qualified : undefined);
    return closeness.map((c) => 100 * c);
  },
};
