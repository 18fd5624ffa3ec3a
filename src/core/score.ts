import { evaluatorKey, evaluatorLabels } from './identity.js';
import { mean, median, weightedMean } from './stats.js';
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

/** Totals closer than this are equal for ranking (docs/arithmetic.md#ranking-and-the-near-tie-rule). */
export const TIE_EPSILON = 1e-9;

export function defaultOptions(rubric: Rubric): ScoreOptions {
  return { aggregate: rubric.aggregate, missing: rubric.missing, weights: {} };
}

/** Scale-point comparisons tolerate float noise such as 1.9999999999999998 for 2. */
const SCORE_EPSILON = 1e-9;
function isBelow(score: number, below: number): boolean {
  return score < below - SCORE_EPSILON;
}

export function normalize(x: number, min: number, max: number): number {
  return (100 * (x - min)) / (max - min);
}

/** Scores every vendor found in the evaluations and ranks them. Pure. */
export function compareVendors(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions): Comparison {
  const byVendor = new Map<string, Evaluation[]>();
  for (const ev of evaluations) {
    const list = byVendor.get(ev.vendor.id);
    if (list) list.push(ev);
    else byVendor.set(ev.vendor.id, [ev]);
  }
  const vendors = [...byVendor.values()].map((evs) => scoreVendor(rubric, evs, options));
  return { rubric, options, vendors: rankVendors(vendors) };
}

function weightOf(id: string, base: number, options: ScoreOptions): number {
  // Own properties only: an id such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(options.weights, id) ? options.weights[id]! : base;
}

export function scoreVendor(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions): VendorResult {
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
  const labels = evaluatorLabels(evaluations);

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
      const spread = values.length > 0 ? Math.max(...values) - Math.min(...values) : null;
      const disagreement = values.length >= 2 && spread !== null && spread >= rubric.disagreement - SCORE_EPSILON;
      const weight = weightOf(q.id, q.weight, options);
      questions.push({ id: q.id, text: q.text, weight, score, scores, spread, disagreement, answers });

      if (disagreement) {
        flags.push({
          code: 'disagreement',
          area: area.id,
          question: q.id,
          message: `evaluators disagree on ${q.id}: scores range ${Math.min(...values)}–${Math.max(...values)}`,
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

  const total = scored.length > 0 ? weightedMean(scored) : 0;
  const complete = unanswered.length === 0;
  if (!complete) {
    flags.push({ code: 'incomplete', message: `${unanswered.length} question(s) have no score from any evaluator` });
  }
  const evaluators = [...labels.values()];
  if (evaluators.length === 1) {
    flags.push({ code: 'single-evaluator', message: `scored by one evaluator only (${evaluators[0]})` });
  }
  const name = first.vendor.name;
  return {
    id: first.vendor.id,
    name,
    rank: null,
    total: Number.isFinite(total) ? total : 0,
    status: knockouts.length > 0 ? 'disqualified' : 'qualified',
    complete,
    evaluators,
    areas,
    knockouts,
    flags,
    unanswered,
  };
}

function byName(a: VendorResult, b: VendorResult): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Groups totals equal within TIE_EPSILON, highest first; each group sorted by name. */
function orderByTotal(list: VendorResult[]): VendorResult[][] {
  const sorted = [...list].sort((a, b) => b.total - a.total || byName(a, b));
  const groups: VendorResult[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0]!.total - v.total) <= TIE_EPSILON) g.push(v);
    else groups.push([v]);
  }
  for (const g of groups) g.sort(byName);
  return groups;
}

/** Competition ranking (1, 1, 3) of qualified vendors; disqualified ones follow with rank null. */
export function rankVendors(vendors: readonly VendorResult[]): VendorResult[] {
  const out: VendorResult[] = [];
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

/** Each area's share of the sum of all area weights, overrides applied. */
export function normalizedAreaWeights(rubric: Rubric, options: ScoreOptions): Record<string, number> {
  const raw = rubric.areas.map((a) => [a.id, weightOf(a.id, a.weight, options)] as const);
  const sum = raw.reduce((s, [, w]) => s + w, 0);
  return Object.fromEntries(raw.map(([id, w]) => [id, sum > 0 ? w / sum : 0]));
}
