import { valueForMoney } from '../../core/value.js';
import { weightOf } from '../../core/aggregate.js';
import { normalizedAreaWeights } from '../../core/score.js';
import { evaluatorTotals } from '../../core/sensitivity-margin.js';
import { AnswerModel } from '../../core/sensitivity-model.js';
import type { Proportion, Sensitivity } from '../../core/sensitivity.js';
import type { Agreement } from '../../core/agreement.js';
import type { AreaResult, Comparison, QuestionResult, VendorResult } from '../../core/types.js';
import { movementCells, type Baseline } from '../movement.js';
import { statusMarks, type StatusMark } from '../status.js';

/*
 * The board pack's view model: every number the report shows, assembled once from the
 * comparison, the sensitivity analysis and (when given) the baseline. Section builders read only
 * this; each kind of data is optional, so a section is drawn only when its data is here.
 */

export interface BoardArea {
  id: string;
  name: string;
  /** Share of the total, 0–1. */
  weight: number;
  /** Normalised area score, 0–100; null when nobody scored it. */
  score: number | null;
  /** Points this area adds to the total (its share of the scored areas' weight × its score). */
  contribution: number | null;
  knockedOut: boolean;
}

export interface Price {
  cost: number;
  currency: string;
  /** Value for money, 0–100. */
  score: number;
}

export interface FollowUp {
  question: string;
  why: string;
}

export interface BoardVendor {
  id: string;
  name: string;
  /** The name, and the id too when two vendors share a name: how charts tell them apart. */
  label: string;
  rank: number | null;
  total: number;
  status: VendorResult['status'];
  marks: StatusMark[];
  complete: boolean;
  evaluators: string[];
  areas: BoardArea[];
  /** Highest and lowest scored areas and questions (at most three each), for strengths and weaknesses. */
  best: { areas: BoardArea[]; questions: QuestionResult[] };
  worst: { areas: BoardArea[]; questions: QuestionResult[] };
  knockouts: VendorResult['knockouts'];
  disagreements: QuestionResult[];
  followUps: FollowUp[];
  result: VendorResult;
  /** Share of random weightings in which the vendor ranks first; null when disqualified. */
  first: Proportion | null;
  /** Each evaluator's own total, lowest first (agreement). */
  evaluatorTotals: Array<{ by: string; t: number }>;
  /** Move and Δ total against the baseline (movementCells). */
  movement: { move: string; delta: string } | null;
  price?: Price | null | undefined;
}

export interface BoardWeight {
  id: string;
  name: string;
  rubricWeight: number;
  used: number;
  share: number;
  source: 'rubric' | '--weights';
}

export interface BoardModel {
  /** Krippendorff's alpha and each evaluator's calibration (agreement), or null. */
  agreement: Agreement | null;
  title: string;
  date: string;
  rubric: Comparison['rubric'];
  options: Comparison['options'];
  /** The method that scored the matrix (core/method.ts). */
  method: Comparison['method'];
  evaluators: string[];
  /** Earliest and latest evaluation dates found in the files, when any has one. */
  evaluated: { from: string; to: string } | null;
  weights: BoardWeight[];
  vendors: BoardVendor[];
  leaders: BoardVendor[];
  runnerUp: BoardVendor | null;
  /** Leader's total − runner-up's (points); null without a single leader and a runner-up. */
  margin: number | null;
  sensitivity: Sensitivity;
  comparison: Comparison;
  baseline: Baseline | null;
  /** Vendors on the efficient frontier of quality against cost, when any vendor has a price. */
  frontier: string[] | null;
}

export interface BoardInputs {
  comparison: Comparison;
  sensitivity: Sensitivity;
  date: string;
  evaluationDates: readonly string[];
  baseline?: Baseline | undefined;
  /** The panel's agreement (core/agreement.ts: Krippendorff's alpha, calibration), when there are several evaluators. */
  agreement?: Agreement | undefined;
}

export function buildBoardModel(inp: BoardInputs): BoardModel {
  const c = inp.comparison;
  const s = inp.sensitivity;
  const answers = new AnswerModel(c);
  const vendors = c.vendors.map((v, vi) => boardVendor(c, v, s, evaluatorTotals(answers, vi), inp.baseline));
  const leaders = vendors.filter((v) => v.rank === 1);
  const runnerUp = leaders.length === 1 ? (vendors.find((v) => v.status === 'qualified' && v.rank !== null && v.rank > 1) ?? null) : null;
  const dates = [...inp.evaluationDates].sort();
  const priced = vendors.filter((v) => v.price);
  return {
    title: c.rubric.title,
    date: inp.date,
    rubric: c.rubric,
    options: c.options,
    method: c.method,
    evaluators: [...new Set(c.vendors.flatMap((v) => v.evaluators))].sort((a, b) => a.localeCompare(b)),
    evaluated: dates.length > 0 ? { from: dates[0]!, to: dates[dates.length - 1]! } : null,
    weights: boardWeights(c),
    vendors,
    leaders,
    runnerUp,
    margin: runnerUp && leaders[0] ? leaders[0].total - runnerUp.total : null,
    sensitivity: s,
    agreement: inp.agreement ?? null,
    comparison: c,
    baseline: inp.baseline ?? null,
    frontier: priced.length > 0 ? frontierOf(c) : null,
  };
}

function boardWeights(c: Comparison): BoardWeight[] {
  const shares = normalizedAreaWeights(c.rubric, c.options);
  return c.rubric.areas.map((a) => {
    const used = weightOf(a.id, a.weight, c.options);
    return { id: a.id, name: a.name, rubricWeight: a.weight, used, share: shares[a.id]!, source: used === a.weight && !Object.hasOwn(c.options.weights, a.id) ? 'rubric' : '--weights' };
  });
}

function boardVendor(c: Comparison, v: VendorResult, s: Sensitivity, totals: Array<{ by: string; t: number }>, b: Baseline | undefined): BoardVendor {
  const areas = boardAreas(v, priceShare(c, v));
  const scoredAreas = areas.filter((a) => a.score !== null);
  const byScore = [...scoredAreas].sort((x, y) => y.score! - x.score! || y.weight - x.weight);
  const questions = v.areas.flatMap((a) => a.questions).filter((q) => q.score !== null);
  const qByScore = [...questions].sort((x, y) => y.score! - x.score! || y.weight - x.weight);
  const draw = s.draws.vendors.find((d) => d.id === v.id);
  const n = (xs: readonly unknown[]) => Math.min(3, Math.floor(xs.length / 2));
  const worstQ = lowest(qByScore, n(qByScore));
  return {
    id: v.id,
    name: v.name,
    label: c.vendors.some((o) => o !== v && o.name === v.name) ? `${v.name} (${v.id})` : v.name,
    rank: v.rank,
    total: v.total,
    status: v.status,
    marks: statusMarks(v),
    complete: v.complete,
    evaluators: v.evaluators,
    areas,
    best: { areas: byScore.slice(0, n(byScore)), questions: qByScore.slice(0, n(qByScore)) },
    worst: { areas: lowest(byScore, n(byScore)), questions: worstQ },
    knockouts: v.knockouts,
    disagreements: v.areas.flatMap((a) => a.questions).filter((q) => q.disagreement),
    followUps: followUps(c, v),
    result: v,
    first: v.status === 'qualified' && draw ? draw.first : null,
    evaluatorTotals: totals,
    movement: b ? (([move, delta]) => ({ move, delta }))(movementCells(b, v)) : null,
    price: priceOf(v),
  };
}

/**
 * The vendor's quote, when the decision pipeline carries one (issue 12's `price: {cost, currency,
 * score} | null` on each vendor). Read structurally so the value chart and the cost columns
 * appear as soon as the comparison has prices, and stay out until then.
 */
function priceOf(v: VendorResult): Price | null {
  const p = v.price;
  return p && p.score !== null ? { cost: p.cost, currency: p.currency, score: p.score } : null;
}

/** The vendors on the efficient frontier (core/value.ts, the one rule), cheapest first. */
function frontierOf(c: Comparison): string[] {
  const value = valueForMoney(c);
  const cost = (id: string) => c.vendors.find((v) => v.id === id)!.price!.cost;
  return [...value].filter(([, x]) => x.frontier).map(([id]) => id).sort((a, b) => cost(a) - cost(b));
}

/** The last `n`, lowest first. */
const lowest = <T>(sorted: readonly T[], n: number): T[] => (n === 0 ? [] : sorted.slice(-n).reverse());

/**
 * The share of the total price takes for this vendor (docs/arithmetic.md#price): the rubric's
 * price weight when the vendor has a price score, else 0 (its total is its quality).
 */
export function priceShare(c: Comparison, v: VendorResult): number {
  return c.price && v.price && v.price.score !== null ? c.price.weight / 100 : 0;
}

/** Each area's score and its points of the total: of the quality's share when price takes the rest. */
function boardAreas(v: VendorResult, price = 0): BoardArea[] {
  const knocked = new Set(v.knockouts.map((k) => k.area));
  const scoredWeight = v.areas.reduce((sum, a) => sum + (a.normalized === null ? 0 : a.weight), 0);
  return v.areas.map((a: AreaResult) => ({
    id: a.id,
    name: a.name,
    weight: a.weight,
    score: a.normalized,
    contribution: a.normalized === null || scoredWeight === 0 ? null : ((1 - price) * a.normalized * a.weight) / scoredWeight,
    knockedOut: knocked.has(a.id),
  }));
}

/** What to ask the vendor or the evaluators next: unanswered questions, disagreements, knockouts left unanswered. */
function followUps(c: Comparison, v: VendorResult): FollowUp[] {
  const text = new Map(c.rubric.areas.flatMap((a) => a.questions.map((q) => [q.id, q.text] as const)));
  const out: FollowUp[] = [];
  for (const f of v.flags) {
    if (f.code === 'knockout-unanswered' && f.question) out.push({ question: text.get(f.question) ?? f.question, why: f.message });
  }
  for (const q of v.areas.flatMap((a) => a.questions)) {
    if (q.disagreement) out.push({ question: q.text, why: `agree a score (evaluators ${q.spread === null ? '' : `${q.spread} points `}apart)` });
  }
  for (const id of v.unanswered) {
    if (!out.some((f) => f.question === text.get(id))) out.push({ question: text.get(id) ?? id, why: 'score it (nobody has yet)' });
  }
  return out;
}
