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
    if (x.price) foldPrice(c, k, x.price.weight / 100, x.price.score[k]!);
  }
  return c;
}

/**
 * With price: (1 − p)·(αw + β)/(γw + δ) + p·s = ((1 − p)α + p·s·γ)·w + ((1 − p)β + p·s·δ), over
 * the same denominator, so the curves keep their form and every crossing below still holds.
 */
function foldPrice(c: Curves, k: number, p: number, s: number): void {
  c.alpha[k] = (1 - p) * c.alpha[k]! + p * s * c.gamma[k]!;
  c.beta[k] = (1 - p) * c.beta[k]! + p * s * c.delta[k]!;
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

/** Swaps found, in the order found: where, and which rows are ahead and behind beyond it. */
interface SwapList {
  w: Float64Array;
  passes: Int32Array;
  passed: Int32Array;
  n: number;
}

/**
 * The crossings of one pair (roots[from..from + count), sorted) where they really change
 * places: the order differs on the two sides. Each goes to the list with who is ahead beyond
 * it, walking away from w0.
 */
function pairSwaps(c: Curves, i: number, j: number, roots: Float64Array, from: number, count: number, w0: number, out: SwapList): void {
  let below = sign(c, i, j, roots[from]! / 2);
  for (let k = 0; k < count; k++) {
    const w = roots[from + k]!;
    const above = sign(c, i, j, k + 1 < count ? (w + roots[from + k + 1]!) / 2 : w * 2);
    if (w !== w0 && below * above < 0) {
      const far = w < w0 ? below : above;
      out.w[out.n] = w;
      out.passes[out.n] = far > 0 ? i : j;
      out.passed[out.n] = far > 0 ? j : i;
      out.n++;
    }
    below = above;
  }
}

/** Each pair's roots, at most three (two crossings, and the current weight for a pair tied now): pair i < j at 3·(i·n + j). */
interface PairRoots {
  pool: Float64Array;
  counts: Uint8Array;
  /** The pairs (i·n + j) that have roots, in order, and how many roots in all. */
  rooted: Int32Array;
  pairs: number;
  total: number;
}

/**
 * Every pair's crossings and swaps, in one pass over the pairs on typed arrays (the probe's
 * quadratic part: kept to one small loop, so that the engine optimises it once and cheaply).
 */
function pairsOf(c: Curves, n: number, w0: number, swaps: SwapList): PairRoots {
  const pool = new Float64Array(3 * n * n);
  const counts = new Uint8Array(n * n);
  const scratch = new Float64Array(2);
  const rooted = new Int32Array((n * (n - 1)) / 2);
  const base = new Float64Array(n);
  for (let k = 0; k < n; k++) base[k] = totalAt(c, k, w0);
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const at = i * n + j;
      let count = crossingsInto(c, i, j, scratch);
      // A pair tied now meets at the current weight: that root is the tie, not a swap.
      if (Math.abs(base[i]! - base[j]!) <= TIE_TOLERANCE) count = tiedRoots(scratch.subarray(0, count), w0, pool, 3 * at);
      else for (let k = 0; k < count; k++) pool[3 * at + k] = scratch[k]!;
      counts[at] = count;
      if (count === 0) continue;
      total += count;
      rooted[pairs++] = at;
      pairSwaps(c, i, j, pool, 3 * at, count, w0, swaps);
    }
  }
  return { pool, counts, rooted, pairs, total };
}

/** A tied pair's roots with the current weight among them (tidy), into pool from `at`; how many. */
function tiedRoots(roots: Float64Array, w0: number, pool: Float64Array, at: number): number {
  const merged = tidy(roots, w0);
  merged.forEach((r, k) => (pool[at + k] = r));
  return merged.length;
}

export interface WeightProbeOptions {
  /** Plausible: the weight within ± this fraction of its value. */
  spread: number;
}

/** Where the probe stands: the area's current raw weight, the sum of the others, the plausible range. */
interface Scale {
  w0: number;
  rest: number;
  lo: number;
  hi: number;
}

const shareOf = (s: Scale, w: number) => (s.rest > 0 ? w / (w + s.rest) : w > 0 ? 1 : 0);
const pointOf = (s: Scale, w: number): WeightPoint => ({ raw: w, share: shareOf(s, w), change: w / s.w0 - 1 });
const isPlausible = (s: Scale, w: number) => w >= s.lo && w <= s.hi;

/*
 * areaFlips only strings steps together: every loop over the pairs or their roots is a small
 * function of its own (pairsOf, rootsOf, snapRoots, swapsOf), so that the engine optimises
 * those, cheaply, and not this function with all it calls inlined.
 */

/** Flip points of area `a` over every weight from 0 up. */
export function areaFlips(x: AreaMatrix, a: number, meta: { id: string; name: string }, opts: WeightProbeOptions): AreaFlips {
  const c = curvesOf(x, a);
  const n = x.ids.length;
  const w0 = x.raw[a]!;
  let rest = 0;
  x.raw.forEach((w, j) => (rest += j === a ? 0 : w));
  const scale: Scale = { w0, rest, lo: w0 * (1 - opts.spread), hi: w0 * (1 + opts.spread) };
  const cap = (3 * n * (n - 1)) / 2;
  const found: SwapList = { w: new Float64Array(cap), passes: new Int32Array(cap), passed: new Int32Array(cap), n: 0 };
  const pairRoots = pairsOf(c, n, w0, found);
  const points = tidy(rootsOf(pairRoots), w0);
  // The walk steps from point to point: each root as the point it was merged into.
  snapRoots(pairRoots, points);
  const leadersAt = leaderFinder(c, n);
  const ids = (rows: readonly number[]) => rows.map((k) => x.ids[k]!);
  const now = leadersAt(w0);
  const without = leadersAt(0);
  const walk = (direction: Direction) => walkLeaders({ points, pairRoots, n, leadersAt }, w0, now, direction);
  const down = walk('down');
  if (!same(without, down.length > 0 ? down[down.length - 1]!.to : now)) down.push({ w: 0, from: down.length > 0 ? down[down.length - 1]!.to : now, to: without });
  const up = walk('up');
  const change = (e: Step, direction: Direction): LeaderChange => ({ ...pointOf(scale, e.w), direction, from: ids(e.from), to: ids(e.to), plausible: isPlausible(scale, e.w) });
  return {
    area: meta.id,
    name: meta.name,
    weight: shareOf(scale, w0),
    rawWeight: w0,
    plausible: { from: pointOf(scale, scale.lo), to: pointOf(scale, scale.hi) },
    withoutArea: ids(without),
    segments: segmentsOf(down.filter((e) => e.w > 0), up, now, w0).map((g) => ({ from: pointOf(scale, g.from), to: g.to === null ? null : pointOf(scale, g.to), leaders: ids(g.leaders) })),
    leaderChanges: [...down.map((e) => change(e, 'down')), ...up.map((e) => change(e, 'up'))],
    swaps: swapsOf(found, x.ids, scale),
  };
}

/** Every pair's roots, pair by pair. */
function rootsOf(p: PairRoots): Float64Array {
  const all = new Float64Array(p.total);
  for (let q = 0, k = 0; q < p.pairs; q++) {
    const at = p.rooted[q]!;
    for (let r = 0; r < p.counts[at]!; r++) all[k++] = p.pool[3 * at + r]!;
  }
  return all;
}

/** Each root replaced by the point it was merged into. */
function snapRoots(p: PairRoots, points: readonly number[]): void {
  for (let q = 0; q < p.pairs; q++) {
    const at = p.rooted[q]!;
    for (let r = 0; r < p.counts[at]!; r++) p.pool[3 * at + r] = snapTo(points, p.pool[3 * at + r]!);
  }
}

/** The swaps as reported: down (nearest first), then up (nearest first); found order among equals. */
function swapsOf(found: SwapList, ids: readonly string[], s: Scale): Swap[] {
  const down: Swap[] = [];
  const up: Swap[] = [];
  for (let k = 0; k < found.n; k++) {
    const w = found.w[k]!;
    const direction = w < s.w0 ? 'down' : 'up';
    (direction === 'down' ? down : up).push({ raw: w, share: shareOf(s, w), change: w / s.w0 - 1, direction, passes: ids[found.passes[k]!]!, passed: ids[found.passed[k]!]!, plausible: isPlausible(s, w) });
  }
  down.sort((p, q) => q.raw - p.raw);
  up.sort((p, q) => p.raw - q.raw);
  return [...down, ...up];
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
function walkLeaders(g: { points: number[]; pairRoots: PairRoots; n: number; leadersAt: (w: number) => number[] }, w0: number, now: number[], direction: Direction): Step[] {
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
