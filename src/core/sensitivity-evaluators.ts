import { rankVendors } from './score.js';
import type { AnswerModel } from './sensitivity-model.js';
import { joinsTieGroup } from './ties.js';
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
  const out = outcomes(c.vendors.length);
  const ranking = new Ranking(model.c);
  model.evaluators.forEach((name, e) => {
    const tries: Array<[EvaluatorChange, number | null]> = b > 0 ? [['without', null], ['harsher', -b], ['kinder', b]] : [['without', null]];
    for (const [change, delta] of tries) {
      const { shifted, clamped } = applyCheck(model, mine, e, filesBy[e]!, delta, out);
      checks.push({ evaluator: name, change, ...ranking.after(out, leader), scores: mine.start[e + 1]! - mine.start[e]!, shifted, clamped });
    }
  });
  return checks;
}

/** One check's outcome per vendor, in typed arrays reused from check to check. */
interface Outcomes {
  /** 1: the evaluator's file is about the vendor, so its outcome below replaces today's. */
  changed: Uint8Array;
  /** 1: no evaluation of the vendor is left. */
  gone: Uint8Array;
  total: Float64Array;
  qualified: Uint8Array;
  /** Scores left for the vendor from anyone. */
  scores: Int32Array;
}

function outcomes(V: number): Outcomes {
  return { changed: new Uint8Array(V), gone: new Uint8Array(V), total: new Float64Array(V), qualified: new Uint8Array(V), scores: new Int32Array(V) };
}

/**
 * Evaluator e's scores on each vendor they evaluated, moved by delta scale points (held at the
 * ends of the scale) or, with delta null, left out: each vendor's outcome into `out`.
 */
function applyCheck(model: AnswerModel, mine: ByEvaluator, e: number, vendors: readonly number[], delta: number | null, out: Outcomes): { shifted: number; clamped: number } {
  const c = model.c;
  out.changed.fill(0);
  out.gone.fill(0);
  const last = mine.start[e + 1]!;
  let k = mine.start[e]!;
  let shifted = 0;
  let clamped = 0;
  for (const vi of vendors) {
    out.changed[vi] = 1;
    if (delta === null && c.vendors[vi]!.evaluators.length === 1) {
      out.gone[vi] = 1;
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
    const o = model.finish();
    out.total[vi] = o.total;
    out.qualified[vi] = o.qualified ? 1 : 0;
    out.scores[vi] = o.scores;
  }
  return { shifted, clamped };
}

/**
 * The ranking with some vendors' outcomes replaced, by the method's rule (score.ts): qualified
 * vendors by total, highest first, competition ranks by tie group (ties.ts); the others unranked.
 * On typed arrays, from today's order (nearly the order after one evaluator's change), instead of
 * ranking every vendor's record again.
 */
class Ranking {
  private readonly order: Int32Array;
  private readonly rank: Int32Array;
  private readonly totals: Float64Array;

  constructor(private readonly c: AnswerModel['c']) {
    this.order = new Int32Array(c.vendors.length);
    this.rank = new Int32Array(c.vendors.length);
    this.totals = new Float64Array(c.vendors.length);
  }

  after(out: Outcomes, leader: readonly string[]): Pick<EvaluatorCheck, 'leader' | 'leaderChanged' | 'moved'> {
    const vendors = this.c.vendors;
    const { order, rank, totals } = this;
    let n = 0;
    for (let vi = 0; vi < vendors.length; vi++) {
      const v = vendors[vi]!;
      totals[vi] = out.changed[vi] ? out.total[vi]! : v.total;
      rank[vi] = 0;
      if (!out.gone[vi] && (out.changed[vi] ? out.qualified[vi] === 1 : v.status === 'qualified')) order[n++] = vi;
    }
    sortByTotal(order, n, totals);
    let first = 0;
    for (let p = 0; p < n; p++) rank[order[p]!] = p > 0 && joinsTieGroup(totals[order[p - 1]!]!, totals[order[p]!]!) ? rank[order[p - 1]!]! : p + 1;
    while (first < n && rank[order[first]!] === 1) first++;
    // Leaders in the ranking's order: the first tie group by name (rankVendors on that group alone).
    const after = rankVendors(Array.from(order.subarray(0, first), (vi) => ({ id: vendors[vi]!.id, name: vendors[vi]!.name, total: totals[vi]!, status: 'qualified' as Status }))).map((r) => r.id);
    return { leader: after, leaderChanged: after.length !== leader.length || after.some((id, i) => id !== leader[i]), moved: this.moved(out) };
  }

  /** Vendors whose rank or status changes, or that lose every score, in the order of the ranking after; vendors that drop out last. */
  private moved(out: Outcomes): VendorMove[] {
    const vendors = this.c.vendors;
    const moved: VendorMove[] = [];
    vendors.forEach((v, vi) => {
      const unscored = out.changed[vi] === 1 && (out.gone[vi] === 1 || out.scores[vi] === 0);
      const status: Status = out.changed[vi] ? (out.qualified[vi] ? 'qualified' : 'disqualified') : v.status;
      const rank = this.rank[vi]! > 0 ? this.rank[vi]! : null;
      if (!out.gone[vi] && rank === v.rank && status === v.status && !unscored) return;
      moved.push({ id: v.id, before: { rank: v.rank, total: v.total, status: v.status }, after: out.gone[vi] ? null : { rank, total: this.totals[vi]!, status }, unscored });
    });
    const place = (m: VendorMove) => (m.after === null ? Infinity : m.after.rank ?? vendors.length + 1);
    return moved.sort((a, b) => place(a) - place(b));
  }
}

/** order[0…n) by totals, highest first: an insertion sort, cheap on an order that is nearly right. */
function sortByTotal(order: Int32Array, n: number, totals: Float64Array): void {
  for (let p = 1; p < n; p++) {
    const v = order[p]!;
    let q = p - 1;
    while (q >= 0 && totals[order[q]!]! < totals[v]!) {
      order[q + 1] = order[q]!;
      q--;
    }
    order[q + 1] = v;
  }
}
