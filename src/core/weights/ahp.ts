/**
 * Analytic Hierarchy Process (Saaty): weights from a reciprocal matrix of pairwise judgments,
 * with its consistency. The formulas and tables are in docs/arithmetic.md#weights.
 */

export type Matrix = readonly (readonly number[])[];

/** Saaty (1980) random consistency index, by matrix size n (n = 1, 2: 0). */
export const RANDOM_INDEX_SAATY_1980: Readonly<Record<number, number>> = {
  1: 0, 2: 0, 3: 0.58, 4: 0.9, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
};
export const RANDOM_INDEX_TABLE = 'Saaty 1980';
/** Above this consistency ratio the judgments are flagged (Saaty's 10% rule). */
export const CR_LIMIT = 0.1;

/** Saaty's 1–9 scale and its reciprocals, smallest first. */
export const SAATY_SCALE: readonly number[] = [9, 8, 7, 6, 5, 4, 3, 2].map((k) => 1 / k).concat([1, 2, 3, 4, 5, 6, 7, 8, 9]);

const TOLERANCE = 1e-15;
const MAX_ITERATIONS = 100_000;

/**
 * The principal (Perron) eigenvector of a positive matrix, normalised to sum 1, by power
 * iteration from the uniform vector until no component moves by more than 1e-15.
 */
export function principalEigenvector(a: Matrix): number[] {
  const n = a.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const next = normalise(multiply(a, w));
    const moved = Math.max(...next.map((x, i) => Math.abs(x - w[i]!)));
    w = next;
    if (moved <= TOLERANCE) break;
  }
  return w;
}

export function multiply(a: Matrix, w: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, x, j) => s + x * w[j]!, 0));
}

export function normalise(v: readonly number[]): number[] {
  const sum = v.reduce((s, x) => s + x, 0);
  return v.map((x) => x / sum);
}

/** λmax = the mean of (A·w)ᵢ / wᵢ: exact at the eigenvector, and the usual estimate near it. */
export function lambdaMax(a: Matrix, w: readonly number[]): number {
  const aw = multiply(a, w);
  return aw.reduce((s, x, i) => s + x / w[i]!, 0) / w.length;
}

export interface AhpConsistency {
  lambdaMax: number;
  /** CI = (λmax − n) / (n − 1); 0 for n ≤ 2. */
  ci: number;
  /** The random index for n, or null beyond the table (n > 10). */
  ri: number | null;
  /** CR = CI / RI; 0 for n ≤ 2; null when RI is unknown. */
  cr: number | null;
}

export function consistency(a: Matrix, w: readonly number[]): AhpConsistency {
  const n = a.length;
  const lm = lambdaMax(a, w);
  if (n <= 2) return { lambdaMax: lm, ci: 0, ri: 0, cr: 0 };
  const ci = (lm - n) / (n - 1);
  const ri = RANDOM_INDEX_SAATY_1980[n] ?? null;
  return { lambdaMax: lm, ci, ri, cr: ri === null ? null : ci / ri };
}

/** A judgment aᵢⱼ (i above the diagonal) against the ratio wᵢ/wⱼ the weights imply. */
export interface Judgment {
  row: number;
  column: number;
  value: number;
  implied: number;
  /** max(a/r, r/a) ≥ 1: how many times the judgment is off the implied ratio. */
  deviation: number;
  /** The Saaty-scale value nearest (in ratio) to the implied one. */
  repair: number;
}

/**
 * The judgments that most break consistency: every upper-triangle aᵢⱼ ranked by how far it is,
 * as a ratio, from wᵢ/wⱼ; those whose nearest scale value differs from the judgment, worst first.
 */
export function worstJudgments(a: Matrix, w: readonly number[], limit = 3): Judgment[] {
  const out: Judgment[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const value = a[i]![j]!;
      const implied = w[i]! / w[j]!;
      const repair = nearestOnScale(implied);
      if (Math.abs(Math.log(repair / value)) < 1e-9) continue;
      out.push({ row: i, column: j, value, implied, deviation: Math.max(value / implied, implied / value), repair });
    }
  }
  return out.sort((x, y) => y.deviation - x.deviation || x.row - y.row || x.column - y.column).slice(0, limit);
}

export function nearestOnScale(x: number): number {
  let best = 1;
  for (const s of SAATY_SCALE) if (Math.abs(Math.log(s / x)) < Math.abs(Math.log(best / x)) - 1e-12) best = s;
  return best;
}

/** Several people's matrices as one: the element-wise geometric mean (still reciprocal). */
export function geometricMeanMatrix(ms: readonly Matrix[]): number[][] {
  const n = ms[0]!.length;
  if (ms.length === 1) return ms[0]!.map((row) => [...row]);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.exp(ms.reduce((s, m) => s + Math.log(m[i]![j]!), 0) / ms.length)),
  );
}

export interface AhpResult extends AhpConsistency {
  weights: number[];
  /** The combined matrix (the one matrix itself for one person). */
  matrix: number[][];
  judges: number;
  consistent: boolean;
  worst: Judgment[];
}

export function ahp(matrices: readonly Matrix[]): AhpResult {
  const matrix = geometricMeanMatrix(matrices);
  const weights = principalEigenvector(matrix);
  const c = consistency(matrix, weights);
  const consistent = c.cr === null || c.cr <= CR_LIMIT;
  return { weights, matrix, judges: matrices.length, ...c, consistent, worst: consistent ? [] : worstJudgments(matrix, weights) };
}
