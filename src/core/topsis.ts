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
