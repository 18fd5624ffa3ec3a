import { totalFromSums } from './method.js';
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

/**
 * Where totals i and j are equal, for w > 0: written to out (sorted), how many returned (0–2).
 * Simple roots only; a double root (the curves touch) is not a crossing.
 */
function crossingsInto(c: Curves, i: number, j: number, out: Float64Array): number {
  // A vendor with nothing scored totals 0 whatever w: the curve 0 / 1.
  const empty1 = c.gamma[i] === 0 && c.delta[i] === 0;
  const empty2 = c.gamma[j] === 0 && c.delta[j] === 0;
  const a1 = empty1 ? 0 : c.alpha[i]!;
  const b1 = empty1 ? 0 : c.beta[i]!;
  const g1 = empty1 ? 0 : c.gamma[i]!;
  const d1 = empty1 ? 1 : c.delta[i]!;
  const a2 = empty2 ? 0 : c.alpha[j]!;
  const b2 = empty2 ? 0 : c.beta[j]!;
  const g2 = empty2 ? 0 : c.gamma[j]!;
  const d2 = empty2 ? 1 : c.delta[j]!;
  let n = 0;
  const keep = (r: number) => {
    if (r > 0 && Number.isFinite(r)) out[n++] = r;
  };
  if (g1 === g2 && d1 === d2) {
    // The same denominator: the numerators meet once at most.
    if (a1 !== a2) keep((b2 - b1) / (a1 - a2));
    return n;
  }
  const A = a1 * g2 - a2 * g1;
  const B = a1 * d2 + b1 * g2 - a2 * d1 - b2 * g1;
  const C = b1 * d2 - b2 * d1;
  if (A === 0) {
    if (B !== 0) keep(-C / B);
    return n;
  }
  const disc = B * B - 4 * A * C;
  if (disc <= 0) return 0;
  const q = -0.5 * (B + (B >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc)));
  keep(q / A);
  keep(C / q);
  if (n === 2 && out[0]! > out[1]!) [out[0], out[1]] = [out[1]!, out[0]!];
  return n;
}

const nearly = (r: number, w0: number) => Math.abs(r - w0) <= 1e-9 * w0;

/** Sorted, with points closer than float noise merged, and the current weight among them (points within noise of it snapped to it). */
function tidy(points: Float64Array, w0: number): number[] {
  const all = new Float64Array(points.length + 1);
  points.forEach((r, k) => (all[k] = nearly(r, w0) ? w0 : r));
  all[points.length] = w0;
  all.sort();
  const out: number[] = [];
  for (const p of all) {
    const last = out[out.length - 1];
    if (last === undefined || p - last > 1e-12 * Math.max(1, p)) out.push(p);
  }
  return out;
}

function sign(c: Curves, i: number, j: number, w: number): number {
  const d = totalAt(c, i, w) - totalAt(c, j, w);
  return Math.abs(d) <= TIE_TOLERANCE ? 0 : Math.sign(d);
}

/**
 * The crossings of one pair (roots[0..count), sorted) where they really change places: the
 * order differs on the two sides. Calls found(w, passes, passed) with who is ahead beyond w,
 * walking away from w0.
 */
function pairSwaps(c: Curves, i: number, j: number, roots: Float64Array, count: number, w0: number, found: (w: number, passes: number, passed: number) => void): void {
  let below = sign(c, i, j, roots[0]! / 2);
  for (let k = 0; k < count; k++) {
    const w = roots[k]!;
    const above = sign(c, i, j, k + 1 < count ? (w + roots[k + 1]!) / 2 : w * 2);
    if (w !== w0 && below * above < 0) {
      const far = w < w0 ? below : above;
      found(w, far > 0 ? i : j, far > 0 ? j : i);
    }
    below = above;
  }
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
  const shareOf = (w: number) => (rest > 0 ? w / (w + rest) : w > 0 ? 1 : 0);
  const point = (w: number): WeightPoint => ({ raw: w, share: shareOf(w), change: w / w0 - 1 });
  const lo = w0 * (1 - opts.spread);
  const hi = w0 * (1 + opts.spread);
  const plausible = (w: number) => w >= lo && w <= hi;

  const swaps: Swap[] = [];
  // Each pair's roots, at most three (two crossings, and the current weight for a pair tied now).
  const pool = new Float64Array(3 * n * n);
  const counts = new Uint8Array(n * n);
  const scratch = new Float64Array(2);
  const base = Float64Array.from({ length: n }, (_, k) => totalAt(c, k, w0));
  let total = 0;
  const found = (w: number, passes: number, passed: number) =>
    swaps.push({ raw: w, share: shareOf(w), change: w / w0 - 1, direction: w < w0 ? 'down' : 'up', passes: x.ids[passes]!, passed: x.ids[passed]!, plausible: plausible(w) });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const at = i * n + j;
      let count = crossingsInto(c, i, j, scratch);
      // A pair tied now meets at the current weight: that root is the tie, not a swap.
      if (Math.abs(base[i]! - base[j]!) <= TIE_TOLERANCE) {
        const merged = tidy(scratch.subarray(0, count), w0);
        merged.forEach((r, k) => (pool[3 * at + k] = r));
        count = merged.length;
      } else {
        for (let k = 0; k < count; k++) pool[3 * at + k] = scratch[k]!;
      }
      counts[at] = count;
      total += count;
      if (count > 0) pairSwaps(c, i, j, pool.subarray(3 * at, 3 * at + count), count, w0, found);
    }
  }
  const all = new Float64Array(total);
  for (let at = 0, k = 0; at < counts.length; at++) for (let r = 0; r < counts[at]!; r++) all[k++] = pool[3 * at + r]!;
  const points = tidy(all, w0);
  // The walk steps from point to point: each root as the point it was merged into.
  for (let at = 0; at < counts.length; at++) for (let r = 0; r < counts[at]!; r++) pool[3 * at + r] = snapTo(points, pool[3 * at + r]!);
  const pairRoots = { pool, counts };
  const leadersAt = leaderFinder(c, n);
  const ids = (rows: readonly number[]) => rows.map((k) => x.ids[k]!);
  const now = leadersAt(w0);
  const without = leadersAt(0);
  const walk = (direction: Direction) => walkLeaders({ points, pairRoots, n, leadersAt }, w0, now, direction);
  const down = walk('down');
  if (!same(without, down.length > 0 ? down[down.length - 1]!.to : now)) down.push({ w: 0, from: down.length > 0 ? down[down.length - 1]!.to : now, to: without });
  const up = walk('up');
  const change = (e: Step, direction: Direction): LeaderChange => ({ ...point(e.w), direction, from: ids(e.from), to: ids(e.to), plausible: plausible(e.w) });
  return {
    area: meta.id,
    name: meta.name,
    weight: point(w0).share,
    rawWeight: w0,
    plausible: { from: point(lo), to: point(hi) },
    withoutArea: ids(without),
    segments: segmentsOf(down.filter((e) => e.w > 0), up, now, w0).map((g) => ({ from: point(g.from), to: g.to === null ? null : point(g.to), leaders: ids(g.leaders) })),
    leaderChanges: [...down.map((e) => change(e, 'down')), ...up.map((e) => change(e, 'up'))],
    swaps: [...swaps.filter((s) => s.direction === 'down').sort((p, q) => q.raw - p.raw), ...swaps.filter((s) => s.direction === 'up').sort((p, q) => p.raw - q.raw)],
  };
}

/** Leaders at a weight (rows, ascending), by the tie rule; one leader is one shared array per row, so comparing is cheap. */
function leaderFinder(c: Curves, n: number): (w: number) => number[] {
  const totals = new Float64Array(n);
  const rows = Array.from({ length: n }, (_, k) => k);
  const alone = rows.map((k) => [k]);
  return (w) => {
    if (n === 0) return [];
    let best = 0;
    for (let k = 0; k < n; k++) {
      totals[k] = totalAt(c, k, w);
      if (totals[k]! > totals[best]!) best = k;
    }
    let near = 0;
    for (let k = 0; k < n; k++) if (totals[k]! >= totals[best]! - n * TIE_TOLERANCE) near++;
    return near === 1 ? alone[best]! : topGroup(totals, rows).sort((p, q) => p - q);
  };
}

const same = (a: readonly number[], b: readonly number[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

interface Step {
  w: number;
  from: number[];
  to: number[];
}

/**
 * Every change of leaders walking away from w0. The leaders can only change where one of them
 * meets another vendor, so each step looks at the current leaders' crossings only: the next one
 * beyond the current point, and who leads just beyond it (inside the interval up to the next
 * crossing of any pair, where nothing changes order).
 */
function walkLeaders(g: { points: number[]; pairRoots: { pool: Float64Array; counts: Uint8Array }; n: number; leadersAt: (w: number) => number[] }, w0: number, now: number[], direction: Direction): Step[] {
  const { points, pairRoots, n, leadersAt } = g;
  const up = direction === 'up';
  const out: Step[] = [];
  let cur = now;
  let x = w0;
  for (;;) {
    const k = lowerBound(points, x);
    const beyond = up ? (k + 1 < points.length ? (x + points[k + 1]!) / 2 : x * 2) : k > 0 ? (points[k - 1]! + x) / 2 : x / 2;
    const next = leadersAt(beyond);
    if (!same(next, cur)) out.push({ w: x, from: cur, to: next });
    cur = next;
    let r = up ? Infinity : -Infinity;
    for (const l of cur) {
      for (let j = 0; j < n; j++) {
        if (j === l) continue;
        const at = Math.min(l, j) * n + Math.max(l, j);
        for (let k = 0; k < pairRoots.counts[at]!; k++) {
          const root = pairRoots.pool[3 * at + k]!;
          if (up ? root > x && root < r : root < x && root > r) r = root;
        }
      }
    }
    if (!Number.isFinite(r)) return out;
    x = r;
  }
}

/** The point nearest to r. */
function snapTo(points: readonly number[], r: number): number {
  const k = lowerBound(points, r);
  if (k === 0) return points[0]!;
  if (k === points.length) return points[k - 1]!;
  return points[k]! - r <= r - points[k - 1]! ? points[k]! : points[k - 1]!;
}

/** Index of the first point ≥ x (points sorted). */
function lowerBound(points: readonly number[], x: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Segments over (0, ∞) from the changes either side of w0 (nearest first); a tie at w0 alone is its own segment. */
function segmentsOf(down: Step[], up: Step[], now: number[], w0: number): Array<{ from: number; to: number | null; leaders: number[] }> {
  const out: Array<{ from: number; to: number | null; leaders: number[] }> = [];
  let lo = 0;
  for (let i = down.length - 1; i >= 0; i--) {
    out.push({ from: lo, to: down[i]!.w, leaders: down[i]!.to });
    lo = down[i]!.w;
  }
  out.push({ from: lo, to: up.length > 0 ? up[0]!.w : null, leaders: now });
  up.forEach((e, i) => out.push({ from: e.w, to: up[i + 1]?.w ?? null, leaders: e.to }));
  return out.filter((g) => g.from !== g.to || (g.from === w0 && g.leaders === now));
}
