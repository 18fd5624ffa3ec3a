/**
 * Krippendorff's alpha (docs/arithmetic.md#agreement), by the coincidence matrix of
 * Krippendorff (2011), "Computing Krippendorff's alpha-reliability". A unit is the list of
 * values it received; a unit with fewer than two values is not pairable and is left out.
 */
import { rng } from './stats.js';

export type Metric = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const METRICS: readonly Metric[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** One unit's coincidences: value index pairs and their weights, 1/(m−1) per ordered pair. */
interface Contribution {
  cells: Int32Array;
  weights: Float64Array;
}

/** The pairable units as coincidence contributions over the distinct values, sorted. */
export interface Coincidences {
  values: number[];
  units: Contribution[];
}

export function coincidences(units: ReadonlyArray<readonly number[]>): Coincidences {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const out: Contribution[] = [];
  for (const u of pairable) {
    const counts = new Map<number, number>();
    for (const x of u) {
      const i = index.get(x)!;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const cells: number[] = [];
    const weights: number[] = [];
    for (const [c, nc] of counts) {
      for (const [d, nd] of counts) {
        const pairs = nc * (c === d ? nd - 1 : nd);
        if (pairs > 0) {
          cells.push(c * k + d);
          weights.push(pairs / (u.length - 1));
        }
      }
    }
    out.push({ cells: Int32Array.from(cells), weights: Float64Array.from(weights) });
  }
  return { values, units: out };
}

/** The coincidence matrix o (k × k, row-major) summed over the units chosen (by index, repeats allowed). */
function matrix(c: Coincidences, chosen: ArrayLike<number>): Float64Array {
  const k = c.values.length;
  const o = new Float64Array(k * k);
  for (let i = 0; i < chosen.length; i++) {
    const u = c.units[chosen[i]!]!;
    for (let j = 0; j < u.cells.length; j++) o[u.cells[j]!]! += u.weights[j]!;
  }
  return o;
}

/** δ² between value indexes c and d; the ordinal metric needs the marginal counts. */
function distances(metric: Metric, values: readonly number[], marginal: Float64Array): Float64Array {
  const k = values.length;
  const d = new Float64Array(k * k);
  const cum = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) cum[i + 1] = cum[i]! + marginal[i]!;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      const x = values[a]!;
      const y = values[b]!;
      let delta: number;
      if (metric === 'nominal') delta = 1;
      else if (metric === 'interval') delta = (x - y) ** 2;
      else if (metric === 'ratio') delta = x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
      else {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        delta = (cum[hi + 1]! - cum[lo]! - (marginal[a]! + marginal[b]!) / 2) ** 2;
      }
      d[a * k + b] = delta;
    }
  }
  return d;
}

/** α = 1 − (n − 1) · Σ o·δ² / Σ n_c·n_k·δ²; null with fewer than two values or no expected disagreement. */
function alphaOf(o: Float64Array, values: readonly number[], metric: Metric): number | null {
  const k = values.length;
  const marginal = new Float64Array(k);
  let n = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) marginal[a]! += o[a * k + b]!;
    n += marginal[a]!;
  }
  if (n < 2) return null;
  const d = distances(metric, values, marginal);
  let observed = 0;
  let expected = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      observed += o[a * k + b]! * d[a * k + b]!;
      expected += marginal[a]! * marginal[b]! * d[a * k + b]!;
    }
  }
  if (!(expected > 1e-12)) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** Alpha of the pairable units under one metric; the ratio metric needs values of one sign. */
export function alpha(c: Coincidences, metric: Metric): number | null {
  if (metric === 'ratio' && c.values.some((v) => v < 0)) return null;
  return alphaOf(matrix(c, identity(c.units.length)), c.values, metric);
}

const identity = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export interface Bootstrap {
  samples: number;
  seed: number;
  /** Two-sided, 0.95: the interval runs from the 2.5th to the 97.5th percentile. */
  confidence: number;
}

export interface AlphaEstimate {
  value: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Alpha with a percentile bootstrap interval: `samples` times, as many units as there are
 * pairable units drawn with replacement (seeded), alpha recomputed; replicates where alpha is
 * undefined are left out. One draw of units serves all four metrics.
 */
export function alphaWithInterval(c: Coincidences, boot: Bootstrap): Record<Metric, AlphaEstimate> {
  const n = c.units.length;
  const random = rng(boot.seed);
  const replicates: Record<Metric, number[]> = { nominal: [], ordinal: [], interval: [], ratio: [] };
  const chosen = new Int32Array(n);
  const ratioOk = !c.values.some((v) => v < 0);
  for (let s = 0; s < boot.samples && n > 0; s++) {
    for (let i = 0; i < n; i++) chosen[i] = Math.floor(random() * n);
    const o = matrix(c, chosen);
    for (const m of METRICS) {
      if (m === 'ratio' && !ratioOk) continue;
      const a = alphaOf(o, c.values, m);
      if (a !== null) replicates[m].push(a);
    }
  }
  const tail = (1 - boot.confidence) / 2;
  const out = {} as Record<Metric, AlphaEstimate>;
  for (const m of METRICS) {
    const value = alpha(c, m);
    const r = replicates[m].sort((a, b) => a - b);
    out[m] = value === null || r.length === 0 ? { value, low: null, high: null } : { value, low: percentile(r, tail), high: percentile(r, 1 - tail) };
  }
  return out;
}

/** The q-th percentile of sorted values, linearly interpolated between order statistics. */
export function percentile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
