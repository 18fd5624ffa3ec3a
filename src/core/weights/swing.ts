/** Swing weighting: each area's worst-to-best swing rated 0–100 against the most important (100). */

/** w_i = points_i / Σ points. */
export function swingWeights(points: readonly number[]): number[] {
  const sum = points.reduce((s, p) => s + p, 0);
  return points.map((p) => p / sum);
}
