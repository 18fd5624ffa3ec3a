import { scoreVendor } from './score.js';
import type { Comparison, Evaluation } from './types.js';

/*
 * The leader's lead over the runner-up, against how far apart the evaluators are: each
 * evaluator's scores alone, scored by the method, give each vendor one total per evaluator.
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

function spreadOf(c: Comparison, evaluations: readonly Evaluation[], id: string): EvaluatorSpread {
  const totals = evaluations.filter((e) => e.vendor.id === id).map((e) => ({ by: e.evaluator, t: scoreVendor(c.rubric, [e], c.options).total }));
  totals.sort((a, b) => a.t - b.t || (a.by < b.by ? -1 : 1));
  const lo = totals[0]!;
  const hi = totals[totals.length - 1]!;
  return { vendor: id, evaluators: totals.length, low: lo.t, high: hi.t, lowBy: lo.by, highBy: hi.by };
}

export function marginOf(c: Comparison, evaluations: readonly Evaluation[]): Margin {
  const qualified = c.vendors.filter((v) => v.status === 'qualified');
  const [first, second] = qualified;
  if (!first) return { leader: null, runnerUp: null, points: null, spreads: [], spread: 0, clear: false };
  if (!second) return { leader: first.id, runnerUp: null, points: null, spreads: [], spread: 0, clear: true };
  const spreads = [spreadOf(c, evaluations, first.id), spreadOf(c, evaluations, second.id)];
  const spread = Math.max(...spreads.map((s) => s.high - s.low));
  const points = first.total - second.total;
  return { leader: first.id, runnerUp: second.id, points, spreads, spread, clear: second.rank !== 1 && points > spread };
}
