import { isBelow, normalize } from './aggregate.js';
import { totalFromSums } from './method.js';
import { SumTree } from './sum-tree.js';
import type { Aggregate, MissingPolicy } from './types.js';

/*
 * One vendor's total and knockout status (docs/arithmetic.md), kept current while single scores, weights
 * and evaluators change, each change costing O(log n) in the size of what it touches. `diff`
 * re-scores after every one of thousands of changes and `sensitivity` after each evaluator is
 * left out or shifted; re-running scoreVendor each time made both quadratic. Same formulas as
 * scoreVendor; the sums are only added in another (fixed) order.
 */

export interface LiveQuestion {
  id: string;
  weight: number;
  /** knockout.below, when the question has one. */
  knockout?: number | undefined;
}

export interface LiveArea {
  id: string;
  weight: number;
  knockout?: number | undefined;
  questions: readonly LiveQuestion[];
}

export interface LiveShape {
  aggregate: Aggregate;
  missing: MissingPolicy;
  min: number;
  max: number;
  areas: readonly LiveArea[];
}

/** One question's scores as counts over the values they can take, sorted, so mean and median are O(log n). */
class Tally {
  private readonly values: number[];
  private readonly slot = new Map<number, number>();
  private readonly counts: Float64Array;
  private readonly tree: SumTree;

  constructor(possible: Iterable<number>) {
    this.values = [...new Set(possible)].sort((a, b) => a - b);
    this.values.forEach((v, i) => this.slot.set(v, i));
    this.counts = new Float64Array(this.values.length);
    this.tree = new SumTree(this.values.length);
  }

  add(v: number, by: 1 | -1): void {
    const i = this.slot.get(v);
    if (i === undefined) throw new Error(`score ${v} was not declared as a possible value`);
    const c = (this.counts[i] = this.counts[i]! + by);
    this.tree.set(i, v * c, c);
  }

  aggregate(how: Aggregate): number | null {
    const n = this.tree.totalDen;
    if (n === 0) return null;
    if (how === 'mean') return this.tree.totalNum / n;
    const at = (k: number) => this.values[this.tree.leafAt(k)]!;
    return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  }
}

interface QuestionSlot {
  id: string;
  area: number;
  /** Position inside its area. */
  at: number;
  weight: number;
  knockout?: number | undefined;
  tally: Tally;
  byEvaluator: Map<string, number>;
  hit: boolean;
}

interface AreaSlot {
  id: string;
  weight: number;
  knockout?: number | undefined;
  tree: SumTree;
  hit: boolean;
}

export class LiveVendor {
  readonly shape: Readonly<Pick<LiveShape, 'aggregate' | 'missing' | 'min' | 'max'>>;
  private readonly areas: AreaSlot[];
  private readonly areaIndex = new Map<string, number>();
  private readonly questions = new Map<string, QuestionSlot>();
  private readonly answers = new Map<string, Map<string, number>>();
  private readonly totals: SumTree;
  private hits = 0;

  /** `possible`: every value a question's scores may take while this scorer lives (unlisted: none). */
  constructor(shape: LiveShape, possible: ReadonlyMap<string, Iterable<number>>) {
    this.shape = { aggregate: shape.aggregate, missing: shape.missing, min: shape.min, max: shape.max };
    this.totals = new SumTree(shape.areas.length);
    this.areas = shape.areas.map((a, ai) => {
      const area: AreaSlot = { id: a.id, weight: a.weight, knockout: a.knockout, tree: new SumTree(a.questions.length), hit: false };
      this.areaIndex.set(a.id, ai);
      a.questions.forEach((q, at) => {
        const tally = new Tally(possible.get(q.id) ?? []);
        this.questions.set(q.id, { id: q.id, area: ai, at, weight: q.weight, knockout: q.knockout, tally, byEvaluator: new Map(), hit: false });
      });
      return area;
    });
    for (const q of this.questions.values()) this.refreshQuestion(q);
  }

  get evaluators(): string[] {
    return [...this.answers.keys()];
  }

  get evaluatorCount(): number {
    return this.answers.size;
  }

  hasQuestion(id: string): boolean {
    return this.questions.has(id);
  }

  /** An evaluator's scores by question id (empty for one who answered nothing). */
  scoresOf(e: string): ReadonlyMap<string, number> {
    return this.answers.get(e) ?? new Map();
  }

  score(question: string, evaluator: string): number | undefined {
    return this.questions.get(question)?.byEvaluator.get(evaluator);
  }

  /** Every score as [question, evaluator, value]. */
  *entries(): Iterable<readonly [string, string, number]> {
    for (const q of this.questions.values()) for (const [e, v] of q.byEvaluator) yield [q.id, e, v];
  }

  areaWeight(id: string): number | undefined {
    const ai = this.areaIndex.get(id);
    return ai === undefined ? undefined : this.areas[ai]!.weight;
  }

  questionWeight(id: string): number | undefined {
    return this.questions.get(id)?.weight;
  }

  /** Area and question ids, in order, with their current weights. */
  layout(): LiveArea[] {
    const out: LiveArea[] = this.areas.map((a) => ({ id: a.id, weight: a.weight, knockout: a.knockout, questions: [] }));
    for (const q of this.questions.values()) (out[q.area]!.questions as LiveQuestion[]).push({ id: q.id, weight: q.weight, knockout: q.knockout });
    return out;
  }

  addEvaluator(e: string): void {
    if (!this.answers.has(e)) this.answers.set(e, new Map());
  }

  /** Leaves an evaluator out, with every score they gave. */
  removeEvaluator(e: string): void {
    const mine = this.answers.get(e);
    if (!mine) return;
    for (const q of [...mine.keys()]) this.set(q, e, undefined);
    this.answers.delete(e);
  }

  /** Sets (or with undefined clears) one evaluator's score for one question; the evaluator joins if new. */
  set(question: string, evaluator: string, value: number | undefined): void {
    const q = this.questions.get(question);
    if (!q) throw new Error(`no question ${question} in this vendor's rubric`);
    this.addEvaluator(evaluator);
    const was = q.byEvaluator.get(evaluator);
    if (was === value) return;
    if (was !== undefined) q.tally.add(was, -1);
    if (value === undefined) {
      q.byEvaluator.delete(evaluator);
      this.answers.get(evaluator)!.delete(question);
    } else {
      q.tally.add(value, 1);
      q.byEvaluator.set(evaluator, value);
      this.answers.get(evaluator)!.set(question, value);
    }
    this.refreshQuestion(q);
  }

  setAreaWeight(id: string, weight: number): void {
    const ai = this.areaIndex.get(id);
    if (ai === undefined) throw new Error(`no area ${id}`);
    this.areas[ai]!.weight = weight;
    this.refreshArea(ai);
  }

  setQuestionWeight(id: string, weight: number): void {
    const q = this.questions.get(id);
    if (!q) throw new Error(`no question ${id}`);
    q.weight = weight;
    this.refreshQuestion(q);
  }

  /** The total, 0–100, as the weighted sum (method.ts) computes it from the same sums. */
  get total(): number {
    return totalFromSums(this.totals.totalNum, this.totals.totalDen);
  }

  get disqualified(): boolean {
    return this.hits > 0;
  }

  private refreshQuestion(q: QuestionSlot): void {
    const score = q.tally.aggregate(this.shape.aggregate);
    const counted = score ?? (this.shape.missing === 'min' ? this.shape.min : null);
    const area = this.areas[q.area]!;
    if (counted === null) area.tree.set(q.at, 0, 0);
    else area.tree.set(q.at, counted * q.weight, q.weight);
    this.mark(q, q.knockout !== undefined && counted !== null && isBelow(counted, q.knockout));
    this.refreshArea(q.area);
  }

  private refreshArea(ai: number): void {
    const a = this.areas[ai]!;
    const den = a.tree.totalDen;
    if (den > 0) {
      const score = a.tree.totalNum / den;
      this.totals.set(ai, normalize(score, this.shape.min, this.shape.max) * a.weight, a.weight);
      this.mark(a, a.knockout !== undefined && isBelow(score, a.knockout));
    } else {
      this.totals.set(ai, 0, 0);
      this.mark(a, false);
    }
  }

  private mark(slot: { hit: boolean }, hit: boolean): void {
    if (slot.hit !== hit) this.hits += hit ? 1 : -1;
    slot.hit = hit;
  }
}
