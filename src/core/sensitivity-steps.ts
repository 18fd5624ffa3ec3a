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

export function scoreSteps(model: AnswerModel, range: number): ScoreSteps {
  const c = model.c;
  const qualified = c.vendors.flatMap((v, vi) => (v.status === 'qualified' ? [vi] : []));
  const totals = Float64Array.from(c.vendors, (v) => v.total);
  const leaders = qualified.filter((vi) => c.vendors[vi]!.rank === 1);
  const isLeader = Uint8Array.from(c.vendors, (v) => (v.rank === 1 ? 1 : 0));
  const lowTop = leaders.length > 0 ? Math.min(...leaders.map((vi) => totals[vi]!)) : -Infinity;
  const runnerUp = qualified.reduce((m, vi) => (isLeader[vi] ? m : Math.max(m, totals[vi]!)), -Infinity);
  const steps = Math.round((model.max - model.min) / model.step);
  const grid = (k: number) => onGrid(model.min + k * model.step);
  const kept: ScoreStep[] = [];
  let inRange = 0;
  const counted = new Uint8Array(model.value.length);
  // Closest without a flip: the highest total another vendor can reach, the lowest a leader can fall to.
  type Try = { vi: number; qi: number; slot: number; value: number; o: Outcome };
  let threat: Try | null = null;
  let fall: Try | null = null;

  /** Leaders (vendor indices) with vendor vi's outcome replaced. */
  const leadersWith = (vi: number, o: Outcome): number[] => {
    const members = qualified.filter((k) => k !== vi);
    if (o.qualified) members.push(vi);
    const saved = totals[vi]!;
    totals[vi] = o.total;
    const top = members.length > 0 ? topGroup(totals, members) : [];
    totals[vi] = saved;
    return top.sort((a, b) => a - b);
  };
  const changes = (vi: number, o: Outcome): boolean => {
    if (!isLeader[vi]) return o.qualified && (o.total >= lowTop || joinsTieGroup(lowTop, o.total));
    // A single leader stays alone on top while it stays qualified and clear of the runner-up.
    if (leaders.length === 1) return !(o.qualified && o.total > runnerUp && !joinsTieGroup(o.total, runnerUp));
    const after = leadersWith(vi, o);
    return after.length !== leaders.length || after.some((k, i) => k !== leaders[i]);
  };
  const tryValue = (vi: number, qi: number, slot: number, value: number): Outcome => {
    model.begin(vi);
    model.change(qi, slot, value);
    return model.finish();
  };
  const describe = (vi: number, qi: number, slot: number, value: number, o: Outcome): ScoreStep => {
    const v = c.vendors[vi]!;
    const after = leadersWith(vi, o);
    return {
      evaluator: model.evaluators[model.who[slot]!]!,
      vendor: v.id,
      question: model.questionIds[qi]!,
      from: model.value[slot]!,
      to: value,
      size: onGrid(Math.abs(value - model.value[slot]!)),
      leaders: after.map((k) => c.vendors[k]!.id),
      status: o.qualified === (v.status === 'qualified') ? null : o.qualified ? 'qualifies' : 'knocked-out',
      total: o.total,
      margin: marginOf(totals, qualified, vi, o, after),
    };
  };
  /** The lead of the first after vi's outcome over the next (0 in a tie; null with nobody next), without allocating. */
  const quickMargin = (vi: number, o: Outcome): number | null => {
    let best = -Infinity;
    let second = -Infinity;
    for (const k of qualified) {
      if (k === vi) continue;
      const t = totals[k]!;
      if (t > best) [best, second] = [t, best];
      else if (t > second) second = t;
    }
    if (o.qualified) {
      if (o.total > best) [best, second] = [o.total, best];
      else if (o.total > second) second = o.total;
    }
    if (second === -Infinity) return null;
    return joinsTieGroup(best, second) ? 0 : best - second;
  };
  /** Would this flip enter the kept few (by size, then margin; the earlier found wins a tie)? */
  const worthKeeping = (size: number, margin: number | null) => {
    const worst = kept[kept.length - 1];
    return kept.length < KEEP || !worst || bySizeThenMargin({ size, margin }, worst) < 0;
  };

  /** The smallest flip from this score in direction dir, if its extreme flips at all. */
  const walk = (vi: number, qi: number, slot: number, dir: number, end: number) => {
    const at = Math.round((model.value[slot]! - model.min) / model.step);
    if (at === end || !changes(vi, tryValue(vi, qi, slot, grid(end)))) return;
    let k = at + dir;
    let o = tryValue(vi, qi, slot, grid(k));
    while (k !== end && !changes(vi, o)) o = tryValue(vi, qi, slot, grid((k += dir)));
    const size = Math.abs(k - at) * model.step;
    // A score counts once, even when it can change the leader both ways (a leader tied first).
    if (size <= range + 1e-9 && !counted[slot]) {
      counted[slot] = 1;
      inRange++;
    }
    if (worthKeeping(size, quickMargin(vi, o))) keep(kept, describe(vi, qi, slot, grid(k), o));
  };

  c.vendors.forEach((_, vi) => {
    const dirs = isLeader[vi] ? (leaders.length > 1 ? [-1, 1] : [-1]) : [1];
    for (let qi = 0; qi < model.questions; qi++) {
      const [from, to] = model.slots(vi, qi);
      if (from === to) continue;
      for (const dir of dirs) {
        // Raising the lowest score to the top moves the question's mean or median at least as far
        // as raising any other (lowering the highest, likewise down): if that does not change the
        // leader, no score on this question does.
        let probe = from;
        for (let slot = from + 1; slot < to; slot++) if (dir > 0 ? model.value[slot]! < model.value[probe]! : model.value[slot]! > model.value[probe]!) probe = slot;
        const end = dir > 0 ? steps : 0;
        if (Math.round((model.value[probe]! - model.min) / model.step) === end) continue;
        const extreme = tryValue(vi, qi, probe, grid(end));
        if (!changes(vi, extreme)) {
          const t = { vi, qi, slot: probe, value: grid(end), o: extreme };
          if (isLeader[vi] && (!fall || extreme.total < fall.o.total)) fall = t;
          if (!isLeader[vi] && extreme.qualified && (!threat || extreme.total > threat.o.total)) threat = t;
          continue;
        }
        for (let slot = from; slot < to; slot++) walk(vi, qi, slot, dir, end);
      }
    }
  });
  const near = [threat, fall].flatMap((t: Try | null) => (t ? [describe(t.vi, t.qi, t.slot, t.value, t.o)] : []));
  near.sort((a, b) => (a.margin ?? Infinity) - (b.margin ?? Infinity));
  return { range, flips: kept, flipsInRange: inRange, closest: kept.length > 0 ? null : near[0] ?? null };
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

/** The lead of the first group over the best qualified vendor outside it, after vi's outcome. */
function marginOf(totals: Float64Array, qualified: number[], vi: number, o: Outcome, top: number[]): number | null {
  if (top.length !== 1) return 0;
  let next = -Infinity;
  for (const k of qualified) if (k !== vi && k !== top[0]) next = Math.max(next, totals[k]!);
  if (vi !== top[0] && o.qualified) next = Math.max(next, o.total);
  const first = top[0] === vi ? o.total : totals[top[0]!]!;
  return next === -Infinity ? null : first - next;
}
