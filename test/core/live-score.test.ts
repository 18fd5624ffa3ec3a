import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatorKey } from '../../src/core/identity.js';
import { LiveComparison } from '../../src/core/live-comparison.js';
import { LiveVendor, type LiveShape } from '../../src/core/live-score.js';
import { compareVendors, scoreVendor } from '../../src/core/score.js';
import { SumTree } from '../../src/core/sum-tree.js';
import type { Evaluation, Rubric, ScoreOptions } from '../../src/core/types.js';
import { ev, smallRubric } from './fixtures.js';

const R = smallRubric();
const QUESTIONS = ['q1', 'q2', 'q3', 'q4'];
const VALUES = [0, 0.5, 1, 2, 2.5, 3, 4, 5];

function shapeOf(r: Rubric, o: ScoreOptions): LiveShape {
  return {
    aggregate: o.aggregate,
    missing: o.missing,
    min: r.scale.min,
    max: r.scale.max,
    areas: r.areas.map((a) => ({ id: a.id, weight: a.weight, knockout: a.knockout?.below, questions: a.questions.map((q) => ({ id: q.id, weight: q.weight, knockout: q.knockout?.below })) })),
  };
}

const possible = new Map(QUESTIONS.map((q) => [q, VALUES]));

describe('SumTree', () => {
  it('keeps sums under point updates and finds the k-th unit of den', () => {
    const t = new SumTree(5);
    [2, 0, 3, 1, 0].forEach((c, i) => t.set(i, i * c, c));
    expect([t.totalNum, t.totalDen]).toEqual([2 * 0 + 3 * 2 + 1 * 3, 6]);
    expect([0, 1, 2, 3, 4, 5].map((k) => t.leafAt(k))).toEqual([0, 0, 2, 2, 2, 3]);
    t.set(2, 0, 0);
    expect([t.totalNum, t.totalDen]).toEqual([3, 3]);
  });
});

describe('LiveVendor: the same total and status as scoreVendor after any sequence of changes', () => {
  const change = fc.oneof(
    fc.record({ op: fc.constant('set' as const), e: fc.integer({ min: 0, max: 3 }), q: fc.constantFrom(...QUESTIONS), v: fc.option(fc.constantFrom(...VALUES), { nil: undefined }) }),
    fc.record({ op: fc.constant('remove' as const), e: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant('area' as const), id: fc.constantFrom('a', 'b'), w: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ op: fc.constant('question' as const), id: fc.constantFrom(...QUESTIONS), w: fc.integer({ min: 1, max: 9 }) }),
  );
  it('property', () => {
    fc.assert(
      fc.property(fc.constantFrom<'mean' | 'median'>('mean', 'median'), fc.constantFrom<'min' | 'ignore'>('min', 'ignore'), fc.array(change, { maxLength: 40 }), (aggregate, missing, changes) => {
        const o: ScoreOptions = { aggregate, missing, weights: {} };
        const live = new LiveVendor(shapeOf(R, o), possible);
        const answers = new Map<string, Record<string, number | null>>();
        for (const c of changes) {
          if (c.op === 'set') {
            live.set(c.q, `E${c.e}`, c.v);
            const mine = answers.get(`E${c.e}`) ?? {};
            mine[c.q] = c.v ?? null;
            answers.set(`E${c.e}`, mine);
          } else if (c.op === 'remove') {
            live.removeEvaluator(`E${c.e}`);
            answers.delete(`E${c.e}`);
          } else if (c.op === 'area') {
            live.setAreaWeight(c.id, c.w);
            o.weights[c.id] = c.w;
          } else {
            live.setQuestionWeight(c.id, c.w);
            o.weights[c.id] = c.w;
          }
        }
        expect(live.evaluators.sort()).toEqual([...answers.keys()].sort());
        if (answers.size === 0) return;
        const evs: Evaluation[] = [...answers].map(([e, s]) => ev('v', e, s));
        const v = scoreVendor(R, evs, o);
        expect(live.total).toBeCloseTo(v.total, 9);
        expect(live.disqualified).toBe(v.status === 'disqualified');
      }),
      { numRuns: 300 },
    );
  });

  it('undoing a change gives back the same total, bit for bit', () => {
    const live = new LiveVendor(shapeOf(R, { aggregate: 'mean', missing: 'min', weights: {} }), possible);
    live.set('q1', 'E1', 0.5);
    live.set('q1', 'E2', 2.5);
    live.set('q3', 'E1', 4);
    const before = live.total;
    live.set('q1', 'E3', 5);
    live.removeEvaluator('E3');
    expect(live.total).toBe(before);
  });

  it('refuses a score that was not declared possible (a bug, not an input error)', () => {
    const live = new LiveVendor(shapeOf(R, { aggregate: 'mean', missing: 'min', weights: {} }), possible);
    expect(() => live.set('q1', 'E1', 1.5)).toThrow('score 1.5 was not declared as a possible value');
  });
});

describe('LiveComparison: the ranking with one evaluator changed, as compareVendors ranks the changed files', () => {
  const score = fc.option(fc.constantFrom(0, 1, 2, 3, 4, 5), { nil: null });
  const file = fc.record({ vendor: fc.constantFrom('v1', 'v2', 'v3'), evaluator: fc.constantFrom('Ann', 'Bob', 'Cy'), q1: score, q2: score, q3: score, q4: score });
  it('property: left out, harsher, kinder; knockouts and vendors left with no evaluator included', () => {
    fc.assert(
      fc.property(fc.uniqueArray(file, { selector: (f) => `${f.vendor}/${f.evaluator}`, minLength: 1, maxLength: 9 }), fc.constantFrom<'mean' | 'median'>('mean', 'median'), fc.constantFrom(0.5, 1, 2), (files, aggregate, bias) => {
        const evs = files.map(({ vendor, evaluator, ...s }) => ev(vendor, evaluator, s));
        const o: ScoreOptions = { aggregate, missing: 'min', weights: { q2: 2 } };
        const live = new LiveComparison(compareVendors(R, evs, o), evs, [-bias, bias]);
        const shift = (e: Evaluation, by: number): Evaluation => ({
          ...e,
          answers: Object.fromEntries(Object.entries(e.answers).map(([q, a]) => [q, { ...a, score: a.score === null ? null : Math.min(5, Math.max(0, a.score + by)) }])),
        });
        for (const who of ['Ann', 'Bob', 'Cy']) {
          const cases: Array<['without' | number, Evaluation[]]> = [
            ['without', evs.filter((e) => e.evaluator !== who)],
            [-bias, evs.map((e) => (e.evaluator === who ? shift(e, -bias) : e))],
            [bias, evs.map((e) => (e.evaluator === who ? shift(e, bias) : e))],
          ];
          for (const [change, changed] of cases) {
            const want = compareVendors(R, changed, o).vendors.map((v) => [v.id, v.rank, v.status]);
            expect(live.rankedWith(evaluatorKey({ evaluator: who }), change).map((v) => [v.id, v.rank, v.status])).toEqual(want);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
