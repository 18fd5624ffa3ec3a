import { evaluatorKey, evaluatorLabels } from './identity.js';
import { normaliseZ } from './normalise.js';
import { disagrees, mean, median, weightedMean } from './stats.js';
import { TIE_TOLERANCE, tieGroups } from './ties.js';
import type {
  AreaResult,
  Comparison,
  Evaluation,
  EvaluatorAnswer,
  Flag,
  KnockoutHit,
  QuestionResult,
  Rubric,
  ScoreOptions,
  VendorResult,
} from './types.js';

/** Totals closer than this are equal for ranking (docs/arithmetic.md#ranking-and-the-near-tie-rule); the rule is in ties.ts. */
export const TIE_EPSILON = TIE_TOLERANCE;

export function defaultOptions(rubric: Rubric): ScoreOptions {
  return { aggregate: rubric.aggregate, missing: rubric.missing, weights: {} };
}

/** Scale-point comparisons tolerate float noise such as 1.9999999999999998 for 2. */
const SCORE_EPSILON = 1e-9;
export function isBelow(score: number, below: number): boolean {
  return score < below - SCORE_EPSILON;
}

/**
 * The method's last step (docs/arithmetic.md): Σ w·n / Σ w over the scored areas, from the two sums, so
 * that a probe varying one weight or one area adds to the sums instead of scoring again. 0 when
 * no scored area has weight.
 */
export function totalFromSums(weightedScores: number, weights: number): number {
  return finiteOrZero(weightedScores / weights);
}

/** The total of (normalised area score, area weight) pairs over the scored areas. */
export function areaWeightedTotal(scored: ReadonlyArray<readonly [number, number]>): number {
  return finiteOrZero(weightedMean(scored));
}

const finiteOrZero = (t: number) => (Number.isFinite(t) ? t : 0);

export function normalize(x: number, min: number, max: number): number {
  return (100 * (x - min)) / (max - min);
}

/** Scores every vendor found in the evaluations and ranks them. Pure. */
export function compareVendors(rubric: Rubric, given: readonly Evaluation[], options: ScoreOptions): Comparison {
  // The aggregation step's input: the evaluators' scores, normalised when asked.
  const evaluations = options.normalise === 'z' ? normaliseZ(rubric, given) : given;
  const byVendor = new Map<string, Evaluation[]>();
  for (const ev of evaluations) {
    const list = byVendor.get(ev.vendor.id);
    if (list) list.push(ev);
    else byVendor.set(ev.vendor.id, [ev]);
  }
  // One label per person across the workspace, so every vendor (and sensitivity, which reads the
  // results) names a person the same way whatever spelling each file uses.
  const labels = evaluatorLabels(evaluations);
  const vendors = [...byVendor.values()].map((evs) => scoreVendor(rubric, evs, options, labels));
  return { rubric, options, vendors: rankVendors(vendors) };
}

/** An area's or question's weight, with the --weights override if there is one. */
export function weightOf(id: string, base: number, options: ScoreOptions): number {
  // Own properties only: an id such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(options.weights, id) ? options.weights[id]! : base;
}

export function scoreVendor(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, labels = evaluatorLabels(evaluations)): VendorResult {
  const first = evaluations[0];
  if (!first) throw new Error('scoreVendor needs at least one evaluation');
  const { min, max } = rubric.scale;
  const aggregate = options.aggregate === 'median' ? median : mean;
  const areaWeightSum = rubric.areas.reduce((s, a) => s + weightOf(a.id, a.weight, options), 0);

  const knockouts: KnockoutHit[] = [];
  const flags: Flag[] = [];
  const unanswered: string[] = [];
  const areas: AreaResult[] = [];
  const scored: Array<readonly [number, number]> = [];
  // Per evaluator, by evaluator key: one person counts once whatever spelling each file uses.

  for (const area of rubric.areas) {
    const areaWeight = weightOf(area.id, area.weight, options);
    const questions: QuestionResult[] = [];
    const pairs: Array<readonly [number, number]> = [];
    for (const q of area.questions) {
      const answers: EvaluatorAnswer[] = [];
      // Keyed by evaluator name, which is free text: "__proto__" must be a key like any other.
      const scores: Record<string, number> = Object.create(null) as Record<string, number>;
      const byEvaluator = new Map<string, number>();
      for (const ev of evaluations) {
        const a = ev.answers[q.id];
        if (!a) continue;
        const key = evaluatorKey(ev);
        const label = labels.get(key)!;
        answers.push({ ...a, evaluator: label, file: ev.file });
        if (a.score !== null) {
          scores[label] = a.score;
          byEvaluator.set(key, a.score);
        }
      }
      const values = [...byEvaluator.values()];
      const score = values.length > 0 ? aggregate(values) : null;
      // A loop, not Math.max(...values): spreading thousands of evaluators' scores as arguments can overflow the stack.
      let lo = Infinity;
      let hi = -Infinity;
      for (const x of values) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const spread = values.length > 0 ? hi - lo : null;
      const disagreement = disagrees(values, rubric.disagreement);
      const weight = weightOf(q.id, q.weight, options);
      questions.push({ id: q.id, text: q.text, weight, score, scores, spread, disagreement, answers });

      if (disagreement) {
        flags.push({
          code: 'disagreement',
          area: area.id,
          question: q.id,
          message: `evaluators disagree on ${q.id}: scores range ${lo}–${hi}`,
        });
      }
      if (score === null) unanswered.push(q.id);

      const counted = score ?? (options.missing === 'min' ? min : null);
      if (counted !== null) pairs.push([counted, weight]);

      if (q.knockout) {
        if (counted !== null && isBelow(counted, q.knockout.below)) {
          knockouts.push({
            rule: 'question',
            area: area.id,
            question: q.id,
            score: counted,
            below: q.knockout.below,
            reason: q.knockout.reason ?? `${q.id} scored ${fmt(counted)}${score === null ? ' (unanswered)' : ''}, below the knockout threshold ${fmt(q.knockout.below)}`,
          });
        } else if (counted === null) {
          flags.push({
            code: 'knockout-unanswered',
            area: area.id,
            question: q.id,
            message: `knockout question ${q.id} is unanswered; the vendor cannot be cleared until it is scored`,
          });
        }
      }
    }

    const areaScore = pairs.length > 0 ? weightedMean(pairs) : null;
    const normalized = areaScore === null ? null : normalize(areaScore, min, max);
    if (areaScore !== null && normalized !== null) {
      scored.push([normalized, areaWeight]);
      if (area.knockout && isBelow(areaScore, area.knockout.below)) {
        knockouts.push({
          rule: 'area',
          area: area.id,
          score: areaScore,
          below: area.knockout.below,
          reason: area.knockout.reason ?? `${area.name} scored ${fmt(areaScore)}, below the knockout threshold ${fmt(area.knockout.below)}`,
        });
      }
    }
    areas.push({
      id: area.id,
      name: area.name,
      weight: areaWeightSum > 0 ? areaWeight / areaWeightSum : 0,
      score: areaScore,
      normalized,
      questions,
    });
  }

  const total = areaWeightedTotal(scored);
  if (unanswered.length > 0) {
    flags.push({ code: 'incomplete', message: `${unanswered.length} question(s) have no score from any evaluator` });
  }
  // This vendor's evaluators, in the order their files came, under the workspace's labels.
  const evaluators = [...new Set(evaluations.map((e) => labels.get(evaluatorKey(e))!))];
  const few = rubric.minEvaluators !== undefined && evaluators.length < rubric.minEvaluators;
  if (few) flags.push({ code: 'few-evaluators', message: `scored by ${evaluators.length} evaluator(s); the rubric asks for at least ${rubric.minEvaluators}` });
  const complete = unanswered.length === 0 && !few;
  if (evaluators.length === 1) {
    flags.push({ code: 'single-evaluator', message: `scored by one evaluator only (${evaluators[0]})` });
  }
  const declarations = evaluators.map((label) => {
    const ev = evaluations.find((e) => labels.get(evaluatorKey(e)) === label)!;
    return { evaluator: label, role: ev.role ?? null, conflictOfInterest: ev.conflictOfInterest ?? null };
  });
  const name = first.vendor.name;
  return {
    id: first.vendor.id,
    name,
    rank: null,
    total,
    status: knockouts.length > 0 ? 'disqualified' : 'qualified',
    complete,
    evaluators,
    areas,
    knockouts,
    flags,
    unanswered,
    declarations,
  };
}

/** What the ranking needs of a vendor. */
export type Rankable = Pick<VendorResult, 'id' | 'name' | 'total' | 'status'>;

function byName(a: Rankable, b: Rankable): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Tie groups of totals (ties.ts), highest first; each group sorted by name. */
function orderByTotal<T extends Rankable>(list: T[]): T[][] {
  return tieGroups(list, (v) => v.total).map((g) => g.sort(byName));
}

/** Competition ranking (1, 1, 3) of qualified vendors; disqualified ones follow with rank null. */
export function rankVendors<T extends Rankable>(vendors: readonly T[]): Array<T & { rank: number | null }> {
  const out: Array<T & { rank: number | null }> = [];
  for (const group of orderByTotal(vendors.filter((v) => v.status === 'qualified'))) {
    const rank = out.length + 1;
    for (const v of group) out.push({ ...v, rank });
  }
  for (const group of orderByTotal(vendors.filter((v) => v.status !== 'qualified'))) {
    for (const v of group) out.push({ ...v, rank: null });
  }
  return out;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/** Each area's weight as the rubric gives it, overrides applied, in rubric order. */
export function rawAreaWeights(rubric: Rubric, options: ScoreOptions): number[] {
  return rubric.areas.map((a) => weightOf(a.id, a.weight, options));
}

/** Each area's share of the sum of all area weights, overrides applied. */
export function normalizedAreaWeights(rubric: Rubric, options: ScoreOptions): Record<string, number> {
  const weights = rawAreaWeights(rubric, options);
  const raw = rubric.areas.map((a, i) => [a.id, weights[i]!] as const);
  const sum = raw.reduce((s, [, w]) => s + w, 0);
  return Object.fromEntries(raw.map(([id, w]) => [id, sum > 0 ? w / sum : 0]));
}
