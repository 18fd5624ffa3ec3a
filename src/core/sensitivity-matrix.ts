import type { Comparison } from './types.js';

/**
 * The decision matrix (types.ts) as the weight probes read it: every qualified vendor's area
 * cells, packed in typed arrays. Weights change nothing but the method's last step (the weighted mean
 * of these scores), and no knockout depends on them, so the probes vary weights here and call
 * that step (totalFromSums) instead of scoring again.
 */
export interface AreaMatrix {
  /** The qualified vendors, in ranking order: row k is c.vendors[vendor[k]]. */
  vendor: number[];
  ids: string[];
  areas: number;
  /** Raw area weights, overrides applied. */
  raw: Float64Array;
  /** Row-major vendors × areas: the normalised score (0–100), 0 where the area is unscored. */
  score: Float64Array;
  /** Row-major vendors × areas: 1 where the area is scored, 0 where it is not. */
  scored: Float64Array;
  /** Every vendor is scored on every area (so every total has the same denominator). */
  complete: boolean;
}

export function areaMatrix(c: Comparison): AreaMatrix {
  const vendor = c.vendors.flatMap((v, i) => (v.status === 'qualified' ? [i] : []));
  const columns = c.criteria.flatMap((x, j) => (x.kind === 'area' ? [j] : []));
  const m = columns.length;
  const score = new Float64Array(vendor.length * m);
  const scored = new Float64Array(vendor.length * m);
  vendor.forEach((vi, k) => {
    columns.forEach((col, j) => {
      const x = c.vendors[vi]!.cells[col] ?? null;
      if (x === null) return;
      score[k * m + j] = x;
      scored[k * m + j] = 1;
    });
  });
  const raw = Float64Array.from(columns, (j) => c.criteria[j]!.weight);
  return { vendor, ids: vendor.map((i) => c.vendors[i]!.id), areas: m, raw, score, scored, complete: scored.every((x) => x === 1) };
}
