/**
 * `--normalise z` (docs/arithmetic.md#normalising-evaluators): before scores are aggregated,
 * each evaluator's scores are moved to the panel's mean and spread, so that a harsh and a kind
 * evaluator count alike. Pure; returns new evaluations, the input untouched.
 */
import { evaluatorKey } from './identity.js';
import type { Evaluation, Rubric } from './types.js';
import { keyedRecord } from './keyed.js';

interface Moments {
  mean: number;
  sd: number;
  n: number;
}

/** Mean and population standard deviation (divided by n). */
function moments(xs: readonly number[]): Moments {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  return { mean, sd, n };
}

const scoresOf = (evs: readonly Evaluation[]) => evs.flatMap((e) => Object.values(e.answers).flatMap((a) => (a.score === null ? [] : [a.score])));

export function normaliseZ(rubric: Rubric, evaluations: readonly Evaluation[]): Evaluation[] {
  const all = scoresOf(evaluations);
  if (all.length === 0) return [...evaluations];
  const panel = moments(all);
  const byEvaluator = new Map<string, Evaluation[]>();
  for (const e of evaluations) {
    const k = evaluatorKey(e);
    byEvaluator.set(k, [...(byEvaluator.get(k) ?? []), e]);
  }
  const own = new Map([...byEvaluator].map(([k, evs]) => [k, moments(scoresOf(evs))]));
  const { min, max } = rubric.scale;
  return evaluations.map((e) => {
    const m = own.get(evaluatorKey(e))!;
    // No spread of their own (one score, or all alike): only the level moves.
    const rescale = (x: number) => (m.sd > 1e-12 && panel.sd > 1e-12 ? panel.mean + (panel.sd * (x - m.mean)) / m.sd : x - m.mean + panel.mean);
    const answers: Evaluation['answers'] = keyedRecord();
    for (const [q, a] of Object.entries(e.answers)) answers[q] = { ...a, score: a.score === null ? null : Math.min(max, Math.max(min, rescale(a.score))) };
    return { ...e, answers };
  });
}
