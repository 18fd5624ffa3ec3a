import { areaMatrix } from './sensitivity-matrix.js';
import { weightDraws, type WeightDraws } from './sensitivity-draws.js';
import { appliedBias, evaluatorChecks, type EvaluatorCheck } from './sensitivity-evaluators.js';
import { marginOf, type Margin } from './sensitivity-margin.js';
import { AnswerModel } from './sensitivity-model.js';
import { scoreSteps, type ScoreSteps } from './sensitivity-steps.js';
import { areaFlips, type AreaFlips } from './sensitivity-weights.js';
import { lowestBidTrap, priceFlips, type LowestBidTrap, type PriceFlips } from './price-probes.js';
import type { Comparison } from './types.js';

export type { AreaFlips, LeaderChange, LeaderSegment, Swap, WeightPoint } from './sensitivity-weights.js';
export type { DrawVendor, Proportion, WeightDraws } from './sensitivity-draws.js';
export type { EvaluatorCheck, Standing, VendorMove } from './sensitivity-evaluators.js';
export type { Margin } from './sensitivity-margin.js';
export type { BidSwap, LowestBidTrap, PriceFlips, PriceSegment } from './price-probes.js';
export type { ScoreStep, ScoreSteps } from './sensitivity-steps.js';

/** The probes, as the verdict names them. */
export type Probe = 'tie' | 'weights' | 'price' | 'draws' | 'evaluators' | 'scoreSteps' | 'margin';

export interface Verdict {
  /**
   * robust: no probe finds a change of leader within its plausible range; fragile: one does;
   * unsettled: none does, but the random draws cannot tell at their confidence whether the
   * leader keeps the threshold share.
   */
  state: 'robust' | 'fragile' | 'unsettled';
  /** The probes that found a change of leader in range (for unsettled: the draws), in the order above. */
  decidedBy: Probe[];
}

export interface Plausible {
  /** One weight at a time, and every weight in the draws: within ± this fraction of its value. */
  weightSpread: number;
  /** The draws: the leader must stay first in at least this share of them, at this confidence. */
  drawThreshold: number;
  drawConfidence: number;
  /** Each evaluator: every score this many scale points harsher or kinder (the bias, snapped to the scale's step). */
  bias: number;
  /** One score: changed by at most this many scale points. */
  scoreChange: number;
}

export interface Sensitivity {
  leader: string[];
  verdict: Verdict;
  /** Kept for scripts: verdict.state === 'robust'. */
  robust: boolean;
  plausible: Plausible;
  margin: Margin;
  weights: AreaFlips[];
  draws: WeightDraws;
  /** The bias asked for; plausible.bias is the bias applied. */
  bias: number;
  evaluators: EvaluatorCheck[];
  scoreSteps: ScoreSteps;
  /** Only when price is in play: the price weight from 0% to 100%, and the lowest-bid trap. */
  price?: { flips: PriceFlips; trap: LowestBidTrap };
}

export interface SensitivityOptions {
  samples: number;
  /** Fraction: 0.2 = ±20%. */
  spread: number;
  seed: number;
  /** Scale points added to or taken from one evaluator's every score. */
  bias: number;
}

export const DEFAULT_SENSITIVITY: SensitivityOptions = { samples: 2000, spread: 0.2, seed: 1, bias: 1 };

/**
 * Would the ranking survive a plausible change? Probes: each area weight alone, solved exactly
 * over every weight from 0 up; all weights at random within ±spread; each evaluator left out,
 * or made harsher or kinder by `bias` points; each single score changed; the leader's lead
 * against the spread between evaluators. One verdict from all of them.
 */
export function analyzeSensitivity(c: Comparison, opts: SensitivityOptions = DEFAULT_SENSITIVITY): Sensitivity {
  const leader = c.vendors.filter((v) => v.rank === 1).map((v) => v.id);
  const matrix = areaMatrix(c);
  const weights = c.rubric.areas.map((a, j) => areaFlips(matrix, j, a, { spread: opts.spread }));
  const draws = weightDraws(matrix, matrix.ids.flatMap((id, k) => (leader.includes(id) ? [k] : [])), opts);
  const model = new AnswerModel(c);
  const bias = appliedBias(opts.bias, c.rubric.scale.step);
  const evaluators = evaluatorChecks(model, leader, opts.bias);
  const range = Math.max(bias, c.rubric.scale.step);
  const steps = scoreSteps(model, range);
  const margin = marginOf(model);
  const flips = priceFlips(c);
  const trap = lowestBidTrap(c);
  const found: Array<[Probe, boolean]> = [
    ['tie', leader.length > 1],
    ['weights', weights.some((w) => w.leaderChanges.some((x) => x.plausible))],
    ...(flips ? [['price', priceLeaderChangesNear(flips, leader, opts.spread)] as [Probe, boolean]] : []),
    ['draws', draws.decision === 'fails'],
    ['evaluators', evaluators.some((e) => e.leaderChanged)],
    ['scoreSteps', steps.flipsInRange > 0],
    ['margin', leader.length === 1 && !margin.clear],
  ];
  const decidedBy = found.filter(([, yes]) => yes).map(([p]) => p);
  const state = decidedBy.length > 0 ? 'fragile' : draws.decision === 'unsettled' ? 'unsettled' : 'robust';
  return {
    leader,
    verdict: { state, decidedBy: state === 'unsettled' ? ['draws'] : decidedBy },
    robust: state === 'robust',
    plausible: { weightSpread: opts.spread, drawThreshold: draws.threshold, drawConfidence: draws.confidence, bias, scoreChange: range },
    margin,
    weights,
    draws,
    bias: opts.bias,
    evaluators,
    scoreSteps: steps,
    ...(flips && trap ? { price: { flips, trap } } : {}),
  };
}

/** Does another leader appear within the price weight ± spread (of its value)? */
function priceLeaderChangesNear(f: PriceFlips, leader: readonly string[], spread: number): boolean {
  const lo = f.weight * (1 - spread);
  const hi = Math.min(100, f.weight * (1 + spread));
  const now = [...leader].sort().join();
  return f.segments.some((g) => g.to > lo && g.from < hi && g.leaders.join() !== now);
}
