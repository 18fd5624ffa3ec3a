import { evaluatorKey } from './identity.js';
import { LiveVendor, type LiveShape } from './live-score.js';
import { weightOf } from './aggregate.js';
import { rankVendors, type Rankable } from './score.js';
import type { Comparison, Evaluation, Rubric, ScoreOptions } from './types.js';

/*
 * Every vendor of a comparison as a live scorer, so that the ranking with one evaluator left out,
 * or made harsher or kinder, costs that evaluator's answers and one re-ranking rather than a
 * re-scoring of every file (which made `sensitivity` quadratic in the number of evaluators).
 */

export function liveShape(rubric: Rubric, options: ScoreOptions): LiveShape {
  return {
    aggregate: options.aggregate,
    missing: options.missing,
    min: rubric.scale.min,
    max: rubric.scale.max,
    areas: rubric.areas.map((a) => ({
      id: a.id,
      weight: weightOf(a.id, a.weight, options),
      knockout: a.knockout?.below,
      questions: a.questions.map((q) => ({ id: q.id, weight: weightOf(q.id, q.weight, options), knockout: q.knockout?.below })),
    })),
  };
}

/** One evaluator's change: left out, or every score moved by this many scale points (clamped to the scale). */
export type EvaluatorChange = 'without' | number;

export class LiveComparison {
  private readonly vendors: Array<{ id: string; name: string; live: LiveVendor }>;
  /** Vendor positions each evaluator scored. */
  private readonly scoredBy = new Map<string, number[]>();
  private readonly clamp: (v: number) => number;

  /** `shifts`: the score moves that will be asked for, so that the moved values can be indexed up front. */
  constructor(c: Comparison, evaluations: readonly Evaluation[], shifts: readonly number[] = []) {
    const { min, max } = c.rubric.scale;
    this.clamp = (v) => Math.min(max, Math.max(min, v));
    const shape = liveShape(c.rubric, c.options);
    const byVendor = new Map<string, Evaluation[]>();
    for (const e of evaluations) (byVendor.get(e.vendor.id) ?? byVendor.set(e.vendor.id, []).get(e.vendor.id)!).push(e);
    this.vendors = c.vendors.map((v, i) => {
      const evs = byVendor.get(v.id) ?? [];
      const possible = new Map<string, number[]>();
      for (const e of evs) {
        for (const [q, a] of Object.entries(e.answers)) {
          if (a.score === null) continue;
          const list = possible.get(q) ?? possible.set(q, []).get(q)!;
          list.push(a.score, ...shifts.map((s) => this.clamp(a.score! + s)));
        }
      }
      const live = new LiveVendor(shape, possible);
      for (const e of evs) {
        // One person is one evaluator key (identity.ts), whatever spelling each file uses.
        const who = evaluatorKey(e);
        live.addEvaluator(who);
        for (const [q, a] of Object.entries(e.answers)) if (a.score !== null && live.hasQuestion(q)) live.set(q, who, a.score);
        const mine = this.scoredBy.get(who) ?? this.scoredBy.set(who, []).get(who)!;
        if (mine[mine.length - 1] !== i) mine.push(i);
      }
      return { id: v.id, name: v.name, live };
    });
  }

  /** The ranking (as compareVendors ranks) with one evaluator's change applied (by evaluator key); the change is undone before returning. */
  rankedWith(evaluator: string, change: EvaluatorChange): Array<Rankable & { rank: number | null }> {
    const touched = this.scoredBy.get(evaluator) ?? [];
    const saved = touched.map((i) => new Map(this.vendors[i]!.live.scoresOf(evaluator)));
    touched.forEach((i, k) => {
      const live = this.vendors[i]!.live;
      if (change === 'without') live.removeEvaluator(evaluator);
      else for (const [q, v] of saved[k]!) live.set(q, evaluator, this.clamp(v + change));
    });
    const ranked = rankVendors(
      this.vendors
        .filter((v) => v.live.evaluatorCount > 0)
        .map((v): Rankable => ({ id: v.id, name: v.name, total: v.live.total, status: v.live.disqualified ? 'disqualified' : 'qualified' })),
    );
    touched.forEach((i, k) => {
      const live = this.vendors[i]!.live;
      live.addEvaluator(evaluator);
      for (const [q, v] of saved[k]!) live.set(q, evaluator, v);
    });
    return ranked;
  }
}
