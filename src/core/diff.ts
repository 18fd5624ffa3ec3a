import { z } from 'zod';
import { clip } from '../text/sanitize.js';
import { nameKey } from './identity.js';
import { scoreVendor } from './score.js';
import type { Aggregate, Evaluation, MissingPolicy, Rubric } from './types.js';
import { safeText } from '../text/sanitize.js';

/*
 * Results files are what `compare --format json` writes (docs/json.md). This module reads two of them
 * and says what moved: rank and total per vendor (movement), and why each total moved
 * (attribution), by re-scoring intermediate states with the same arithmetic that wrote them.
 */

const questionResult = z.object({
  id: z.string(),
  // Written since question weights could differ from 1; older files lack it (then 1).
  weight: z.number().positive().optional(),
  score: z.number().nullable(),
  scores: z.record(z.string(), z.number()),
});
const areaResult = z.object({ id: z.string(), weight: z.number().nonnegative(), questions: z.array(questionResult) });
const knockoutResult = z.object({ reason: z.string(), question: z.string().optional(), area: z.string().optional() });
const vendorResult = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().int().positive().nullable(),
  total: z.number(),
  status: z.enum(['qualified', 'disqualified']),
  complete: z.boolean(),
  evaluators: z.array(z.string()),
  areas: z.array(areaResult),
  knockouts: z.array(knockoutResult),
});
export const resultsSchema = z.object({
  rubric: z.object({ id: z.string(), version: z.union([z.number(), z.string()]), scale: z.object({ min: z.number(), max: z.number() }) }),
  options: z.object({ aggregate: z.enum(['mean', 'median']), missing: z.enum(['min', 'ignore']) }),
  vendors: z.array(vendorResult),
});
export type Results = z.output<typeof resultsSchema>;
export type ResultVendor = Results['vendors'][number];

/** Parses a results file; the message names the first thing wrong, for `file: message`. */
export function parseResults(data: unknown): { results?: Results; error?: string } {
  const r = resultsSchema.safeParse(data);
  if (r.success) return { results: r.data };
  const issue = r.error.issues[0]!;
  const where = issue.path.length > 0 ? ` at ${issue.path.map((seg) => clip(String(seg))).join('.')}` : '';
  return { error: `is not a results file written by \`vendorscore compare --format json\` (${issue.message.toLowerCase()}${where})` };
}

// ---------------------------------------------------------------------------------------------
// Movement: rank and total against a baseline

export interface Ranked {
  id: string;
  name: string;
  rank: number | null;
  total: number;
  status: 'qualified' | 'disqualified';
}

export interface Movement {
  /** Rank in the baseline; null when the vendor was disqualified there or is new. */
  previousRank: number | null;
  /** previousRank − rank: positive moved up, negative moved down; null when either rank is null. */
  rankChange: number | null;
  previousTotal: number | null;
  totalDelta: number | null;
  previousStatus: 'qualified' | 'disqualified' | null;
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
  if (m.previousStatus === 'qualified' && status === 'disqualified') return 'out';
  if (m.previousStatus === 'disqualified' && status === 'qualified') return 'in';
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

export type ChangeKind = 'rules' | 'rubric' | 'area-weight' | 'question-weight' | 'evaluator-removed' | 'evaluator-added' | 'answer' | 'unexplained';

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
  const scores = new Map<string, Map<string, number>>();
  for (const a of v.areas) for (const q of a.questions) scores.set(q.id, new Map(Object.entries(q.scores).map(([e, x]) => [keyOf(e), x])));
  return {
    aggregate: r.options.aggregate,
    missing: r.options.missing,
    min: r.rubric.scale.min,
    max: r.rubric.scale.max,
    areas: v.areas.map((a) => ({ id: a.id, weight: a.weight, questions: new Map(a.questions.map((q) => [q.id, q.weight ?? 1])) })),
    evaluators: v.evaluators.map(keyOf),
    names,
    scores,
  };
}

function clone(s: State): State {
  return {
    ...s,
    areas: s.areas.map((a) => ({ ...a, questions: new Map(a.questions) })),
    evaluators: [...s.evaluators],
    names: new Map(s.names),
    scores: new Map([...s.scores].map(([k, m]) => [k, new Map(m)])),
  };
}

/** The total of a state, by the same arithmetic as `compare` (docs/arithmetic.md). */
function totalOf(s: State): number {
  if (s.evaluators.length === 0) return 0;
  const rubric: Rubric = {
    id: 'diff',
    version: 1,
    title: 'diff',
    scale: { min: s.min, max: s.max, step: 1e-9, labels: {} },
    missing: s.missing,
    aggregate: s.aggregate,
    disagreement: Infinity,
    areas: s.areas
      .filter((a) => a.weight > 0)
      .map((a) => ({ id: a.id, name: a.id, weight: a.weight, questions: [...a.questions].map(([id, weight]) => ({ id, text: id, weight, guidance: {} })) })),
  };
  if (rubric.areas.length === 0) return 0;
  const evaluations: Evaluation[] = s.evaluators.map((e) => {
    const answers: Evaluation['answers'] = {};
    for (const [qid, byEvaluator] of s.scores) {
      const score = byEvaluator.get(e);
      if (score !== undefined) answers[qid] = { score, evidence: [] };
    }
    return { file: '', vendor: { id: 'v', name: 'v' }, rubric: 'diff@1', evaluator: e, answers };
  });
  return scoreVendor(rubric, evaluations, { aggregate: s.aggregate, missing: s.missing, weights: {} }).total;
}

/**
 * Splits the change of one vendor's total into the changes that caused it, by sequential
 * substitution: starting from the old state, apply one change at a time in a fixed order
 * (scoring rules, rubric questions, area weights, question weights, evaluators removed,
 * evaluators added, then single answers) and record how much each step moved the total. The
 * steps telescope, so their effects sum exactly to new total − old total; the order decides how
 * an interaction between two changes is shared, and weights come first so that answer changes
 * are valued at the new weights.
 */
export function attribute(oldR: Results, oldV: ResultVendor, newR: Results, newV: ResultVendor): Change[] {
  const from = stateOf(oldR, oldV);
  const to = stateOf(newR, newV);
  const changes: Change[] = [];
  let cur = clone(from);
  let curTotal = totalOf(cur);
  const step = (kind: ChangeKind, description: string, apply: (s: State) => void) => {
    const next = clone(cur);
    apply(next);
    const t = totalOf(next);
    changes.push({ kind, description, effect: t - curTotal });
    cur = next;
    curTotal = t;
  };

  const { k, changed: changedAreas, ambiguous } = weightChanges(from, to);

  // 1. Scoring rules.
  const rules: string[] = [];
  if (from.aggregate !== to.aggregate) rules.push(`aggregate ${from.aggregate} → ${to.aggregate}`);
  if (from.missing !== to.missing) rules.push(`unanswered questions count as ${from.missing} → ${to.missing}`);
  if (from.min !== to.min || from.max !== to.max) rules.push(`scale ${from.min}–${from.max} → ${to.min}–${to.max}`);
  if (rules.length > 0) {
    step('rules', `scoring rules: ${rules.join('; ')}`, (s) => {
      s.aggregate = to.aggregate;
      s.missing = to.missing;
      s.min = to.min;
      s.max = to.max;
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
    step('rubric', `rubric questions changed${parts.length ? `: ${parts.join(', ')}` : ' (areas reordered or regrouped)'}`, (s) => {
      const oldAreas = new Map(s.areas.map((a) => [a.id, a]));
      const oldWeights = new Map(s.areas.flatMap((a) => [...a.questions]));
      s.areas = to.areas.map((a) => ({
        id: a.id,
        weight: oldAreas.get(a.id)?.weight ?? a.weight / k,
        questions: new Map([...a.questions].map(([q, w]) => [q, oldWeights.get(q) ?? w])),
      }));
      for (const q of removed) s.scores.delete(q);
    });
  }

  // 3. Area weights. The files hold normalised shares, so raising one area's weight lowers every
  // other share. The areas whose shares all scaled by the same factor k kept their weight; each
  // of the others is one change, shown as its share before and after.
  // When no two areas kept their ratio (two areas, or every weight edited), which weight "really"
  // changed cannot be told from shares, so the new shares are one change.
  const shareText = (m: string) => `${m} ${pct(from.areas.find((a) => a.id === m)!.weight)} → ${pct(to.areas.find((a) => a.id === m)!.weight)}`;
  if (ambiguous && changedAreas.length > 0) {
    step('area-weight', `area weights ${changedAreas.map(shareText).join(', ')}`, (s) => {
      for (const m of changedAreas) s.areas.find((x) => x.id === m)!.weight = to.areas.find((a) => a.id === m)!.weight / k;
    });
  } else {
    for (const m of changedAreas) {
      step('area-weight', `${m} weight ${pct(from.areas.find((a) => a.id === m)!.weight)} → ${pct(to.areas.find((a) => a.id === m)!.weight)}`, (s) => {
        s.areas.find((x) => x.id === m)!.weight = to.areas.find((a) => a.id === m)!.weight / k;
      });
    }
  }

  // 4. Question weights.
  for (const a of to.areas) {
    for (const [q, w] of a.questions) {
      const area = cur.areas.find((x) => x.id === a.id)!;
      const was = area.questions.get(q)!;
      if (was !== w) step('question-weight', `${q} weight ${num(was)} → ${num(w)}`, (s) => s.areas.find((x) => x.id === a.id)!.questions.set(q, w));
    }
  }

  // 5–6. Evaluators who left or joined, with all their answers.
  const goneEvaluators = from.evaluators.filter((e) => !to.evaluators.includes(e));
  const newEvaluators = to.evaluators.filter((e) => !from.evaluators.includes(e));
  // Shown as the new file names them (the old file, for those who left).
  const who = (e: string) => to.names.get(e) ?? from.names.get(e) ?? e;
  for (const e of goneEvaluators) {
    const n = countAnswers(cur, e);
    step('evaluator-removed', `evaluator ${who(e)} removed (${n} score${n === 1 ? '' : 's'})`, (s) => {
      s.evaluators = s.evaluators.filter((x) => x !== e);
      for (const m of s.scores.values()) m.delete(e);
    });
  }
  for (const e of newEvaluators) {
    const n = countAnswers(to, e);
    step('evaluator-added', `evaluator ${who(e)} added (${n} score${n === 1 ? '' : 's'})`, (s) => {
      s.evaluators.push(e);
      for (const [q, m] of to.scores) {
        const v = m.get(e);
        if (v !== undefined) (s.scores.get(q) ?? s.scores.set(q, new Map()).get(q)!).set(e, v);
      }
    });
  }

  // 7. Single answers by evaluators present in both.
  for (const a of to.areas) {
    for (const q of a.questions.keys()) {
      for (const e of to.evaluators) {
        if (newEvaluators.includes(e)) continue;
        const was = cur.scores.get(q)?.get(e);
        const now = to.scores.get(q)?.get(e);
        if (was === now) continue;
        step('answer', `${q}: ${who(e)} ${was === undefined ? 'unanswered' : num(was)} → ${now === undefined ? 'unanswered' : num(now)}`, (s) => {
          const m = s.scores.get(q) ?? s.scores.set(q, new Map()).get(q)!;
          if (now === undefined) m.delete(e);
          else m.set(e, now);
        });
      }
    }
  }

  // Evaluator order matters to nothing, but a file may list evaluators in another order.
  cur.evaluators = [...to.evaluators];

  // The files carry the totals they printed; anything our re-scoring cannot reproduce (an
  // edited file, a future option) is shown rather than hidden, so the parts still add up.
  const expectedStart = oldV.total;
  const expectedEnd = newV.total;
  const startGap = totalOf(from) - expectedStart;
  const endGap = expectedEnd - curTotal;
  const gap = startGap + endGap;
  if (Math.abs(gap) > 1e-6) changes.push({ kind: 'unexplained', description: 'not explained by the files (edited by hand, or scored with options the files do not record)', effect: gap });
  return changes.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
}

/**
 * The common factor k by which most shares moved (the areas whose raw weight did not change) and
 * the areas that moved otherwise, largest move first.
 */
function weightChanges(from: State, to: State): { k: number; changed: string[]; ambiguous: boolean } {
  const ratios: Array<{ id: string; r: number; d: number }> = [];
  for (const a of to.areas) {
    const b = from.areas.find((x) => x.id === a.id);
    if (b && b.weight > 0) ratios.push({ id: a.id, r: a.weight / b.weight, d: Math.abs(a.weight - b.weight) });
  }
  if (ratios.every((x) => Math.abs(x.r - 1) < 1e-9)) return { k: 1, changed: [], ambiguous: false };
  // Largest group of equal ratios; on a tie, the group closest to 1 (fewest apparent changes).
  let best = { r: 1, n: 0 };
  for (const x of ratios) {
    const n = ratios.filter((y) => Math.abs(y.r - x.r) < 1e-9).length;
    if (n > best.n || (n === best.n && Math.abs(x.r - 1) < Math.abs(best.r - 1))) best = { r: x.r, n };
  }
  const k = best.n > 1 ? best.r : 1;
  const changed = ratios.filter((x) => Math.abs(x.r - k) >= 1e-9).sort((a, b) => b.d - a.d).map((x) => x.id);
  return { k, changed, ambiguous: best.n <= 1 };
}

function countAnswers(s: State, e: string): number {
  let n = 0;
  for (const m of s.scores.values()) if (m.has(e)) n++;
  return n;
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

function pct(w: number): string {
  const p = w * 100;
  return `${Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) : p.toFixed(1)}%`;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}
