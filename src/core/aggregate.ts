import { evaluatorKey, evaluatorLabels } from './identity.js';
import { disagrees, mean, median, weightedMean } from './stats.js';
import type { Agreement, Answer, AreaResult, Consensus, Criterion, DecisionMatrix, Evaluation, EvaluatorAnswer, Flag, KnockoutHit, MatrixRow, QuestionResult, Rubric, ScoreOptions } from './types.js';
import { keyedRecord } from './keyed.js';

/*
 * The aggregate step of the pipeline (docs/arithmetic.md#the-decision-pipeline): evaluations in,
 * the decision matrix out — per vendor its question and area scores, knockouts, flags and
 * completeness, and one cell per criterion. No total: that is the method's.
 */

/** Scale-point comparisons tolerate float noise such as 1.9999999999999998 for 2. */
const SCORE_EPSILON = 1e-9;
export function isBelow(score: number, below: number): boolean {
  return score < below - SCORE_EPSILON;
}

export function normalize(x: number, min: number, max: number): number {
  return (100 * (x - min)) / (max - min);
}

/** An area's or question's weight, with the --weights override if there is one. */
export function weightOf(id: string, base: number, options: ScoreOptions): number {
  // Own properties only: an id such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(options.weights, id) ? options.weights[id]! : base;
}

/** Each area's weight as the rubric gives it, overrides applied, in rubric order. */
export function rawAreaWeights(rubric: Rubric, options: ScoreOptions): number[] {
  return rubric.areas.map((a) => weightOf(a.id, a.weight, options));
}

/** The matrix's columns: one per area (raw weight, overrides applied), in rubric order. */
export function areaCriteria(rubric: Rubric, options: ScoreOptions): Criterion[] {
  return rubric.areas.map((a) => ({ kind: 'area', id: a.id, name: a.name, weight: weightOf(a.id, a.weight, options) }));
}

/**
 * Every vendor found in the evaluations, in the order their first files came, as rows of the
 * matrix. Pure. `consensus`: the panel's agreed scores, which replace the aggregate here.
 */
export function decisionMatrix(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, consensus: readonly Consensus[] = []): DecisionMatrix {
  const byVendor = new Map<string, Evaluation[]>();
  for (const ev of evaluations) {
    const list = byVendor.get(ev.vendor.id);
    if (list) list.push(ev);
    else byVendor.set(ev.vendor.id, [ev]);
  }
  // One label per person across the workspace, so every vendor (and sensitivity, which reads the
  // results) names a person the same way whatever spelling each file uses.
  const labels = evaluatorLabels(evaluations);
  const agreed = new Map(consensus.map((c) => [c.vendor, c.agreed]));
  const rows = [...byVendor.values()].map((evs) => aggregateVendor(rubric, evs, options, labels, agreed.get(evs[0]!.vendor.id)));
  return { rubric, options, criteria: areaCriteria(rubric, options), rows };
}

/**
 * One vendor's row of the matrix: the aggregate step (docs/arithmetic.md steps 1–3, 5–7).
 * `agreed`: the vendor's consensus by question id; an agreed score replaces the aggregate.
 */
export function aggregateVendor(rubric: Rubric, evaluations: readonly Evaluation[], options: ScoreOptions, labels = evaluatorLabels(evaluations), agreed: Readonly<Record<string, Agreement>> = {}): MatrixRow {
  const first = evaluations[0];
  if (!first) throw new Error('aggregateVendor needs at least one evaluation');
  const { min, max } = rubric.scale;
  const aggregate = options.aggregate === 'median' ? median : mean;
  const areaWeightSum = rubric.areas.reduce((s, a) => s + weightOf(a.id, a.weight, options), 0);

  const knockouts: KnockoutHit[] = [];
  const flags: Flag[] = [];
  const unanswered: string[] = [];
  const areas: AreaResult[] = [];
  // Each evaluation's key and label, once: a key folds the name (NFKC and more), too dear per answer.
  const keys = evaluations.map(evaluatorKey);
  const labelOf = keys.map((k) => labels.get(k)!);
  // One evaluation per evaluator (as loaded: the loader drops a second file): each question's
  // scores are then simply in file order, with no map to keep one score per evaluator.
  const distinct = new Set(keys).size === keys.length;

  for (const area of rubric.areas) {
    const areaWeight = weightOf(area.id, area.weight, options);
    const questions: QuestionResult[] = [];
    const pairs: Array<readonly [number, number]> = [];
    for (const q of area.questions) {
      const answers: EvaluatorAnswer[] = [];
      // Keyed by evaluator name, which is free text: "__proto__" must be a key like any other.
      const scores: Record<string, number> = keyedRecord();
      const byEvaluator = distinct ? undefined : new Map<string, number>();
      const scored: number[] = [];
      for (let i = 0; i < evaluations.length; i++) {
        const ev = evaluations[i]!;
        const a = ev.answers[q.id];
        if (!a) continue;
        const label = labelOf[i]!;
        answers.push(withAuthor(a, label, ev.file));
        if (a.score !== null) {
          scores[label] = a.score;
          if (byEvaluator) byEvaluator.set(keys[i]!, a.score);
          else scored.push(a.score);
        }
      }
      const values = byEvaluator ? [...byEvaluator.values()] : scored;
      const aggregated = values.length > 0 ? aggregate(values) : null;
      const agreement = Object.hasOwn(agreed, q.id) ? agreed[q.id] : undefined;
      const score = agreedScore(aggregated, agreement);
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
      // Two literals, not a spread of the optional key: the same keys in the same order, without the cost of a spread per question.
      questions.push(
        agreement
          ? { id: q.id, text: q.text, weight, score, scores, aggregated, agreed: agreement, spread, disagreement, answers }
          : { id: q.id, text: q.text, weight, score, scores, aggregated, spread, disagreement, answers },
      );

      if (disagreement) {
        flags.push({
          code: 'disagreement',
          area: area.id,
          question: q.id,
          message: `evaluators disagree on ${q.id}: scores range ${lo}–${hi}${agreementNote(agreement)}`,
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

  if (unanswered.length > 0) {
    flags.push({ code: 'incomplete', message: `${unanswered.length} question(s) have no score from any evaluator` });
  }
  // This vendor's evaluators, in the order their files came, under the workspace's labels.
  const evaluators = [...new Set(labelOf)];
  const few = rubric.minEvaluators !== undefined && evaluators.length < rubric.minEvaluators;
  if (few) flags.push({ code: 'few-evaluators', message: `scored by ${evaluators.length} evaluator(s); the rubric asks for at least ${rubric.minEvaluators}` });
  const complete = unanswered.length === 0 && !few;
  if (evaluators.length === 1) {
    flags.push({ code: 'single-evaluator', message: `scored by one evaluator only (${evaluators[0]})` });
  }
  const declarations = evaluators.map((label) => {
    const ev = evaluations[labelOf.indexOf(label)]!;
    return { evaluator: label, role: ev.role ?? null, conflictOfInterest: ev.conflictOfInterest ?? null };
  });
  const name = first.vendor.name;
  return {
    id: first.vendor.id,
    name,
    status: knockouts.length > 0 ? 'disqualified' : 'qualified',
    complete,
    evaluators,
    areas,
    knockouts,
    flags,
    unanswered,
    declarations,
    cells: areas.map((a) => a.normalized),
  };
}

/**
 * The answer with who gave it and where: the same keys in the same order as `{ ...a, evaluator,
 * file }`, built by hand because that spread costs microseconds an answer (V8 12), which a
 * workspace of thousands of files pays for every question.
 */
function withAuthor(a: Answer, evaluator: string, file: string): EvaluatorAnswer {
  const { score, notes, evidence, flag } = a;
  if (Object.hasOwn(a, 'flag')) return Object.hasOwn(a, 'notes') ? { score, notes, evidence, flag, evaluator, file } : { score, evidence, flag, evaluator, file };
  return Object.hasOwn(a, 'notes') ? { score, notes, evidence, evaluator, file } : { score, evidence, evaluator, file };
}

/** The one substitution rule: an agreed score replaces the aggregate; "keep the average" (score null) keeps it. */
export function agreedScore(aggregated: number | null, agreement: Agreement | undefined): number | null {
  return agreement && agreement.score !== null ? agreement.score : aggregated;
}

/**
 * The agreed score against what it replaced, worded once for reports and `diff`:
 * "agreed 3 (was mean 2.5)", "kept the mean 2.5".
 */
export function agreedText(agreed: number | null, aggregated: number | null, aggregate: ScoreOptions['aggregate']): string {
  const was = aggregated === null ? 'no evaluator score' : `${aggregate} ${fmt(aggregated)}`;
  if (agreed === null) return aggregated === null ? 'kept the average (no evaluator score)' : `kept the ${was}`;
  return `agreed ${fmt(agreed)} (was ${was})`;
}

function agreementNote(a: Agreement | undefined): string {
  if (!a) return '';
  return a.score === null ? '; the panel kept the average' : `; the panel agreed ${fmt(a.score)}`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}
