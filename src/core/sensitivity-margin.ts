import type { AnswerModel } from './sensitivity-model.js';

/*
 * The leader's lead over the runner-up, against how far apart the evaluators are: each
 * evaluator's scores alone, scored as the method scores that one file over the questions it
 * answers, give each vendor one total per evaluator.
 * When the lead is no larger than the range of those totals for the leader or the runner-up,
 * the evaluators disagree by more than the lead: no clear winner.
 */

export interface EvaluatorSpread {
  vendor: string;
  /** Evaluators whose files are about the vendor. */
  evaluators: number;
  /** Lowest and highest total from one evaluator's scores alone (points). */
  low: number;
  high: number;
  lowBy: string;
  highBy: string;
}

export interface Margin {
  leader: string | null;
  runnerUp: string | null;
  /** Leader's total − runner-up's total (points); null when there is no runner-up. */
  points: number | null;
  spreads: EvaluatorSpread[];
  /** The larger high − low of the two. */
  spread: number;
  /** The lead is larger than the spread (and there is a single leader). */
  clear: boolean;
}

/** Each evaluator's own total for vendor `vi`: their scores alone, over the questions they answered, lowest first. */
export function evaluatorTotals(model: AnswerModel, vi: number): Array<{ by: string; t: number }> {
  const v = model.c.vendors[vi]!;
  const scores = new Map<string, Array<[number, number]>>(v.evaluators.map((e) => [e, []]));
  for (let qi = 0; qi < model.questions; qi++) {
    const [from, to] = model.slots(vi, qi);
    for (let slot = from; slot < to; slot++) scores.get(model.evaluators[model.who[slot]!]!)?.push([qi, slot]);
  }
  const totals = v.evaluators.map((by) => ({ by, t: model.totalAlone(scores.get(by)!, vi) }));
  return totals.sort((a, b) => a.t - b.t || (a.by < b.by ? -1 : 1));
}

function spreadOf(model: AnswerModel, vi: number): EvaluatorSpread {
  const v = model.c.vendors[vi]!;
  const totals = evaluatorTotals(model, vi);
  const lo = totals[0]!;
  const hi = totals[totals.length - 1]!;
  return { vendor: v.id, evaluators: totals.length, low: lo.t, high: hi.t, lowBy: lo.by, highBy: hi.by };
}

export function marginOf(model: AnswerModel): Margin {
  const vendors = model.c.vendors;
  const qualified = vendors.flatMap((v, vi) => (v.status === 'qualified' ? [vi] : []));
  const [first, second] = qualified;
  if (first === undefined) return { leader: null, runnerUp: null, points: null, spreads: [], spread: 0, clear: false };
  if (second === undefined) return { leader: vendors[first]!.id, runnerUp: null, points: null, spreads: [], spread: 0, clear: true };
  const spreads = [spreadOf(model, first), spreadOf(model, second)];
  const spread = Math.max(...spreads.map((s) => s.high - s.low));
  const points = vendors[first]!.total - vendors[second]!.total;
  return { leader: vendors[first]!.id, runnerUp: vendors[second]!.id, points, spreads, spread, clear: vendors[second]!.rank !== 1 && points > spread };
}
