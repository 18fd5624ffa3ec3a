import { totalFromSums } from './score.js';
import type { AreaMatrix } from './sensitivity-matrix.js';
import { TIE_TOLERANCE, topGroup } from './ties.js';

/*
 * Exact flip points of one area weight, the others held fixed. With w the area's raw weight, a
 * vendor's total is (α·w + β) / (γ·w + δ): α = its normalised score in the area when scored (else
 * 0), γ = 1 when scored (else 0), β and δ the weighted sum of its other scored areas and their
 * weights. Two totals meet where N_i·D_j − N_j·D_i = 0, a quadratic in w (linear when both
 * vendors are scored on the same areas), so crossings are roots, found in closed form for every
 * w > 0; w = 0, "without this area", is evaluated on its own.
 */

export interface WeightPoint {
  /** The area's raw weight there (rubric units; the other weights unchanged). */
  raw: number;
  /** Its share of the sum of all area weights there (0–1). */
  share: number;
  /** raw ÷ current raw − 1: −0.22 is 22% lighter; −1 is without the area. */
  change: number;
}

export type Direction = 'down' | 'up';

export interface LeaderChange extends WeightPoint {
  direction: Direction;
  /** Leaders just before this point, walking away from the current weight, and just after it. */
  from: string[];
  to: string[];
  /** Within the plausible range of this probe (the weight ± spread). */
  plausible: boolean;
}

export interface Swap extends WeightPoint {
  direction: Direction;
  /** Beyond this point (walking away from the current weight) `passes` is ahead of `passed`. */
  passes: string;
  passed: string;
  plausible: boolean;
}

export interface LeaderSegment {
  from: WeightPoint;
  /** null: the segment goes on for any larger weight. */
  to: WeightPoint | null;
  leaders: string[];
}

export interface AreaFlips {
  area: string;
  name: string;
  /** Current share (0–1) and raw weight. */
  weight: number;
  rawWeight: number;
  plausible: { from: WeightPoint; to: WeightPoint };
  /** Leaders with this area's weight 0. */
  withoutArea: string[];
  /** Who leads over every weight above 0, in order; a tie at the current weight is its own segment. */
  segments: LeaderSegment[];
  /** Every weight at which the leader changes: down (nearest first), then up (nearest first). */
  leaderChanges: LeaderChange[];
  /** Every weight at which two qualified vendors change places, in the same order. */
  swaps: Swap[];
}

interface Curves {
  alpha: Float64Array;
  beta: Float64Array;
  gamma: Float64Array;
  delta: Float64Array;
}

function curvesOf(x: AreaMatrix, a: number): Curves {
  const n = x.ids.length;
  const c = { alpha: new Float64Array(n), beta: new Float64Array(n), gamma: new Float64Array(n), delta: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    let beta = 0;
    let delta = 0;
    for (let j = 0, o = k * x.areas; j < x.areas; j++, o++) {
      if (j === a) continue;
      beta += x.raw[j]! * x.score[o]!;
      delta += x.raw[j]! * x.scored[o]!;
    }
    c.beta[k] = beta;
    c.delta[k] = delta;
    c.gamma[k] = x.scored[k * x.areas + a]!;
    c.alpha[k] = x.score[k * x.areas + a]!;
  }
  return c;
}

const totalAt = (c: Curves, k: number, w: number) => totalFromSums(c.alpha[k]! * w + c.beta[k]!, c.gamma[k]! * w + c.delta[k]!);

/** Where totals i and j are equal, for w > 0 (simple roots; a touching double root is not a crossing). */
function crossings(c: Curves, i: number, j: number): number[] {
  // A vendor with nothing scored totals 0 whatever w: the curve 0 / 1.
  const coef = (k: number) => (c.gamma[k] === 0 && c.delta[k] === 0 ? [0, 0, 0, 1] : [c.alpha[k]!, c.beta[k]!, c.gamma[k]!, c.delta[k]!]);
  const [a1, b1, g1, d1] = coef(i) as [number, number, number, number];
  const [a2, b2, g2, d2] = coef(j) as [number, number, number, number];
  let roots: number[];
  if (g1 === g2 && d1 === d2) {
    roots = a1 === a2 ? [] : [(b2 - b1) / (a1 - a2)];
  } else {
    const A = a1 * g2 - a2 * g1;
    const B = a1 * d2 + b1 * g2 - a2 * d1 - b2 * g1;
    const C = b1 * d2 - b2 * d1;
    if (A === 0) {
      roots = B === 0 ? [] : [-C / B];
    } else {
      const disc = B * B - 4 * A * C;
      if (disc <= 0) return [];
      const q = -0.5 * (B + (B >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc)));
      roots = [q / A, C / q];
    }
  }
  return roots.filter((r) => r > 0 && Number.isFinite(r)).sort((p, q) => p - q);
}

const nearly = (r: number, w0: number) => Math.abs(r - w0) <= 1e-9 * w0;

/** Sorted, with points closer than float noise merged, and the current weight among them (points within noise of it snapped to it). */
function tidy(points: number[], w0: number): number[] {
  const out: number[] = [];
  for (const p of [...points.map((r) => (nearly(r, w0) ? w0 : r)), w0].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last === undefined || p - last > 1e-12 * Math.max(1, p)) out.push(p);
  }
  return out;
}

/** A point inside each of the intervals (0, p0), (p0, p1), …, (p_last, ∞). */
function insides(points: readonly number[]): number[] {
  if (points.length === 0) return [1];
  return [points[0]! / 2, ...points.slice(1).map((p, k) => (points[k]! + p) / 2), points[points.length - 1]! * 2];
}

function sign(c: Curves, i: number, j: number, w: number): number {
  const d = totalAt(c, i, w) - totalAt(c, j, w);
  return Math.abs(d) <= TIE_TOLERANCE ? 0 : Math.sign(d);
}

/** The crossings of one pair where they really change places, with who passes whom. */
function pairSwaps(c: Curves, i: number, j: number, roots: readonly number[], w0: number): Array<{ w: number; direction: Direction; passes: number; passed: number }> {
  const signs = insides(roots).map((w) => sign(c, i, j, w));
  const out = [];
  for (let k = 0; k < roots.length; k++) {
    const w = roots[k]!;
    const below = signs[k]!;
    const above = signs[k + 1]!;
    if (w === w0 || below * above >= 0) continue;
    const direction: Direction = w < w0 ? 'down' : 'up';
    const far = direction === 'down' ? below : above;
    out.push({ w, direction, passes: far > 0 ? i : j, passed: far > 0 ? j : i });
  }
  return out;
}

export interface WeightProbeOptions {
  /** Plausible: the weight within ± this fraction of its value. */
  spread: number;
}

/** Flip points of area `a` over every weight from 0 up. */
export function areaFlips(x: AreaMatrix, a: number, meta: { id: string; name: string }, opts: WeightProbeOptions): AreaFlips {
  const c = curvesOf(x, a);
  const n = x.ids.length;
  const w0 = x.raw[a]!;
  let rest = 0;
  x.raw.forEach((w, j) => (rest += j === a ? 0 : w));
  const point = (w: number): WeightPoint => ({ raw: w, share: rest > 0 ? w / (w + rest) : w > 0 ? 1 : 0, change: w / w0 - 1 });
  const lo = w0 * (1 - opts.spread);
  const hi = w0 * (1 + opts.spread);
  const plausible = (w: number) => w >= lo && w <= hi;

  const all: number[] = [];
  const swaps: Swap[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // A pair tied now meets at the current weight: that root is the tie, not a swap.
      const tiedNow = sign(c, i, j, w0) === 0;
      const roots = tiedNow ? tidy(crossings(c, i, j), w0) : crossings(c, i, j);
      all.push(...roots);
      for (const s of pairSwaps(c, i, j, roots, w0)) swaps.push({ ...point(s.w), direction: s.direction, passes: x.ids[s.passes]!, passed: x.ids[s.passed]!, plausible: plausible(s.w) });
    }
  }
  const points = tidy(all, w0);
  const scratch = new Float64Array(n);
  const rows = Array.from({ length: n }, (_, k) => k);
  const leadersAt = (w: number): string[] => {
    for (let k = 0; k < n; k++) scratch[k] = totalAt(c, k, w);
    return n === 0 ? [] : topGroup(scratch, rows).sort((p, q) => p - q).map((k) => x.ids[k]!);
  };
  const inside = insides(points).map(leadersAt);
  const at0 = points.indexOf(w0);
  const now = leadersAt(w0);
  return {
    area: meta.id,
    name: meta.name,
    weight: point(w0).share,
    rawWeight: w0,
    plausible: { from: point(lo), to: point(hi) },
    withoutArea: leadersAt(0),
    segments: segmentsOf(points, inside, at0, now, point),
    leaderChanges: changesOf(points, inside, at0, now, leadersAt(0), point, plausible),
    swaps: [...swaps.filter((s) => s.direction === 'down').sort((p, q) => q.raw - p.raw), ...swaps.filter((s) => s.direction === 'up').sort((p, q) => p.raw - q.raw)],
  };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Intervals with one leader set, merged; the current weight is its own segment when it is a tie. */
function segmentsOf(points: number[], inside: string[][], at0: number, now: string[], point: (w: number) => WeightPoint): LeaderSegment[] {
  const out: LeaderSegment[] = [];
  const add = (from: number, to: number | null, leaders: string[]) => {
    const last = out[out.length - 1];
    if (last && same(last.leaders, leaders)) last.to = to === null ? null : point(to);
    else out.push({ from: point(from), to: to === null ? null : point(to), leaders });
  };
  inside.forEach((leaders, k) => {
    if (k === at0 + 1 && !same(now, inside[at0]!) && !same(now, leaders)) add(points[at0]!, points[at0]!, now);
    add(k === 0 ? 0 : points[k - 1]!, k < points.length ? points[k]! : null, leaders);
  });
  return out;
}

/** Walking away from the current weight, every point where the leaders change. */
function changesOf(points: number[], inside: string[][], at0: number, now: string[], without: string[], point: (w: number) => WeightPoint, plausible: (w: number) => boolean): LeaderChange[] {
  const out: LeaderChange[] = [];
  const change = (w: number, direction: Direction, from: string[], to: string[]) => out.push({ ...point(w), direction, from, to, plausible: plausible(w) });
  let cur = now;
  for (let k = at0; k >= 0; k--) {
    if (!same(inside[k]!, cur)) change(points[k]!, 'down', cur, inside[k]!);
    cur = inside[k]!;
  }
  if (!same(without, cur)) change(0, 'down', cur, without);
  cur = now;
  for (let k = at0 + 1; k < inside.length; k++) {
    if (!same(inside[k]!, cur)) change(points[k - 1]!, 'up', cur, inside[k]!);
    cur = inside[k]!;
  }
  return out;
}
