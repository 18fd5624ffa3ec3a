/**
 * Properties of the arithmetic (docs/arithmetic.md) over random rubrics, evaluations and options.
 * Seeded, so a failure reproduces; fast-check prints the shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVendors } from '../../src/core/score.js';
import type { Area, Evaluation, Rubric, ScoreOptions, VendorResult } from '../../src/core/types.js';

const EPS = 1e-9;

interface World {
  rubric: Rubric;
  evaluations: Evaluation[];
  options: ScoreOptions;
}

const scaleArb = fc.record({ min: fc.integer({ min: -2, max: 2 }), span: fc.integer({ min: 1, max: 10 }), half: fc.boolean() });

const worldArb: fc.Arbitrary<World> = scaleArb.chain(({ min, span, half }) => {
  const max = min + span;
  const step = half ? 0.5 : 1;
  const values = Array.from({ length: Math.round(span / step) + 1 }, (_, i) => min + i * step);
  const knockout = fc.option(fc.record({ below: fc.constantFrom(...values.slice(1)) }), { nil: undefined, freq: 3 });
  const areaArb = (ai: number) =>
    fc.record({
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
      knockout,
      questions: fc.array(fc.record({ weight: fc.double({ min: 0.01, max: 10, noNaN: true }), knockout }), { minLength: 1, maxLength: 4 }),
    }).map(
      (a): Area => ({
        id: `area-${ai}`,
        name: `Area ${ai}`,
        weight: a.weight,
        knockout: a.knockout,
        questions: a.questions.map((q, qi) => ({ id: `q-${ai}-${qi}`, text: 'Q', weight: q.weight, guidance: {}, knockout: q.knockout })),
      }),
    );
  return fc
    .integer({ min: 1, max: 4 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => areaArb(i))))
    .chain((areas) => {
      const rubric: Rubric = { id: 'r', version: 1, title: 'R', scale: { min, max, step, labels: {} }, missing: 'min', aggregate: 'mean', disagreement: 2, areas };
      const qids = areas.flatMap((a) => a.questions.map((q) => q.id));
      const answers = fc.tuple(...qids.map(() => fc.option(fc.constantFrom(...values), { nil: null, freq: 4 })));
      const evaluation = (vendor: string, evaluator: string) =>
        answers.map((scores): Evaluation => ({
          file: `${vendor}/${evaluator}.yaml`,
          vendor: { id: vendor, name: vendor },
          rubric: 'r@1',
          evaluator,
          // null: unanswered (the same as leaving the question out).
          answers: Object.fromEntries(qids.map((q, i) => [q, { score: scores[i]!, evidence: [] }])),
        }));
      const evals = fc.tuple(evaluation('acme', 'ann'), evaluation('acme', 'bob'), evaluation('beta', 'ann')).chain(([a, b, c]) => fc.subarray([a, b, c], { minLength: 1 }));
      const options = fc.record({ aggregate: fc.constantFrom('mean' as const, 'median' as const), missing: fc.constantFrom('min' as const, 'ignore' as const) });
      return fc.tuple(evals, options).map(([evaluations, o]) => ({ rubric, evaluations, options: { ...o, weights: {} } }));
    });
});

function byId(vs: readonly VendorResult[]): Map<string, VendorResult> {
  return new Map(vs.map((v) => [v.id, v]));
}

function knockoutKeys(v: VendorResult): Set<string> {
  return new Set(v.knockouts.map((k) => `${k.rule}:${k.area}:${k.question ?? ''}`));
}

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const RUNS = { seed: 20261125, numRuns: 400 };

describe('scoring properties', () => {
  it('every score stays in range: totals and normalised areas in 0–100, question scores on the scale', () => {
    fc.assert(
      fc.property(worldArb, ({ rubric, evaluations, options }) => {
        const { min, max } = rubric.scale;
        for (const v of compareVendors(rubric, evaluations, options).vendors) {
          expect(v.total).toBeGreaterThanOrEqual(0);
          expect(v.total).toBeLessThanOrEqual(100 + EPS);
          for (const a of v.areas) {
            if (a.normalized !== null) {
              expect(a.normalized).toBeGreaterThanOrEqual(-EPS);
              expect(a.normalized).toBeLessThanOrEqual(100 + EPS);
            }
            for (const q of a.questions) if (q.score !== null) expect(q.score >= min - EPS && q.score <= max + EPS).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('totals, statuses and knockouts do not change when areas and questions are reordered', () => {
    fc.assert(
      fc.property(worldArb, fc.integer(), ({ rubric, evaluations, options }, seed) => {
        const reordered: Rubric = { ...rubric, areas: shuffle(rubric.areas, seed).map((a, i) => ({ ...a, questions: shuffle(a.questions, seed + i + 1) })) };
        const before = byId(compareVendors(rubric, evaluations, options).vendors);
        const after = byId(compareVendors(reordered, shuffle(evaluations, seed), options).vendors);
        for (const [id, v] of before) {
          const w = after.get(id)!;
          expect(w.total).toBeCloseTo(v.total, 9);
          expect(w.status).toBe(v.status);
          expect(w.rank).toBe(v.rank);
          expect(knockoutKeys(w)).toEqual(knockoutKeys(v));
        }
      }),
      RUNS,
    );
  });

  it('totals do not change when all area weights, or all question weights, are scaled by the same factor', () => {
    fc.assert(
      fc.property(worldArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ rubric, evaluations, options }, ka, kq) => {
        const scaled: Rubric = { ...rubric, areas: rubric.areas.map((a) => ({ ...a, weight: a.weight * ka, questions: a.questions.map((q) => ({ ...q, weight: q.weight * kq })) })) };
        const before = byId(compareVendors(rubric, evaluations, options).vendors);
        const after = byId(compareVendors(scaled, evaluations, options).vendors);
        for (const [id, v] of before) {
          expect(Math.abs(after.get(id)!.total - v.total)).toBeLessThan(1e-7);
          expect(after.get(id)!.status).toBe(v.status);
        }
      }),
      RUNS,
    );
  });

  /**
   * What holds exactly: raising one evaluator's existing score by any amount (staying on the
   * scale) never lowers that vendor's total and never adds a knockout (it can only remove
   * some), so a qualified vendor stays qualified. The same holds for answering a question no
   * evaluator of that vendor had scored, under `missing: min`, since it counted as the minimum.
   */
  it('raising one answer never lowers the total and can only remove knockouts', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.nat(), fc.nat({ max: 20 }), ({ rubric, evaluations, options }, ei, qi, up) => {
        const { min, max, step } = rubric.scale;
        const qids = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));
        const e = evaluations[ei % evaluations.length]!;
        const q = qids[qi % qids.length]!;
        const old = e.answers[q]?.score ?? null;
        // An unanswered answer counts as the minimum only when nobody scored the question, and only
        // under missing: min; otherwise answering it is not a raise (see the next test).
        const othersScored = evaluations.some((x) => x !== e && x.vendor.id === e.vendor.id && (x.answers[q]?.score ?? null) !== null);
        if (old === null && (options.missing === 'ignore' || othersScored)) return;
        const from = old ?? min;
        const to = Math.min(max, from + Math.max(1, up) * step);
        const raised = evaluations.map((x) => (x === e ? { ...x, answers: { ...x.answers, [q]: { score: to, evidence: [] } } } : x));
        const before = byId(compareVendors(rubric, evaluations, options).vendors).get(e.vendor.id)!;
        const after = byId(compareVendors(rubric, raised, options).vendors).get(e.vendor.id)!;
        expect(after.total).toBeGreaterThanOrEqual(before.total - EPS);
        for (const k of knockoutKeys(after)) expect(knockoutKeys(before).has(k)).toBe(true);
        if (before.status === 'qualified') expect(after.status).toBe('qualified');
      }),
      RUNS,
    );
  });

  it('answering a question another evaluator already scored is not a raise: a low score joins the mean', () => {
    const rubric: Rubric = {
      id: 'r', version: 1, title: 'R', scale: { min: 0, max: 5, step: 1, labels: {} }, missing: 'min', aggregate: 'mean', disagreement: 2,
      areas: [{ id: 'a', name: 'A', weight: 1, questions: [{ id: 'q1', text: 'Q', weight: 1, guidance: {} }] }],
    };
    const e = (evaluator: string, score: number | null): Evaluation => ({ file: evaluator, vendor: { id: 'v', name: 'V' }, rubric: 'r@1', evaluator, answers: { q1: { score, evidence: [] } } });
    const options: ScoreOptions = { aggregate: 'mean', missing: 'min', weights: {} };
    expect(compareVendors(rubric, [e('ann', 5), e('bob', null)], options).vendors[0]!.total).toBe(100);
    expect(compareVendors(rubric, [e('ann', 5), e('bob', 1)], options).vendors[0]!.total).toBe(60);
  });

  it('under missing: ignore, answering an unanswered question is not a raise: it can lower the total', () => {
    const rubric: Rubric = {
      id: 'r', version: 1, title: 'R', scale: { min: 0, max: 5, step: 1, labels: {} }, missing: 'ignore', aggregate: 'mean', disagreement: 2,
      areas: [{ id: 'a', name: 'A', weight: 1, questions: [{ id: 'q1', text: 'Q', weight: 1, guidance: {} }, { id: 'q2', text: 'Q', weight: 1, guidance: {} }] }],
    };
    const one = (answers: Evaluation['answers']): Evaluation[] => [{ file: 'x', vendor: { id: 'v', name: 'V' }, rubric: 'r@1', evaluator: 'e', answers }];
    const options: ScoreOptions = { aggregate: 'mean', missing: 'ignore', weights: {} };
    expect(compareVendors(rubric, one({ q1: { score: 5, evidence: [] } }), options).vendors[0]!.total).toBe(100);
    expect(compareVendors(rubric, one({ q1: { score: 5, evidence: [] }, q2: { score: 1, evidence: [] } }), options).vendors[0]!.total).toBe(60);
  });
});
