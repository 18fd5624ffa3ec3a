import { totalFromSums, withPrice } from './method.js';
import { rng } from './stats.js';
import type { AreaMatrix } from './sensitivity-matrix.js';
import { joinsTieGroup } from './ties.js';
import { topsis } from './topsis.js';

/*
 * All area weights at random, each drawn uniformly and independently within ±spread of its
 * value. One loop on typed arrays (drawInto): per draw one weight vector, one total per qualified
 * vendor (the method's last step), an insertion sort from the previous draw's order and one walk
 * that assigns ranks by the tie rule. A run is one process, so what it costs is mostly the
 * engine's warming up: the less code the loop runs, and the fewer functions it makes hot enough
 * to be optimised on their own, the cheaper.
 */

export interface DrawOptions {
  samples: number;
  spread: number;
  seed: number;
  /** The method that turns a draw's weights into totals: the weighted sum (default), or TOPSIS closeness × 100. */
  method?: 'wsm' | 'topsis' | undefined;
}

/** The confidence of every interval here, and the share of draws the leader must keep. */
export const DRAW_CONFIDENCE = 0.99;
export const DRAW_THRESHOLD = 0.95;
/** Draws continue, in rounds of the number asked for, up to this many rounds while undecided. */
export const MAX_ROUNDS = 8;
const Z = 2.5758293035489004; // two-sided 99% normal quantile

export interface Proportion {
  count: number;
  /** count ÷ draws. */
  share: number;
  /** Wilson score interval at DRAW_CONFIDENCE. */
  low: number;
  high: number;
}

export interface DrawVendor {
  id: string;
  /** Draws in which the vendor is first, alone or tied. */
  first: Proportion;
  /** 5th and 95th percentile of its rank over the draws (nearest rank), and the best and worst seen. */
  rankLow: number;
  rankHigh: number;
  bestRank: number;
  worstRank: number;
}

export interface WeightDraws {
  requested: number;
  samples: number;
  spread: number;
  seed: number;
  confidence: number;
  threshold: number;
  /** Draws whose leaders are exactly today's leaders (with fewer than two qualified vendors there are no draws, and the share is 1). */
  leaderStays: Proportion;
  /** holds: the interval lies at or above the threshold; fails: below it; unsettled: it straddles it. */
  decision: 'holds' | 'fails' | 'unsettled';
  vendors: DrawVendor[];
}

export function wilson(count: number, n: number): Proportion {
  if (n === 0) return { count, share: 0, low: 0, high: 1 };
  const p = count / n;
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { count, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

const decide = (p: Proportion): WeightDraws['decision'] => (p.low >= DRAW_THRESHOLD ? 'holds' : p.high < DRAW_THRESHOLD ? 'fails' : 'unsettled');

/** Smallest rank r such that at least q of the draws rank the vendor r or better. */
function percentileRank(counts: Int32Array, offset: number, n: number, draws: number, q: number): number {
  let cum = 0;
  for (let r = 0; r < n; r++) {
    cum += counts[offset + r]!;
    if (cum >= q * draws) return r + 1;
  }
  return n;
}

/** Counts kept over the draws. */
interface Tally {
  ranks: Int32Array;
  firsts: Int32Array;
  stays: number;
  draws: number;
}

/** One draw's totals under TOPSIS (topsis.ts): closeness × 100 over the same rows, the qualified vendors. */
function topsisTotals(x: AreaMatrix, w: Float64Array, tot: Float64Array): void {
  const rows = x.ids.map((_, k) => Array.from(x.score.subarray(k * x.areas, (k + 1) * x.areas)));
  topsis(rows, Array.from(w, (weight) => ({ weight }))).forEach((c, k) => (tot[k] = c * 100));
}

/**
 * One draw's weighted-sum totals (the method's sums, then its last step, method.ts), price
 * joining as the method combines it. With every cell scored, every row's Σ w is the same sum,
 * taken once (w·1 is w, added in the same order: the same bits), and four rows go together, so
 * that each weight is read once for four of them.
 */
function weightedTotals(x: AreaMatrix, w: Float64Array, all: number, tot: Float64Array): void {
  const n = x.ids.length;
  const m = x.areas;
  const { score, scored } = x;
  let k = 0;
  if (x.complete) {
    for (; k + 4 <= n; k += 4) {
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (let j = 0, o = k * m; j < m; j++, o++) {
        const wj = w[j]!;
        a += wj * score[o]!;
        b += wj * score[o + m]!;
        c += wj * score[o + 2 * m]!;
        d += wj * score[o + 3 * m]!;
      }
      tot[k] = totalFromSums(a, all);
      tot[k + 1] = totalFromSums(b, all);
      tot[k + 2] = totalFromSums(c, all);
      tot[k + 3] = totalFromSums(d, all);
    }
  }
  for (; k < n; k++) {
    let num = 0;
    let den = 0;
    for (let j = 0, o = k * m; j < m; j++, o++) {
      num += w[j]! * score[o]!;
      den += w[j]! * scored[o]!;
    }
    tot[k] = totalFromSums(num, den);
  }
  if (x.price) for (k = 0; k < n; k++) tot[k] = withPrice(tot[k]!, x.price.score[k]!, x.price.weight);
}

/**
 * `count` more draws into the tally's ranks and firsts; returns how many kept today's leaders.
 * `order` carries the last draw's order over: an insertion sort, highest first, then one walk
 * that ranks by the tie rule. One loop, so that the engine optimises it once, while it runs;
 * every operation in it runs in the first draw, so that the optimised code never meets one it
 * has not seen (which would throw it away).
 */
function drawInto(x: AreaMatrix, t: Tally, order: Int32Array, isLeader: Uint8Array, leaders: number, random: () => number, spread: number, count: number, method: DrawOptions['method']): number {
  const n = x.ids.length;
  const m = x.areas;
  const { raw } = x;
  const { ranks, firsts } = t;
  const w = new Float64Array(m);
  const tot = new Float64Array(n);
  const lo = 1 - spread;
  const width = 2 * spread;
  let stays = 0;
  for (let d = 0; d < count; d++) {
    let all = 0;
    for (let j = 0; j < m; j++) {
      w[j] = raw[j]! * (lo + width * random());
      all += w[j]!;
    }
    if (method === 'topsis') topsisTotals(x, w, tot);
    else weightedTotals(x, w, all, tot);
    for (let p = 1; p < n; p++) {
      const v = order[p]!;
      const tv = tot[v]!;
      let q = p - 1;
      while (q >= 0 && tot[order[q]!]! < tv) {
        order[q + 1] = order[q]!;
        q--;
      }
      order[q + 1] = v;
    }
    // The first tie group: rank 1. Ranks depend on the sorted totals only, not on the order among equal ones.
    let p = 0;
    let top = 0;
    let topLeaders = 0;
    let previous = tot[order[0]!]!;
    for (; p < n && joinsTieGroup(previous, tot[order[p]!]!); p++) {
      const v = order[p]!;
      previous = tot[v]!;
      ranks[v * n]!++;
      firsts[v]!++;
      top++;
      topLeaders += isLeader[v]!;
    }
    // The others: a total that does not join the group above starts a new rank.
    for (let rank = p + 1; p < n; p++) {
      const v = order[p]!;
      const next = p + 1;
      rank = joinsTieGroup(previous, tot[v]!) ? rank : next;
      previous = tot[v]!;
      ranks[v * n + rank - 1]!++;
    }
    stays += top === leaders && topLeaders === top ? 1 : 0;
  }
  // The caller counts: an update of the tally here, after the loop, would be code the optimised loop has not seen.
  return stays;
}

/** `leaders`: today's leaders as rows of the matrix. */
export function weightDraws(x: AreaMatrix, leaders: readonly number[], opts: DrawOptions): WeightDraws {
  const n = x.ids.length;
  const random = rng(opts.seed);
  const order = Int32Array.from({ length: n }, (_, k) => k);
  const t: Tally = { ranks: new Int32Array(n * n), firsts: new Int32Array(n), stays: 0, draws: 0 };
  const isLeader = new Uint8Array(n);
  for (const k of leaders) isLeader[k] = 1;
  // With fewer than two qualified vendors nothing can change places: no draws, and the leader holds.
  for (let round = 0; round < MAX_ROUNDS && n >= 2; round++) {
    t.stays += drawInto(x, t, order, isLeader, leaders.length, random, opts.spread, opts.samples, opts.method);
    t.draws += opts.samples;
    if (decide(wilson(t.stays, t.draws)) !== 'unsettled') break;
  }
  const { ranks, firsts, draws: s } = t;
  const leaderStays = n >= 2 ? wilson(t.stays, s) : { count: 0, share: 1, low: 1, high: 1 };
  return {
    requested: opts.samples,
    samples: s,
    spread: opts.spread,
    seed: opts.seed,
    confidence: DRAW_CONFIDENCE,
    threshold: DRAW_THRESHOLD,
    leaderStays,
    decision: decide(leaderStays),
    vendors: x.ids.map((id, k) => {
      let best = n;
      let worst = 1;
      for (let r = 0; r < n; r++) {
        if (ranks[k * n + r]! === 0) continue;
        best = Math.min(best, r + 1);
        worst = Math.max(worst, r + 1);
      }
      return { id, first: wilson(firsts[k]!, s), rankLow: percentileRank(ranks, k * n, n, s, 0.05), rankHigh: percentileRank(ranks, k * n, n, s, 0.95), bestRank: best, worstRank: worst };
    }),
  };
}
