import { rankVendors } from './score.js';
import type { AnswerModel, Outcome } from './sensitivity-model.js';
import type { Status } from './types.js';

/* Each evaluator left out, or made harsher or kinder by the bias: what happens to the ranking. */

export type EvaluatorChange = 'without' | 'harsher' | 'kinder';

export interface Standing {
  rank: number | null;
  total: number;
  status: Status;
}

export interface VendorMove {
  id: string;
  before: Standing;
  /** null: no evaluation of the vendor is left, so it is not in the comparison. */
  after: Standing | null;
  /** No score from anyone is left (the evaluator was the only one who scored it). */
  unscored: boolean;
}

export interface EvaluatorCheck {
  evaluator: string;
  change: EvaluatorChange;
  leader: string[];
  leaderChanged: boolean;
  /** Vendors whose rank or status changes, or that lose every score. */
  moved: VendorMove[];
  /** The evaluator's scores, over all vendors. */
  scores: number;
  /** harsher/kinder: how many of them moved, and how many the ends of the scale held back (all or part of the way). */
  shifted: number;
  clamped: number;
}

/** The bias as applied: a whole number of scale steps (the bias ÷ step rounded, halves up). */
export function appliedBias(bias: number, step: number): number {
  return Math.round(bias / step) * step;
}

/** Scores on the scale's grid (min + k·step) without float residue (3 + 0.1·3 is 3.3, not 3.3000000000000003). */
export const onGrid = (x: number) => Math.round(x * 1e10) / 1e10;

/** Per evaluator, their scores as flat indices with vendor and question, in vendor order (CSR: evaluator e owns [start[e], start[e + 1])). */
interface ByEvaluator {
  start: Int32Array;
  vendor: Int32Array;
  question: Int32Array;
  slot: Int32Array;
}

function byEvaluator(model: AnswerModel): ByEvaluator {
  const E = model.evaluators.length;
  const start = new Int32Array(E + 1);
  for (const e of model.who) start[e + 1]!++;
  for (let e = 0; e < E; e++) start[e + 1] = start[e + 1]! + start[e]!;
  const fill = start.slice(0, E);
  const total = model.who.length;
  const out = { start, vendor: new Int32Array(total), question: new Int32Array(total), slot: new Int32Array(total) };
  for (let vi = 0; vi < model.c.vendors.length; vi++) {
    for (let qi = 0; qi < model.questions; qi++) {
      const [from, to] = model.slots(vi, qi);
      for (let slot = from; slot < to; slot++) {
        const k = fill[model.who[slot]!]!++;
        out.vendor[k] = vi;
        out.question[k] = qi;
        out.slot[k] = slot;
      }
    }
  }
  return out;
}

export function evaluatorChecks(model: AnswerModel, leader: readonly string[], bias: number): EvaluatorCheck[] {
  const c = model.c;
  const mine = byEvaluator(model);
  const b = appliedBias(bias, model.step);
  const checks: EvaluatorCheck[] = [];
  const filesBy = model.evaluators.map(() => [] as number[]);
  const index = new Map(model.evaluators.map((e, i) => [e, i]));
  c.vendors.forEach((v, vi) => v.evaluators.forEach((e) => filesBy[index.get(e)!]!.push(vi)));
  model.evaluators.forEach((name, e) => {
    const tries: Array<[EvaluatorChange, number | null]> = b > 0 ? [['without', null], ['harsher', -b], ['kinder', b]] : [['without', null]];
    for (const [change, delta] of tries) {
      const { outcomes, shifted, clamped } = applyCheck(model, mine, e, filesBy[e]!, delta);
      checks.push({ evaluator: name, change, ...rankAfter(model, outcomes, leader), scores: mine.start[e + 1]! - mine.start[e]!, shifted, clamped });
    }
  });
  return checks;
}

/**
 * Evaluator e's scores on each vendor they evaluated, moved by delta scale points (held at the
 * ends of the scale) or, with delta null, left out: each vendor's outcome (null: no evaluation left).
 */
function applyCheck(model: AnswerModel, mine: ByEvaluator, e: number, vendors: readonly number[], delta: number | null): { outcomes: Map<number, Outcome | null>; shifted: number; clamped: number } {
  const c = model.c;
  const outcomes = new Map<number, Outcome | null>();
  const last = mine.start[e + 1]!;
  let k = mine.start[e]!;
  let shifted = 0;
  let clamped = 0;
  for (const vi of vendors) {
    if (delta === null && c.vendors[vi]!.evaluators.length === 1) {
      outcomes.set(vi, null);
      while (k < last && mine.vendor[k] === vi) k++;
      continue;
    }
    model.begin(vi);
    for (; k < last && mine.vendor[k] === vi; k++) {
      const slot = mine.slot[k]!;
      if (delta === null) {
        model.change(mine.question[k]!, slot, null);
        continue;
      }
      const old = model.value[slot]!;
      const raw = onGrid(old + delta);
      const next = Math.min(model.max, Math.max(model.min, raw));
      if (next !== raw) clamped++;
      if (next === old) continue;
      shifted++;
      model.change(mine.question[k]!, slot, next);
    }
    outcomes.set(vi, model.finish());
  }
  return { outcomes, shifted, clamped };
}

/** The ranking with some vendors' outcomes replaced (null: gone), by the method's ranking. */
function rankAfter(model: AnswerModel, outcomes: Map<number, Outcome | null>, leader: readonly string[]): Pick<EvaluatorCheck, 'leader' | 'leaderChanged' | 'moved'> {
  const c = model.c;
  const entries = c.vendors.flatMap((v, vi) => {
    const o = outcomes.get(vi);
    if (o === null) return [];
    return [{ id: v.id, name: v.name, vi, total: o ? o.total : v.total, status: (o ? (o.qualified ? 'qualified' : 'disqualified') : v.status) as Status }];
  });
  const ranking = rankVendors(entries);
  const ranked = new Map(ranking.map((r) => [r.vi, r]));
  const after = ranking.filter((r) => r.rank === 1).map((r) => r.id);
  const moved: VendorMove[] = [];
  c.vendors.forEach((v, vi) => {
    const r = ranked.get(vi);
    const o = outcomes.get(vi);
    const unscored = o !== undefined && (o === null || o.scores === 0);
    if (r && r.rank === v.rank && r.status === v.status && !unscored) return;
    moved.push({ id: v.id, before: { rank: v.rank, total: v.total, status: v.status }, after: r ? { rank: r.rank, total: r.total, status: r.status } : null, unscored });
  });
  // In the order of the ranking after the change; vendors that drop out last.
  const place = (m: VendorMove) => (m.after === null ? Infinity : m.after.rank ?? c.vendors.length + 1);
  moved.sort((a, b) => place(a) - place(b));
  return { leader: after, leaderChanged: after.length !== leader.length || after.some((id, i) => id !== leader[i]), moved };
}
