import { isBelow, normalize, rawAreaWeights } from './aggregate.js';
import { totalFromSums, withPrice } from './method.js';
import type { Comparison } from './types.js';

/*
 * The evaluator and score probes change one evaluator's scores and ask what the method would
 * then say. Scoring everything again per candidate is quadratic (every evaluator × every
 * vendor × every question), so this model keeps the method's intermediate sums — per question
 * the evaluators' scores (sorted, for the median) and their sum, per area the question-weighted
 * sum and weight, per vendor the area-weighted sum and weight and its knockout count — and
 * updates only what one changed score touches: one question, its area, the vendor's total.
 * The arithmetic is docs/arithmetic.md step by step (aggregate, missing policy, area mean, normalisation,
 * the method's last step, knockouts with the same tolerance); a property test holds it to
 * compareVendors on random inputs.
 */

export interface Outcome {
  total: number;
  qualified: boolean;
  /** Scores left for the vendor from anyone. */
  scores: number;
}

export class AnswerModel {
  readonly questions: number;
  readonly evaluators: string[];
  /** Per vendor × question: where its scores start in the flat arrays, and how many. */
  private readonly start: Int32Array;
  private readonly count: Int32Array;
  /** Flat, per score: the evaluator (index into `evaluators`) and the score. */
  readonly who: Int32Array;
  readonly value: Float64Array;
  /** Flat, each question's scores sorted (for the median). */
  private readonly sorted: Float64Array;
  private readonly sum: Float64Array;
  /** Per vendor × question: the panel's agreed score, which no evaluator's change moves (NaN: none). */
  private readonly agreed: Float64Array;
  /** Per vendor × question: the value the area mean counts (NaN when left out). */
  private readonly counted: Float64Array;
  private readonly qHit: Uint8Array;
  /** Per vendor × area. */
  private readonly areaSum: Float64Array;
  private readonly areaWeight: Float64Array;
  /** Questions the area's mean counts; 0: the area is unscored. */
  private readonly areaCount: Int32Array;
  private readonly norm: Float64Array;
  private readonly aHit: Uint8Array;
  /** Per vendor. */
  private readonly totalSum: Float64Array;
  private readonly totalWeight: Float64Array;
  private readonly hits: Int32Array;
  private readonly scoreCount: Int32Array;
  /** Per question: its area, weight, knockout (NaN when none); per area: raw weight, knockout. */
  readonly areaOf: Int32Array;
  readonly qWeight: Float64Array;
  private readonly qBelow: Float64Array;
  private readonly aRaw: Float64Array;
  private readonly aBelow: Float64Array;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  private readonly median: boolean;
  private readonly ignore: boolean;
  readonly questionIds: string[];

  /**
   * With price: its percent, each vendor's price score (NaN: none) held as the bids set it, and
   * whether the vendor can be ranked at all (not below min-quality, not without a quote).
   */
  private readonly priceWeight: number | null;
  private readonly priceScore: Array<number | null>;
  private readonly inPlay: Uint8Array;

  constructor(readonly c: Comparison) {
    const { rubric, options } = c;
    const qs = rubric.areas.flatMap((a, j) => a.questions.map((q) => ({ q, j, below: q.knockout?.below ?? NaN })));
    const V = c.vendors.length;
    const Q = (this.questions = qs.length);
    const A = rubric.areas.length;
    ({ min: this.min, max: this.max, step: this.step } = rubric.scale);
    this.median = options.aggregate === 'median';
    this.ignore = options.missing === 'ignore';
    this.questionIds = qs.map((x) => x.q.id);
    this.areaOf = Int32Array.from(qs, (x) => x.j);
    this.qBelow = Float64Array.from(qs, (x) => x.below);
    this.aRaw = Float64Array.from(rawAreaWeights(rubric, options));
    this.aBelow = Float64Array.from(rubric.areas, (a) => a.knockout?.below ?? NaN);
    // Question weights as the method used them (overrides applied), read from its results.
    this.qWeight = Float64Array.from(qs, (x) => x.q.weight);
    c.vendors[0]?.areas.flatMap((a) => a.questions).forEach((q, i) => (this.qWeight[i] = q.weight));

    const names = new Set<string>();
    for (const v of c.vendors) for (const e of v.evaluators) names.add(e);
    this.evaluators = [...names].sort();
    const index = new Map(this.evaluators.map((e, i) => [e, i]));
    ({ start: this.start, count: this.count, who: this.who, value: this.value, sorted: this.sorted, sum: this.sum } = indexScores(c, index, Q, this.median));

    this.agreed = new Float64Array(V * Q).fill(NaN);
    let at = 0;
    for (const v of c.vendors) {
      for (const a of v.areas) {
        for (const q of a.questions) {
          if (q.agreed && q.agreed.score !== null) this.agreed[at] = q.agreed.score;
          at++;
        }
      }
    }
    this.counted = new Float64Array(V * Q);
    this.qHit = new Uint8Array(V * Q);
    this.areaSum = new Float64Array(V * A);
    this.areaWeight = new Float64Array(V * A);
    this.areaCount = new Int32Array(V * A);
    this.norm = new Float64Array(V * A);
    this.aHit = new Uint8Array(V * A);
    this.totalSum = new Float64Array(V);
    this.totalWeight = new Float64Array(V);
    this.hits = new Int32Array(V);
    this.scoreCount = new Int32Array(V);
    this.priceWeight = c.price ? c.price.weight : null;
    this.priceScore = c.vendors.map((v) => v.price?.score ?? null);
    this.inPlay = Uint8Array.from(c.vendors, (v) => (v.status === 'below-min-quality' || v.status === 'no-quote' ? 0 : 1));
    for (let vi = 0; vi < V; vi++) this.baseline(vi);
    this.scratch = { sum: new Float64Array(A), weight: new Float64Array(A), count: new Int32Array(A), hits: 0, touched: new Int32Array(A), mark: new Uint8Array(A), n: 0, vendor: 0, removed: 0 };
  }

  /** The method's sums for one vendor, from scratch (once, at construction). */
  private baseline(vi: number): void {
    const Q = this.questions;
    const A = this.aRaw.length;
    for (let qi = 0; qi < Q; qi++) {
      const at = vi * Q + qi;
      this.scoreCount[vi] = this.scoreCount[vi]! + this.count[at]!;
      const c = this.countedValue(this.aggregate(vi, qi, -1, null));
      this.counted[at] = c;
      const j = this.areaOf[qi]!;
      if (!Number.isNaN(c)) {
        this.areaSum[vi * A + j] = this.areaSum[vi * A + j]! + c * this.qWeight[qi]!;
        this.areaWeight[vi * A + j] = this.areaWeight[vi * A + j]! + this.qWeight[qi]!;
        this.areaCount[vi * A + j] = this.areaCount[vi * A + j]! + 1;
        this.qHit[at] = this.hit(c, this.qBelow[qi]!);
      }
    }
    for (let j = 0; j < A; j++) {
      const score = this.areaCount[vi * A + j]! > 0 ? this.areaSum[vi * A + j]! / this.areaWeight[vi * A + j]! : NaN;
      this.norm[vi * A + j] = Number.isNaN(score) ? NaN : normalize(score, this.min, this.max);
      this.aHit[vi * A + j] = this.hit(score, this.aBelow[j]!);
      if (!Number.isNaN(score)) {
        this.totalSum[vi] = this.totalSum[vi]! + this.aRaw[j]! * this.norm[vi * A + j]!;
        this.totalWeight[vi] = this.totalWeight[vi]! + this.aRaw[j]!;
      }
    }
    let hits = 0;
    for (let qi = 0; qi < Q; qi++) hits += this.qHit[vi * Q + qi]!;
    for (let j = 0; j < A; j++) hits += this.aHit[vi * A + j]!;
    this.hits[vi] = hits;
  }

  private hit(score: number, below: number): 0 | 1 {
    return !Number.isNaN(score) && !Number.isNaN(below) && isBelow(score, below) ? 1 : 0;
  }

  /** NaN when the question is left out of its area's mean. */
  private countedValue(agg: number): number {
    return Number.isNaN(agg) ? (this.ignore ? NaN : this.min) : agg;
  }

  /** The question's aggregate with score number `slot` (flat index) replaced by `value` (null: removed); NaN when none is left. */
  aggregate(vi: number, qi: number, slot: number, value: number | null): number {
    const at = vi * this.questions + qi;
    // An agreed score replaces the aggregate, whatever one evaluator's scores become.
    if (!Number.isNaN(this.agreed[at]!)) return this.agreed[at]!;
    const len = this.count[at]!;
    const n = slot < 0 || value !== null ? len : len - 1;
    if (n === 0) return NaN;
    const old = slot < 0 ? 0 : this.value[slot]!;
    if (!this.median) return (this.sum[at]! - old + (slot < 0 ? 0 : value ?? 0)) / n;
    return slot < 0 ? this.medianOf(this.start[at]!, len, -1, NaN, n) : this.medianOf(this.start[at]!, len, this.lowerBound(this.start[at]!, len, old), value ?? NaN, n);
  }

  private lowerBound(from: number, len: number, x: number): number {
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[from + mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Median of the sorted scores with position `drop` removed (−1: none) and `add` inserted (NaN: none); `n` values in all. */
  private medianOf(from: number, len: number, drop: number, add: number, n: number): number {
    const insertAt = Number.isNaN(add) ? n : this.lowerBound(from, len, add) - (drop >= 0 && this.sorted[from + drop]! < add ? 1 : 0);
    const at = (p: number) => {
      if (p === insertAt) return add;
      const b = p > insertAt ? p - 1 : p;
      return this.sorted[from + (drop >= 0 && b >= drop ? b + 1 : b)]!;
    };
    return n % 2 === 1 ? at((n - 1) >> 1) : (at(n / 2 - 1) + at(n / 2)) / 2;
  }

  private readonly scratch: { sum: Float64Array; weight: Float64Array; count: Int32Array; hits: number; touched: Int32Array; mark: Uint8Array; n: number; vendor: number; removed: number };

  /** Start a set of changes to one vendor's scores. */
  begin(vi: number): void {
    const s = this.scratch;
    for (let k = 0; k < s.n; k++) s.mark[s.touched[k]!] = 0;
    s.n = 0;
    s.vendor = vi;
    s.hits = this.hits[vi]!;
    s.removed = 0;
  }

  /** Score `slot` (flat index) on question `qi` becomes `value`, or is removed (null). One change per question. */
  change(qi: number, slot: number, value: number | null): void {
    const s = this.scratch;
    const A = this.aRaw.length;
    const at = s.vendor * this.questions + qi;
    const j = this.areaOf[qi]!;
    if (!s.mark[j]) {
      s.mark[j] = 1;
      s.touched[s.n++] = j;
      s.sum[j] = this.areaSum[s.vendor * A + j]!;
      s.weight[j] = this.areaWeight[s.vendor * A + j]!;
      s.count[j] = this.areaCount[s.vendor * A + j]!;
    }
    if (value === null) s.removed++;
    const before = this.counted[at]!;
    const after = this.countedValue(this.aggregate(s.vendor, qi, slot, value));
    const w = this.qWeight[qi]!;
    if (!Number.isNaN(before)) {
      s.sum[j] = s.sum[j]! - before * w;
      s.weight[j] = s.weight[j]! - w;
      s.count[j] = s.count[j]! - 1;
    }
    if (!Number.isNaN(after)) {
      s.sum[j] = s.sum[j]! + after * w;
      s.weight[j] = s.weight[j]! + w;
      s.count[j] = s.count[j]! + 1;
    }
    s.hits += this.hit(after, this.qBelow[qi]!) - this.qHit[at]!;
  }

  /** The vendor's total, status and scores left after the changes since begin(). */
  finish(): Outcome {
    const s = this.scratch;
    const A = this.aRaw.length;
    const vi = s.vendor;
    let num = this.totalSum[vi]!;
    let den = this.totalWeight[vi]!;
    for (let k = 0; k < s.n; k++) {
      const j = s.touched[k]!;
      const old = this.norm[vi * A + j]!;
      if (!Number.isNaN(old)) {
        num -= this.aRaw[j]! * old;
        den -= this.aRaw[j]!;
      }
      const score = s.count[j]! > 0 ? s.sum[j]! / s.weight[j]! : NaN;
      if (!Number.isNaN(score)) {
        num += this.aRaw[j]! * normalize(score, this.min, this.max);
        den += this.aRaw[j]!;
      }
      s.hits += this.hit(score, this.aBelow[j]!) - this.aHit[vi * A + j]!;
    }
    const quality = totalFromSums(num, den);
    const total = this.priceWeight === null ? quality : withPrice(quality, this.priceScore[vi]!, this.priceWeight);
    return { total, qualified: s.hits === 0 && this.inPlay[vi] === 1, scores: this.scoreCount[vi]! - s.removed };
  }

  /**
   * The vendor's total from one evaluator's scores alone, over the questions they scored (as the
   * method scores their file by itself with missing: ignore), so that an evaluator who looked at
   * part of the rubric is set against the others on what they did score, not on what they left
   * to colleagues. `scores` lists the evaluator's flat score indices on the vendor with their
   * questions. Costs their scores plus the areas.
   */
  totalAlone(scores: ReadonlyArray<readonly [number, number]>, vi?: number): number {
    const A = this.aRaw.length;
    const sum = new Float64Array(A);
    const weight = new Float64Array(A);
    for (const [qi, slot] of scores) {
      const j = this.areaOf[qi]!;
      const w = this.qWeight[qi]!;
      sum[j] = sum[j]! + w * this.value[slot]!;
      weight[j] = weight[j]! + w;
    }
    let num = 0;
    let den = 0;
    for (let j = 0; j < A; j++) {
      if (weight[j] === 0) continue;
      num += this.aRaw[j]! * normalize(sum[j]! / weight[j]!, this.min, this.max);
      den += this.aRaw[j]!;
    }
    // With price, their quality joins the vendor's price score as the method combines them.
    const quality = totalFromSums(num, den);
    return this.priceWeight === null || vi === undefined ? quality : withPrice(quality, this.priceScore[vi]!, this.priceWeight);
  }

  /** Flat indices of the scores on vendor vi, question qi. */
  slots(vi: number, qi: number): [number, number] {
    const at = vi * this.questions + qi;
    return [this.start[at]!, this.start[at]! + this.count[at]!];
  }
}

/** Every score of every vendor in flat arrays, per vendor × question: where they start, how many, their sum. Plain loops: this runs once per score. */
function indexScores(c: Comparison, index: Map<string, number>, Q: number, median: boolean) {
  const V = c.vendors.length;
  const start = new Int32Array(V * Q);
  const count = new Int32Array(V * Q);
  // Each question's scores, keyed by evaluator as the scoring core keys them, vendor by vendor.
  const scoresOf: Array<Record<string, number>> = [];
  for (const v of c.vendors) for (const a of v.areas) for (const q of a.questions) scoresOf.push(q.scores);
  let total = 0;
  for (let at = 0; at < scoresOf.length; at++) {
    let n = 0;
    for (const _ in scoresOf[at]) n++;
    start[at] = total;
    count[at] = n;
    total += n;
  }
  const who = new Int32Array(total);
  const value = new Float64Array(total);
  const sorted = new Float64Array(total);
  const sum = new Float64Array(V * Q);
  for (let at = 0, p = 0; at < scoresOf.length; at++) {
    const scores = scoresOf[at]!;
    const from = p;
    let s = 0;
    for (const name in scores) {
      who[p] = index.get(name)!;
      value[p] = scores[name]!;
      s += scores[name]!;
      p++;
    }
    sum[at] = s;
    if (median) sorted.set(value.subarray(from, p).slice().sort(), from);
  }
  return { start, count, who, value, sorted, sum };
}
