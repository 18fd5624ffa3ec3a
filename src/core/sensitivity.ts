import { evaluatorLabels } from './identity.js';
import { LiveComparison } from './live-comparison.js';
import { normalizedAreaWeights, TIE_EPSILON, type Rankable } from './score.js';
import type { Comparison, Evaluation, VendorResult } from './types.js';

/** How far one area's weight can move before the leader changes. */
export interface WeightBreak {
  area: string;
  name: string;
  /** Current normalised weight. */
  weight: number;
  /** Relative change (−0.34 = 34% lighter) at which another vendor takes the lead; null when none in range. */
  down: number | null;
  downLeader: string | null;
  up: number | null;
  upLeader: string | null;
  /** The same for any change in the order of qualified vendors, with the first pair that swaps. */
  orderDown: number | null;
  orderDownSwap: [string, string] | null;
  orderUp: number | null;
  orderUpSwap: [string, string] | null;
}

export interface WeightDraws {
  samples: number;
  spread: number;
  seed: number;
  /** Per qualified vendor: share of draws in first place (ties share the place), best and worst rank seen. */
  vendors: Array<{ id: string; name: string; first: number; bestRank: number; worstRank: number }>;
}

export interface EvaluatorCheck {
  evaluator: string;
  /** 'without': the evaluator's files left out; 'harsher'/'kinder': all their scores moved by the bias. */
  change: 'without' | 'harsher' | 'kinder';
  leader: string[];
  leaderChanged: boolean;
  /** Vendors whose rank or status changes, with before and after. */
  moved: Array<{ id: string; name: string; before: number | null; after: number | null }>;
}

export interface Sensitivity {
  leader: string[];
  weights: WeightBreak[];
  draws: WeightDraws;
  evaluators: EvaluatorCheck[];
  bias: number;
  /** One-line verdict for people: does the leader survive everything tried? */
  robust: boolean;
}

export interface SensitivityOptions {
  samples: number;
  spread: number;
  seed: number;
  /** Scale points added to or taken from one evaluator's every score. */
  bias: number;
  /** Largest relative weight increase scanned (2 = up to three times the weight). */
  maxUp: number;
}

export const DEFAULT_SENSITIVITY: SensitivityOptions = { samples: 2000, spread: 0.2, seed: 1, bias: 1, maxUp: 2 };

/** Totals from area scores: weights only change the last step, so draws need no rescoring. */
function totalsWith(vendors: readonly VendorResult[], weights: Record<string, number>): number[] {
  return vendors.map((v) => {
    let num = 0;
    let den = 0;
    for (const a of v.areas) {
      if (a.normalized === null) continue;
      const w = weights[a.id]!;
      num += w * a.normalized;
      den += w;
    }
    return den > 0 ? num / den : 0;
  });
}

/** Ids of the qualified vendors sharing the top total. */
function leadersOf(vendors: readonly VendorResult[], totals: readonly number[]): string[] {
  let best = -Infinity;
  vendors.forEach((v, i) => {
    if (v.status === 'qualified' && totals[i]! > best) best = totals[i]!;
  });
  return vendors.filter((v, i) => v.status === 'qualified' && Math.abs(totals[i]! - best) <= TIE_EPSILON).map((v) => v.id);
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Seeded PRNG (mulberry32) so that a report is reproducible. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids of qualified vendors in rank order (ties by position in the input, which is by name). */
function orderOf(vendors: readonly VendorResult[], totals: readonly number[]): string[] {
  return vendors
    .map((v, i) => ({ v, t: totals[i]!, i }))
    .filter((x) => x.v.status === 'qualified')
    .sort((a, b) => (Math.abs(a.t - b.t) <= TIE_EPSILON ? a.i - b.i : b.t - a.t))
    .map((x) => x.v.id);
}

/** The first pair (by rank) whose order differs between two orderings of the same ids. */
function firstSwap(before: readonly string[], after: readonly string[]): [string, string] | null {
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) return [before[i]!, after[i]!];
  }
  return null;
}

/**
 * Totals with one area's weight scaled by `factor`, each call O(vendors): a total is
 * (N + Δw·n) / (D + Δw) over the sums N, D at the base weights. Re-adding every area per call
 * made the weight scan O(areas² · vendors · steps): minutes for a rubric of a few thousand areas.
 */
function totalsAlong(vendors: readonly VendorResult[], base: Record<string, number>): (area: string, factor: number) => number[] {
  const sums = vendors.map((v) => {
    let num = 0;
    let den = 0;
    const normalized = new Map<string, number>();
    for (const a of v.areas) {
      if (a.normalized === null) continue;
      num += base[a.id]! * a.normalized;
      den += base[a.id]!;
      normalized.set(a.id, a.normalized);
    }
    return { num, den, normalized };
  });
  return (area, factor) =>
    sums.map(({ num, den, normalized }) => {
      const n = normalized.get(area);
      const dw = n === undefined ? 0 : base[area]! * (factor - 1);
      return den + dw > 0 ? (num + dw * n!) / (den + dw) : 0;
    });
}

function weightBreaks(c: Comparison, opts: SensitivityOptions, leader: string[]): WeightBreak[] {
  const base = normalizedAreaWeights(c.rubric, c.options);
  const totalsAt = totalsAlong(c.vendors, base);
  const order = orderOf(c.vendors, totalsWith(c.vendors, base));
  /** Smallest |change| in direction dir at which `differs` first holds, by scan then bisection. */
  const search = (area: string, dir: 1 | -1, differs: (totals: number[]) => boolean): number | null => {
    const limit = dir > 0 ? opts.maxUp : 1;
    const steps = 200;
    let prev = 0;
    for (let k = 1; k <= steps; k++) {
      const d = (limit * k) / steps;
      if (differs(totalsAt(area, 1 + dir * d))) {
        let lo = prev;
        let hi = d;
        for (let i = 0; i < 40; i++) {
          const mid = (lo + hi) / 2;
          if (differs(totalsAt(area, 1 + dir * mid))) hi = mid;
          else lo = mid;
        }
        return dir * hi;
      }
      prev = d;
    }
    return null;
  };
  const leaderMoves = (t: number[]) => !same(leadersOf(c.vendors, t), leader);
  const orderMoves = (t: number[]) => !same(orderOf(c.vendors, t), order);
  return c.rubric.areas.map((a) => {
    const down = search(a.id, -1, leaderMoves);
    const up = search(a.id, 1, leaderMoves);
    const newLeader = (at: number | null) => (at === null ? null : leadersOf(c.vendors, totalsAt(a.id, 1 + at)).find((id) => !leader.includes(id)) ?? null);
    const orderDown = search(a.id, -1, orderMoves);
    const orderUp = search(a.id, 1, orderMoves);
    const swap = (at: number | null) => (at === null ? null : firstSwap(order, orderOf(c.vendors, totalsAt(a.id, 1 + at))));
    return {
      area: a.id,
      name: a.name,
      weight: base[a.id]!,
      down,
      downLeader: newLeader(down),
      up,
      upLeader: newLeader(up),
      orderDown,
      orderDownSwap: swap(orderDown),
      orderUp,
      orderUpSwap: swap(orderUp),
    };
  });
}

/** How many of `desc` (sorted highest first) are above x, by bisection: a draw ranks every vendor in O(n log n), not O(n²). */
function countAbove(desc: readonly number[], x: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (desc[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function weightDraws(c: Comparison, opts: SensitivityOptions): WeightDraws {
  const base = normalizedAreaWeights(c.rubric, c.options);
  const random = rng(opts.seed);
  const qualified = c.vendors.filter((v) => v.status === 'qualified');
  const first = new Map(qualified.map((v) => [v.id, 0]));
  const best = new Map(qualified.map((v) => [v.id, Infinity]));
  const worst = new Map(qualified.map((v) => [v.id, 0]));
  // Weights by position in typed arrays: a draw over thousands of areas stays cheap (no object of 6,000 keys per draw).
  const ids = Object.keys(base);
  const slot = new Map(ids.map((id, i) => [id, i]));
  const scored = qualified.map((v) => v.areas.filter((a) => a.normalized !== null).map((a) => [slot.get(a.id)!, a.normalized!] as const));
  const w = new Float64Array(ids.length);
  for (let s = 0; s < opts.samples; s++) {
    ids.forEach((id, i) => (w[i] = base[id]! * (1 - opts.spread + 2 * opts.spread * random())));
    const totals = scored.map((areas) => {
      let num = 0;
      let den = 0;
      for (const [i, n] of areas) {
        num += w[i]! * n;
        den += w[i]!;
      }
      return den > 0 ? num / den : 0;
    });
    const leaders = leadersOf(qualified, totals);
    for (const id of leaders) first.set(id, first.get(id)! + 1 / leaders.length);
    const desc = [...totals].sort((a, b) => b - a);
    qualified.forEach((v, i) => {
      const rank = 1 + countAbove(desc, totals[i]! + TIE_EPSILON);
      best.set(v.id, Math.min(best.get(v.id)!, rank));
      worst.set(v.id, Math.max(worst.get(v.id)!, rank));
    });
  }
  return {
    samples: opts.samples,
    spread: opts.spread,
    seed: opts.seed,
    vendors: qualified.map((v) => ({ id: v.id, name: v.name, first: first.get(v.id)! / Math.max(1, opts.samples), bestRank: best.get(v.id)!, worstRank: worst.get(v.id)! })),
  };
}

function evaluatorChecks(c: Comparison, evaluations: readonly Evaluation[], bias: number, leader: string[]): EvaluatorCheck[] {
  // One check per person (evaluator key), shown under the name reports use for them.
  const people = [...evaluatorLabels(evaluations)].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const before = new Map(c.vendors.map((v) => [v.id, v]));
  const checks: EvaluatorCheck[] = [];
  // Re-ranks after changing only the evaluator's own scores, not every file (linear, not quadratic).
  const live = new LiveComparison(c, evaluations, bias > 0 ? [-bias, bias] : []);
  const run = (evaluator: string, change: EvaluatorCheck['change'], after: readonly Rankable[]) => {
    const afterLeader = after.filter((v) => v.rank === 1).map((v) => v.id);
    const moved = after
      .filter((v) => before.get(v.id)?.rank !== v.rank)
      .map((v) => ({ id: v.id, name: v.name, before: before.get(v.id)?.rank ?? null, after: v.rank }));
    checks.push({ evaluator, change, leader: afterLeader, leaderChanged: !same(afterLeader, leader), moved });
  };
  for (const [key, name] of people) {
    run(name, 'without', live.rankedWith(key, 'without'));
    if (bias > 0) {
      run(name, 'harsher', live.rankedWith(key, -bias));
      run(name, 'kinder', live.rankedWith(key, bias));
    }
  }
  return checks;
}

/**
 * Would the ranking survive a small change of weights or one evaluator's bias? Three probes:
 * how far each area weight can move before the leader changes; random draws of all weights
 * within ±spread; and each evaluator left out, or made harsher or kinder by `bias` points.
 */
export function analyzeSensitivity(c: Comparison, evaluations: readonly Evaluation[], opts: SensitivityOptions = DEFAULT_SENSITIVITY): Sensitivity {
  const leader = c.vendors.filter((v) => v.rank === 1).map((v) => v.id);
  const weights = weightBreaks(c, opts, leader);
  const draws = weightDraws(c, opts);
  const evaluators = evaluatorChecks(c, evaluations, opts.bias, leader);
  const leaderShare = draws.vendors.filter((v) => leader.includes(v.id)).reduce((s, v) => s + v.first, 0);
  const robust = leader.length === 1 && leaderShare >= 0.95 && evaluators.every((e) => !e.leaderChanged);
  return { leader, weights, draws, evaluators, bias: opts.bias, robust };
}
