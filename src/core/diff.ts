import { nameKey } from './identity.js';
import { LiveVendor, type LiveArea } from './live-score.js';
import { agreedText } from './aggregate.js';
import type { Aggregate, MissingPolicy, Status } from './types.js';

/*
 * Results files are what `compare --format json` writes (docs/json.md). This module reads two of them
 * and says what moved: rank and total per vendor (movement), and why each total moved
 * (attribution), by re-scoring intermediate states with the same arithmetic that wrote them.
 */

/** A results file as diff and --baseline read it (validated by src/schema/results.ts). */
export interface Results {
  rubric: { id: string; version: number | string; scale: { min: number; max: number } };
  options: { aggregate: Aggregate; missing: MissingPolicy };
  vendors: ResultVendor[];
}

export interface ResultVendor {
  id: string;
  name: string;
  rank: number | null;
  total: number;
  /** The areas' total; written since price (docs/json.md), absent in older files. */
  quality?: number | undefined;
  status: Status;
  complete: boolean;
  evaluators: string[];
  areas: Array<{
    id: string;
    /** Normalised share, 0–1. */
    weight: number;
    /** A question's weight is written when it is not 1 (older files never wrote it). */
    questions: Array<{ id: string; weight?: number | undefined; score: number | null; scores: Record<string, number>; agreed?: { score: number | null } | undefined }>;
  }>;
  knockouts: Array<{ reason: string; question?: string | undefined; area?: string | undefined }>;
}

// ---------------------------------------------------------------------------------------------
// Movement: rank and total against a baseline

export interface Ranked {
  id: string;
  name: string;
  rank: number | null;
  total: number;
  status: Status;
}

export interface Movement {
  /** Rank in the baseline; null when the vendor was disqualified there or is new. */
  previousRank: number | null;
  /** previousRank − rank: positive moved up, negative moved down; null when either rank is null. */
  rankChange: number | null;
  previousTotal: number | null;
  totalDelta: number | null;
  previousStatus: Status | null;
  /** Not in the baseline at all. */
  new: boolean;
}

export function movementOf(current: readonly Ranked[], baseline: readonly Ranked[]): Map<string, Movement> {
  const before = new Map(baseline.map((v) => [v.id, v]));
  const out = new Map<string, Movement>();
  for (const v of current) {
    const b = before.get(v.id);
    out.set(v.id, {
      previousRank: b ? b.rank : null,
      rankChange: b && b.rank !== null && v.rank !== null ? b.rank - v.rank : null,
      previousTotal: b ? b.total : null,
      totalDelta: b ? v.total - b.total : null,
      previousStatus: b ? b.status : null,
      new: !b,
    });
  }
  return out;
}

/** Vendors of the baseline missing from the current result. */
export function removedVendors<T extends Ranked>(current: readonly Ranked[], baseline: readonly T[]): T[] {
  const now = new Set(current.map((v) => v.id));
  return baseline.filter((v) => !now.has(v.id));
}

/** Short text for a move: ↑2, ↓1, =, new, out (newly disqualified), in (cleared). */
export function moveText(m: Movement | undefined, status: Ranked['status']): string {
  if (!m) return '';
  if (m.new) return 'new';
  if (m.previousStatus === 'qualified' && status !== 'qualified') return 'out';
  if (m.previousStatus !== 'qualified' && status === 'qualified') return 'in';
  if (m.rankChange === null || m.rankChange === 0) return '=';
  return m.rankChange > 0 ? `↑${m.rankChange}` : `↓${-m.rankChange}`;
}

/** Signed one-decimal delta with a real minus sign: +1.2, −3.2, ±0.0. */
export function deltaText(d: number | null): string {
  if (d === null) return '';
  const r = Math.round(d * 10) / 10;
  if (r === 0) return '±0.0';
  return r > 0 ? `+${r.toFixed(1)}` : `−${(-r).toFixed(1)}`;
}

// ---------------------------------------------------------------------------------------------
// Attribution: why a vendor's total moved

export type ChangeKind = 'rules' | 'rubric' | 'area-weight' | 'question-weight' | 'evaluator-removed' | 'evaluator-added' | 'answer' | 'agreed' | 'price' | 'unexplained';

export interface Change {
  kind: ChangeKind;
  /** What changed, in words: "data-security weight 20% → 25%", "prompt-logging: Lena Ortiz 4 → 2". */
  description: string;
  /** How much this change moved the vendor's total (0–100 points). The effects sum to the total's change. */
  effect: number;
}

export interface VendorDiff {
  id: string;
  name: string;
  before: Ranked | null;
  after: Ranked | null;
  delta: number;
  changes: Change[];
  /** Knockout reasons that are new in the second file. */
  newKnockouts: string[];
}

interface State {
  aggregate: Aggregate;
  missing: MissingPolicy;
  min: number;
  max: number;
  /** Area order, weights and question weights. */
  areas: Array<{ id: string; weight: number; questions: Map<string, number> }>;
  /** Evaluators by name key, so that two spellings of one name in the two files are one person. */
  evaluators: string[];
  /** The name each evaluator has in this file, by name key. */
  names: Map<string, string>;
  /** Score by question id, then evaluator (name key). */
  scores: Map<string, Map<string, number>>;
  /** The agreed score that replaces the aggregate, by question id (docs/arithmetic.md). */
  agreed: Map<string, number>;
}

function stateOf(r: Results, v: ResultVendor): State {
  // Results files carry evaluator names; one file never lists one person twice, so a second
  // name with the same key (a file from before keys) stays a person of its own.
  const keys = new Map<string, string>();
  const names = new Map<string, string>();
  for (const e of v.evaluators) {
    const k = names.has(nameKey(e)) ? `\u0000${e}` : nameKey(e);
    keys.set(e, k);
    names.set(k, e);
  }
  const keyOf = (e: string) => keys.get(e) ?? nameKey(e);
  // Scores count only for the evaluators the file lists, as when it was scored.
  const scores = new Map<string, Map<string, number>>();
  const agreed = new Map<string, number>();
  for (const a of v.areas) {
    for (const q of a.questions) {
      scores.set(q.id, new Map(Object.entries(q.scores).map(([e, x]) => [keyOf(e), x] as const).filter(([k]) => names.has(k))));
      if (q.agreed && q.agreed.score !== null) agreed.set(q.id, q.agreed.score);
    }
  }
  return {
    aggregate: r.options.aggregate,
    missing: r.options.missing,
    min: r.rubric.scale.min,
    max: r.rubric.scale.max,
    areas: v.areas.map((a) => ({ id: a.id, weight: a.weight, questions: new Map(a.questions.map((q) => [q.id, q.weight ?? 1])) })),
    evaluators: [...names.keys()],
    names,
    scores,
    agreed,
  };
}

type Rules = Pick<State, 'aggregate' | 'missing' | 'min' | 'max'>;

/** A scorer for the same arithmetic as `compare` (docs/arithmetic.md), holding these evaluators and scores. */
function scorer(rules: Rules, areas: readonly LiveArea[], evaluators: Iterable<string>, entries: Iterable<readonly [string, string, number]>, possible: ReadonlyMap<string, number[]>, agreed: ReadonlyMap<string, number> = new Map()): LiveVendor {
  const v = new LiveVendor({ aggregate: rules.aggregate, missing: rules.missing, min: rules.min, max: rules.max, areas }, possible);
  for (const e of evaluators) v.addEvaluator(e);
  for (const [q, e, x] of entries) v.set(q, e, x);
  for (const [q, x] of agreed) if (v.hasQuestion(q)) v.setAgreed(q, x);
  return v;
}

/** The agreed scores a scorer holds, for carrying them into a scorer of another shape. */
function agreedOf(v: LiveVendor, questions: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of questions) {
    const x = v.agreed(q);
    if (x !== undefined) out.set(q, x);
  }
  return out;
}

function layoutOf(s: State): LiveArea[] {
  return s.areas.map((a) => ({ id: a.id, weight: a.weight, questions: [...a.questions].map(([id, weight]) => ({ id, weight })) }));
}

function* entriesOf(s: State): Iterable<readonly [string, string, number]> {
  for (const [q, m] of s.scores) for (const [e, v] of m) yield [q, e, v];
}

/** Every value each question's scores take in either state. */
function possibleValues(...states: State[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of states) {
    for (const [q, m] of s.scores) {
      const list = out.get(q) ?? out.set(q, []).get(q)!;
      for (const v of m.values()) list.push(v);
    }
  }
  return out;
}

/** Each evaluator's scores as [question, value] pairs. */
function byEvaluator(s: State): Map<string, Array<readonly [string, number]>> {
  const out = new Map<string, Array<readonly [string, number]>>();
  for (const [q, m] of s.scores) for (const [e, v] of m) (out.get(e) ?? out.set(e, []).get(e)!).push([q, v]);
  return out;
}

/**
 * Splits the change of one vendor's total into the changes that caused it, by sequential
 * substitution: starting from the old state, apply one change at a time in a fixed order
 * (scoring rules, rubric questions, area weights, question weights, evaluators removed,
 * evaluators added, then single answers) and record how much each step moved the total. The
 * steps telescope, so their effects sum exactly to new total − old total; the order decides how
 * an interaction between two changes is shared, and weights come first so that answer changes
 * are valued at the new weights. One live scorer is updated in place, so each step costs what it
 * touches, not a re-scoring of the whole vendor.
 */
export function attribute(oldR: Results, oldV: ResultVendor, newR: Results, newV: ResultVendor): Change[] {
  const from = stateOf(oldR, oldV);
  const to = stateOf(newR, newV);
  const possible = possibleValues(from, to);
  const changes: Change[] = [];
  let cur = scorer(from, layoutOf(from), from.evaluators, entriesOf(from), possible, from.agreed);
  const startTotal = cur.total;
  let curTotal = startTotal;
  const step = (kind: ChangeKind, description: string, apply: () => void) => {
    apply();
    const t = cur.total;
    changes.push({ kind, description, effect: t - curTotal });
    curTotal = t;
  };

  const { k, changed: changedAreas, ambiguous } = weightChanges(from, to);

  // 1. Scoring rules.
  const rules: string[] = [];
  if (from.aggregate !== to.aggregate) rules.push(`aggregate ${from.aggregate} → ${to.aggregate}`);
  if (from.missing !== to.missing) rules.push(`unanswered questions count as ${from.missing} → ${to.missing}`);
  if (from.min !== to.min || from.max !== to.max) rules.push(`scale ${from.min}–${from.max} → ${to.min}–${to.max}`);
  if (rules.length > 0) {
    step('rules', `scoring rules: ${rules.join('; ')}`, () => {
      cur = scorer(to, cur.layout(), cur.evaluators, cur.entries(), possible, agreedOf(cur, from.agreed.keys()));
    });
  }

  // 2. Rubric structure: areas and questions added or removed (new ones arrive unanswered).
  const oldQ = new Set(from.areas.flatMap((a) => [...a.questions.keys()]));
  const newQ = new Set(to.areas.flatMap((a) => [...a.questions.keys()]));
  const added = [...newQ].filter((q) => !oldQ.has(q));
  const removed = [...oldQ].filter((q) => !newQ.has(q));
  const shape = (st: State) => st.areas.map((a) => `${a.id}:${[...a.questions.keys()].sort().join(',')}`).join('|');
  const areasChanged = shape(from) !== shape(to);
  if (added.length > 0 || removed.length > 0 || areasChanged) {
    const parts = [...added.map((q) => `+${q}`), ...removed.map((q) => `−${q}`)];
    step('rubric', `rubric questions changed${parts.length ? `: ${parts.join(', ')}` : ' (areas reordered or regrouped)'}`, () => {
      const areas = to.areas.map((a) => ({
        id: a.id,
        weight: cur.areaWeight(a.id) ?? a.weight / k,
        questions: [...a.questions].map(([id, w]) => ({ id, weight: cur.questionWeight(id) ?? w })),
      }));
      cur = scorer(cur.shape, areas, cur.evaluators, [...cur.entries()].filter(([q]) => newQ.has(q)), possible, agreedOf(cur, [...from.agreed.keys()].filter((q) => newQ.has(q))));
    });
  }

  // 3. Area weights. The files hold normalised shares, so raising one area's weight lowers every
  // other share. The areas whose shares all scaled by the same factor k kept their weight; each
  // of the others is one change, shown as its share before and after.
  // When no two areas kept their ratio (two areas, or every weight edited), which weight "really"
  // changed cannot be told from shares, so the new shares are one change.
  const fromWeight = new Map(from.areas.map((a) => [a.id, a.weight]));
  const toWeight = new Map(to.areas.map((a) => [a.id, a.weight]));
  const shareText = (m: string) => `${m} ${pct(fromWeight.get(m)!)} → ${pct(toWeight.get(m)!)}`;
  if (ambiguous && changedAreas.length > 0) {
    step('area-weight', `area weights (which one was edited cannot be told from the shares): ${changedAreas.map(shareText).join(', ')}`, () => {
      for (const m of changedAreas) cur.setAreaWeight(m, toWeight.get(m)! / k);
    });
  } else {
    for (const m of changedAreas) step('area-weight', `${m} weight ${pct(fromWeight.get(m)!)} → ${pct(toWeight.get(m)!)}`, () => cur.setAreaWeight(m, toWeight.get(m)! / k));
  }

  // 4. Question weights.
  for (const a of to.areas) {
    for (const [q, w] of a.questions) {
      const was = cur.questionWeight(q)!;
      if (was !== w) step('question-weight', `${q} weight ${num(was)} → ${num(w)}`, () => cur.setQuestionWeight(q, w));
    }
  }

  // 5–6. Evaluators who left or joined, with all their answers.
  // Shown as the new file names them (the old file, for those who left).
  const who = (e: string) => to.names.get(e) ?? from.names.get(e) ?? e;
  const fromEvaluators = new Set(from.evaluators);
  const toEvaluators = new Set(to.evaluators);
  const newEvaluators = new Set(to.evaluators.filter((e) => !fromEvaluators.has(e)));
  for (const e of from.evaluators) {
    if (toEvaluators.has(e)) continue;
    const n = cur.scoresOf(e).size;
    step('evaluator-removed', `evaluator ${who(e)} removed (${n} score${n === 1 ? '' : 's'})`, () => cur.removeEvaluator(e));
  }
  const toScores = byEvaluator(to);
  for (const e of newEvaluators) {
    const mine = toScores.get(e) ?? [];
    const n = mine.length;
    step('evaluator-added', `evaluator ${who(e)} added (${n} score${n === 1 ? '' : 's'})`, () => {
      cur.addEvaluator(e);
      for (const [q, v] of mine) cur.set(q, e, v);
    });
  }

  // 7. Single answers by evaluators present in both.
  for (const a of to.areas) {
    for (const q of a.questions.keys()) {
      const now = to.scores.get(q);
      for (const e of to.evaluators) {
        if (newEvaluators.has(e)) continue;
        const was = cur.score(q, e);
        const then = now?.get(e);
        if (was === then) continue;
        step('answer', `${q}: ${who(e)} ${was === undefined ? 'unanswered' : num(was)} → ${then === undefined ? 'unanswered' : num(then)}`, () => cur.set(q, e, then));
      }
    }
  }

  // 8. Agreed scores recorded, changed or withdrawn, valued against the aggregate the new answers give.
  for (const a of to.areas) {
    for (const q of a.questions.keys()) {
      const was = cur.agreed(q);
      const then = to.agreed.get(q);
      if (was === then) continue;
      step('agreed', `${q}: ${agreedChange(was, then, cur.aggregated(q), to.aggregate)}`, () => cur.setAgreed(q, then));
    }
  }

  // The files carry the totals they printed; anything our re-scoring cannot reproduce (an
  // edited file, a future option) is shown rather than hidden, so the parts still add up.
  // With price, a file's total is its quality combined with price; the areas re-score only the
  // quality, so the price's part of the change is (new total − new quality) − (old − old).
  const pricePart = (v: ResultVendor) => (v.quality === undefined ? 0 : v.total - v.quality);
  const price = pricePart(newV) - pricePart(oldV);
  if (Math.abs(price) > 1e-6) changes.push({ kind: 'price', description: 'price (its weight, the bids, or who is priced)', effect: price });
  const gap = startTotal - oldV.total + (newV.total - curTotal) - price;
  if (Math.abs(gap) > 1e-6) changes.push({ kind: 'unexplained', description: 'not explained by the files (edited by hand, or scored with options the files do not record)', effect: gap });
  return changes.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
}

/**
 * The common factor k by which most shares moved (the areas whose raw weight did not change) and
 * the areas that moved otherwise, largest move first.
 */
function weightChanges(from: State, to: State): { k: number; changed: string[]; ambiguous: boolean } {
  const before = new Map(from.areas.map((a) => [a.id, a.weight]));
  const ratios: Array<{ id: string; r: number; d: number }> = [];
  for (const a of to.areas) {
    const b = before.get(a.id);
    if (b !== undefined && b > 0) ratios.push({ id: a.id, r: a.weight / b, d: Math.abs(a.weight - b) });
  }
  if (ratios.every((x) => Math.abs(x.r - 1) < 1e-9)) return { k: 1, changed: [], ambiguous: false };
  // Largest group of equal ratios; on a tie, the group closest to 1 (fewest apparent changes).
  // Two such groups equally far from 1 (×1.2 and ×0.8) leave no way to tell which one kept its
  // weight: that is ambiguous too, and then every area whose share moved is named.
  const sizes = equalWithin(ratios.map((x) => x.r), 1e-9);
  let best = { r: 1, n: 0 };
  let tied = false;
  ratios.forEach((x, i) => {
    const n = sizes[i]!;
    const closer = Math.abs(x.r - 1) - Math.abs(best.r - 1);
    if (n > best.n || (n === best.n && closer < -1e-9)) {
      best = { r: x.r, n };
      tied = false;
    } else if (n === best.n && Math.abs(x.r - best.r) >= 1e-9 && Math.abs(closer) < 1e-9) {
      tied = true;
    }
  });
  const k = best.n > 1 ? best.r : 1;
  const moved = (x: { r: number }) => Math.abs(x.r - (tied ? 1 : k)) >= 1e-9;
  const changed = ratios.filter(moved).sort((a, b) => b.d - a.d).map((x) => x.id);
  return { k, changed, ambiguous: best.n <= 1 || tied };
}

/** For each x, how many of xs lie within eps of it (itself included), by sorting: O(n log n). */
function equalWithin(xs: readonly number[], eps: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const below = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Count of y with x − eps < y < x + eps.
  return xs.map((x) => below(x + eps, false) - below(x - eps, true));
}

/** Every vendor in either file: new order first (ranked), then those that disappeared. */
export function diffResults(oldR: Results, newR: Results): VendorDiff[] {
  const before = new Map(oldR.vendors.map((v) => [v.id, v]));
  const out: VendorDiff[] = [];
  for (const v of newR.vendors) {
    const b = before.get(v.id);
    const changes = b ? attribute(oldR, b, newR, v) : [];
    const oldReasons = new Set(b?.knockouts.map((k) => k.reason) ?? []);
    out.push({
      id: v.id,
      name: v.name,
      before: b ? ranked(b) : null,
      after: ranked(v),
      delta: b ? v.total - b.total : v.total,
      changes,
      newKnockouts: v.knockouts.map((k) => k.reason).filter((r) => !oldReasons.has(r)),
    });
  }
  for (const b of removedVendors(newR.vendors, oldR.vendors)) {
    out.push({ id: b.id, name: b.name, before: ranked(b), after: null, delta: -b.total, changes: [], newKnockouts: [] });
  }
  return out;
}

function ranked(v: ResultVendor): Ranked {
  return { id: v.id, name: v.name, rank: v.rank, total: v.total, status: v.status };
}

/** "agreed 3 (was mean 2.5)", "agreed 3 → 4", "agreed 3 withdrawn (now mean 2.5)". */
function agreedChange(was: number | undefined, then: number | undefined, aggregated: number | null, aggregate: Aggregate): string {
  if (was === undefined) return agreedText(then!, aggregated, aggregate);
  if (then !== undefined) return `agreed ${num(was)} → ${num(then)}`;
  return `agreed ${num(was)} withdrawn (now ${aggregated === null ? 'unanswered' : `${aggregate} ${num(aggregated)}`})`;
}

function pct(w: number): string {
  const p = w * 100;
  return `${Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) : p.toFixed(1)}%`;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}
