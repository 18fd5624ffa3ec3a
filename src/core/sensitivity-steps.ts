import type { AnswerModel, Outcome } from './sensitivity-model.js';
import { onGrid } from './sensitivity-evaluators.js';
import { joinsTieGroup, TIE_TOLERANCE, topGroup } from './ties.js';

/*
 * The smallest change to one evaluator's score on one question that changes the leader. A
 * higher score never lowers a total or adds a knockout, so for each score only one direction
 * can matter (up for a vendor that does not lead, down for a leader, both for a vendor tied
 * first), the extreme value tells whether any value does, and the smallest one is found by
 * walking the scale's steps outward. Each try updates one question, one area and one total.
 */

export interface ScoreStep {
  evaluator: string;
  vendor: string;
  question: string;
  from: number;
  to: number;
  /** |to − from|, scale points. */
  size: number;
  /** Leaders after the change. */
  leaders: string[];
  /** The vendor's status changes: it qualifies, or it is knocked out. */
  status: 'qualifies' | 'knocked-out' | null;
  /** The vendor's total after the change. */
  total: number;
  /** How far the first after the change leads the next qualified vendor (points; 0 in a tie; null with nobody next). */
  margin: number | null;
}

export interface ScoreSteps {
  /** Plausible here: a change of at most this many scale points. */
  range: number;
  /** The smallest changes that change the leader, smallest first (at most three). */
  flips: ScoreStep[];
  /** How many single scores can change the leader with a change within the range. */
  flipsInRange: number;
  /** With no flip at all: the change that leaves the leader's lead smallest. */
  closest: ScoreStep | null;
}

const KEEP = 3;

/**
 * Today's standings, and who would lead if one vendor's outcome changed (everyone else keeps
 * their total), by the tie rule; cheap in the common cases (a non-leader, a single leader).
 */
class Standings {
  readonly qualified: number[];
  readonly totals: Float64Array;
  readonly leaders: number[];
  readonly isLeader: Uint8Array;
  private readonly lowTop: number;
  private readonly runnerUp: number;

  constructor(readonly c: AnswerModel['c']) {
    this.qualified = c.vendors.flatMap((v, vi) => (v.status === 'qualified' ? [vi] : []));
    this.totals = Float64Array.from(c.vendors, (v) => v.total);
    this.leaders = this.qualified.filter((vi) => c.vendors[vi]!.rank === 1);
    this.isLeader = Uint8Array.from(c.vendors, (v) => (v.rank === 1 ? 1 : 0));
    this.lowTop = this.leaders.length > 0 ? Math.min(...this.leaders.map((vi) => this.totals[vi]!)) : -Infinity;
    this.runnerUp = this.qualified.reduce((m, vi) => (this.isLeader[vi] ? m : Math.max(m, this.totals[vi]!)), -Infinity);
  }

  /** Leaders (vendor indices, ascending) with vendor vi's outcome replaced. */
  leadersWith(vi: number, o: Outcome): number[] {
    const members = this.qualified.filter((k) => k !== vi);
    if (o.qualified) members.push(vi);
    const saved = this.totals[vi]!;
    this.totals[vi] = o.total;
    const top = members.length > 0 ? topGroup(this.totals, members) : [];
    this.totals[vi] = saved;
    return top.sort((a, b) => a - b);
  }

  /** Would vendor vi's outcome change who leads? */
  changes(vi: number, o: Outcome): boolean {
    if (!this.isLeader[vi]) return o.qualified && (o.total >= this.lowTop || joinsTieGroup(this.lowTop, o.total));
    // A single leader stays alone on top while it stays qualified and clear of the runner-up.
    if (this.leaders.length === 1) return !(o.qualified && o.total > this.runnerUp && !joinsTieGroup(o.total, this.runnerUp));
    const after = this.leadersWith(vi, o);
    return after.length !== this.leaders.length || after.some((k, i) => k !== this.leaders[i]);
  }

  /** How far the first leads the next after vi's outcome (0 in a tie; null with nobody next), without allocating. */
  margin(vi: number, o: Outcome): number | null {
    let best = -Infinity;
    let second = -Infinity;
    const add = (t: number) => {
      if (t > best) [best, second] = [t, best];
      else if (t > second) second = t;
    };
    for (const k of this.qualified) if (k !== vi) add(this.totals[k]!);
    if (o.qualified) add(o.total);
    if (second === -Infinity) return null;
    return joinsTieGroup(best, second) ? 0 : best - second;
  }
}

/** One search over every score; `question` tries one vendor's question, `result` sums up. */
class StepSearch {
  private readonly s: Standings;
  private readonly steps: number;
  private readonly kept: ScoreStep[] = [];
  private inRange = 0;
  private readonly counted: Uint8Array;
  // Closest without a flip: the highest total another vendor can reach, the lowest a leader can fall to.
  private threat: Try | null = null;
  private fall: Try | null = null;

  constructor(private readonly model: AnswerModel, private readonly range: number) {
    this.s = new Standings(model.c);
    this.steps = Math.round((model.max - model.min) / model.step);
    this.counted = new Uint8Array(model.value.length);
  }

  private grid(k: number): number {
    return onGrid(this.model.min + k * this.model.step);
  }

  private stepOf(slot: number): number {
    return Math.round((this.model.value[slot]! - this.model.min) / this.model.step);
  }

  private tryValue(vi: number, qi: number, slot: number, value: number): Outcome {
    this.model.begin(vi);
    this.model.change(qi, slot, value);
    return this.model.finish();
  }

  private describe(t: Try): ScoreStep {
    const { model } = this;
    const v = model.c.vendors[t.vi]!;
    return {
      evaluator: model.evaluators[model.who[t.slot]!]!,
      vendor: v.id,
      question: model.questionIds[t.qi]!,
      from: model.value[t.slot]!,
      to: t.value,
      size: onGrid(Math.abs(t.value - model.value[t.slot]!)),
      leaders: this.s.leadersWith(t.vi, t.o).map((k) => model.c.vendors[k]!.id),
      status: t.o.qualified === (v.status === 'qualified') ? null : t.o.qualified ? 'qualifies' : 'knocked-out',
      total: t.o.total,
      margin: this.s.margin(t.vi, t.o),
    };
  }

  /** The smallest flip from this score in direction dir, if its extreme flips at all. */
  private walk(vi: number, qi: number, slot: number, dir: number, end: number): void {
    const at = this.stepOf(slot);
    if (at === end || !this.s.changes(vi, this.tryValue(vi, qi, slot, this.grid(end)))) return;
    let k = at + dir;
    let o = this.tryValue(vi, qi, slot, this.grid(k));
    while (k !== end && !this.s.changes(vi, o)) o = this.tryValue(vi, qi, slot, this.grid((k += dir)));
    const size = Math.abs(k - at) * this.model.step;
    // A score counts once, even when it can change the leader both ways (a leader tied first).
    if (size <= this.range + 1e-9 && !this.counted[slot]) {
      this.counted[slot] = 1;
      this.inRange++;
    }
    const worst = this.kept[this.kept.length - 1];
    if (this.kept.length < KEEP || !worst || bySizeThenMargin({ size, margin: this.s.margin(vi, o) }, worst) < 0) keep(this.kept, this.describe({ vi, qi, slot, value: this.grid(k), o }));
  }

  question(vi: number, qi: number): void {
    const [from, to] = this.model.slots(vi, qi);
    if (from === to) return;
    const leads = this.s.isLeader[vi] === 1;
    if (leads) this.direction(vi, qi, from, to, -1);
    if (!leads || this.s.leaders.length > 1) this.direction(vi, qi, from, to, 1);
  }

  private direction(vi: number, qi: number, from: number, to: number, dir: number): void {
    const { model, s } = this;
    // Raising the lowest score to the top moves the question's mean or median at least as far
    // as raising any other (lowering the highest, likewise down): if that does not change the
    // leader, no score on this question does.
    let probe = from;
    for (let slot = from + 1; slot < to; slot++) if (dir > 0 ? model.value[slot]! < model.value[probe]! : model.value[slot]! > model.value[probe]!) probe = slot;
    const end = dir > 0 ? this.steps : 0;
    if (this.stepOf(probe) === end) return;
    const extreme = this.tryValue(vi, qi, probe, this.grid(end));
    if (s.changes(vi, extreme)) {
      for (let slot = from; slot < to; slot++) this.walk(vi, qi, slot, dir, end);
      return;
    }
    const t = { vi, qi, slot: probe, value: this.grid(end), o: extreme };
    if (s.isLeader[vi] && (!this.fall || extreme.total < this.fall.o.total)) this.fall = t;
    if (!s.isLeader[vi] && extreme.qualified && (!this.threat || extreme.total > this.threat.o.total)) this.threat = t;
  }

  result(): ScoreSteps {
    const near = [this.threat, this.fall].flatMap((t) => (t ? [this.describe(t)] : []));
    near.sort((a, b) => (a.margin ?? Infinity) - (b.margin ?? Infinity));
    return { range: this.range, flips: this.kept, flipsInRange: this.inRange, closest: this.kept.length > 0 ? null : near[0] ?? null };
  }
}

interface Try {
  vi: number;
  qi: number;
  slot: number;
  value: number;
  o: Outcome;
}

export function scoreSteps(model: AnswerModel, range: number): ScoreSteps {
  const search = new StepSearch(model, range);
  for (let vi = 0; vi < model.c.vendors.length; vi++) for (let qi = 0; qi < model.questions; qi++) search.question(vi, qi);
  return search.result();
}

/** Keeps the KEEP smallest: by size, then the most decisive (largest margin), then first found. */
function keep(kept: ScoreStep[], s: ScoreStep): void {
  kept.push(s);
  kept.sort(bySizeThenMargin);
  if (kept.length > KEEP) kept.pop();
}

/** Smaller first; on equal size the larger margin (margins within float noise are equal). */
function bySizeThenMargin(a: Pick<ScoreStep, 'size' | 'margin'>, b: Pick<ScoreStep, 'size' | 'margin'>): number {
  if (Math.abs(a.size - b.size) > 1e-9) return a.size - b.size;
  const d = (b.margin ?? Infinity) - (a.margin ?? Infinity);
  return Math.abs(d) <= TIE_TOLERANCE || Number.isNaN(d) ? 0 : d;
}
