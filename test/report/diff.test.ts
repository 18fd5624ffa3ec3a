import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, type VendorDiff } from '../../src/core/diff.js';
import { parseResults } from '../../src/schema/results.js';
import { compareVendors } from '../../src/core/score.js';
import type { Evaluation, Rubric } from '../../src/core/types.js';
import { renderDiffText } from '../../src/report/diff.js';
import { comparisonJson } from '../../src/report/json.js';
import { roundToSum } from '../../src/report/numbers.js';

describe('largest-remainder rounding', () => {
  it('hand-computed cases', () => {
    // −55.6 and −0.6 round down to −56 and −1, which already make the target −57.
    expect(roundToSum([-55.6, -0.6], -57)).toEqual([-56, -1]);
    // 1.5 × 3 = 4.5 printed as 4 (say): floors 1, 1, 1 make 3; one more goes to the first of the equal remainders.
    expect(roundToSum([1.5, 1.5, 1.5], 4)).toEqual([2, 1, 1]);
    // 0.4 × 3 = 1.2, target 1: the parts are 1, 0, 0, not 0, 0, 0 (which would print a change made of nothing).
    expect(roundToSum([0.4, 0.4, 0.4], 1)).toEqual([1, 0, 0]);
    // 2.7 + 0.2 + 0.1 = 3.0: plain rounding gives 3 + 0 + 0 = 3 too, and so does this.
    expect(roundToSum([2.7, 0.2, 0.1], 3)).toEqual([3, 0, 0]);
    // 0.45 + 0.45 + 0.1 = 1.0: plain rounding would print 0 + 0 + 0.
    expect(roundToSum([0.45, 0.45, 0.1], 1)).toEqual([1, 0, 0]);
  });

  it('each part is its value rounded down or up, and the parts add up to the target (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 1, maxLength: 12 }), fc.integer({ min: -1, max: 1 }), (xs, nudge) => {
        const sum = xs.reduce((s, x) => s + x, 0);
        const target = Math.round(sum) + (Math.abs(Math.round(sum) + nudge - sum) < 1 ? nudge : 0);
        const parts = roundToSum(xs, target);
        expect(parts.reduce((s, x) => s + x, 0)).toBe(target);
        parts.forEach((p, i) => expect(p === Math.floor(xs[i]!) || p === Math.ceil(xs[i]!) || p === Math.floor(xs[i]!) + 1).toBe(true));
      }),
    );
  });
});

describe('diff text adds up', () => {
  it('the printed parts add up to the printed change, which is the difference of the printed totals', () => {
    const num = (s: string) => Number(s.replace('−', '-').replace('±', ''));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 11 }), (before, effects) => {
        const after = before + effects.reduce((s, x) => s + x, 0);
        const changes = [...effects].sort((a, b) => Math.abs(b) - Math.abs(a)).map((effect, i) => ({ kind: 'answer' as const, description: `q${i}: A 1 → 2`, effect }));
        const d: VendorDiff = {
          id: 'v', name: 'V', delta: after - before, changes, newKnockouts: [],
          before: { id: 'v', name: 'V', rank: 1, total: before, status: 'qualified' },
          after: { id: 'v', name: 'V', rank: 1, total: after, status: 'qualified' },
        };
        const lines = renderDiffText({ from: 'a', to: 'b', vendors: [d] }).split('\n');
        const head = /^V: rank 1, (\d+\.\d) → (-?\d+\.\d) \(([^)]+)\)$/.exec(lines[2]!);
        if (!head) return; // unchanged (no line to check)
        const shownParts = lines.slice(3).filter((l) => /^ {2}[ +−±]/.test(l)).map((l) => num(l.trim().split(/\s+/)[0]!));
        expect(Math.round((num(head[2]!) - num(head[1]!)) * 10)).toBe(Math.round(num(head[3]!) * 10));
        expect(Math.round(shownParts.reduce((s, x) => s + x, 0) * 10)).toBe(Math.round(num(head[3]!) * 10));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a weight change the shares cannot attribute', () => {
  // Four areas, weights 1, 1, 1, 1 → 3, 3, 2, 2: shares 25% each → 30, 30, 20, 20. The shares of a
  // and b moved ×1.2 and those of c and d ×0.8, equally far from 1: either pair may be the one
  // that was edited. One question an area; scores 5, 4, 3, 2 → 100, 80, 60, 40.
  // Before: (100 + 80 + 60 + 40) / 4 = 70. After: .3·100 + .3·80 + .2·60 + .2·40 = 74.
  const q = (id: string) => ({ id, text: id, weight: 1, guidance: {} });
  const rubric: Rubric = {
    id: 'four', version: 1, title: 'Four', scale: { min: 0, max: 5, step: 1, labels: {} }, missing: 'min', aggregate: 'mean', disagreement: 2,
    areas: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id, weight: 1, questions: [q(`${id}q`)] })),
  };
  const evs: Evaluation[] = [{ file: 'v.yaml', vendor: { id: 'v', name: 'V' }, rubric: 'four@1', evaluator: 'E', answers: { aq: { score: 5, evidence: [] }, bq: { score: 4, evidence: [] }, cq: { score: 3, evidence: [] }, dq: { score: 2, evidence: [] } } }];
  const results = (weights: Record<string, number>) => parseResults(JSON.parse(JSON.stringify(comparisonJson(compareVendors(rubric, evs, { aggregate: 'mean', missing: 'min', weights }))))).results!;

  it('says so and lists every area whose share moved, as one change', () => {
    const before = results({});
    const after = results({ a: 3, b: 3, c: 2, d: 2 });
    expect(before.vendors[0]!.total).toBeCloseTo(70, 12);
    expect(after.vendors[0]!.total).toBeCloseTo(74, 12);
    const changes = attribute(before, before.vendors[0]!, after, after.vendors[0]!);
    expect(changes.map((c) => c.description)).toEqual(['area weights (which one was edited cannot be told from the shares): a 25% → 30%, b 25% → 30%, c 25% → 20%, d 25% → 20%']);
    expect(changes[0]!.effect).toBeCloseTo(4, 12);
  });

  it('one edited weight is still named alone (a: 1 → 2, the other three shares ×0.8)', () => {
    // Shares 40, 20, 20, 20; total .4·100 + .2·(80 + 60 + 40) = 76.
    const before = results({});
    const after = results({ a: 2 });
    const changes = attribute(before, before.vendors[0]!, after, after.vendors[0]!);
    expect(changes.map((c) => c.description)).toEqual(['a weight 25% → 40%']);
    expect(changes[0]!.effect).toBeCloseTo(6, 12);
  });
});
