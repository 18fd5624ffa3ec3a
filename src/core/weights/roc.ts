/** Rank order centroid: weights from an order alone (docs/arithmetic.md#weights). */

/** w_k = (1/n) Σ_{i=k..n} 1/i for the area ranked k (1 = most important). */
export function rankOrderCentroid(n: number): number[] {
  return Array.from({ length: n }, (_, k) => {
    let s = 0;
    for (let i = k + 1; i <= n; i++) s += 1 / i;
    return s / n;
  });
}
