import { describe, expect, it } from 'vitest';
import { rankByMethod, topsisCloseness } from '../../src/core/method-rankings.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { METHODS } from '../../src/core/method.js';
import type { Evaluation, Rubric } from '../../src/core/types.js';

// The published TOPSIS check as a rubric: three areas weighted .3/.4/.3, one question each, scale 0–10.
const rubric: Rubric = {
  id: 'topsis', version: 1, title: 'TOPSIS check', scale: { min: 0, max: 10, step: 1, labels: {} }, missing: 'min', aggregate: 'mean', disagreement: 4,
  areas: ['a', 'b', 'c'].map((id, i) => ({ id, name: id.toUpperCase(), weight: [30, 40, 30][i]!, questions: [{ id: `${id}-q`, text: '?', weight: 1, guidance: {} }] })),
};
const rows = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]];
const evaluations: Evaluation[] = rows.map((r, i) => ({
  file: `v${i}.yaml`, vendor: { id: `v${i + 1}`, name: `Vendor ${i + 1}` }, rubric: 'topsis@1', evaluator: 'Ann',
  answers: Object.fromEntries(r.map((s, k) => [`${'abc'[k]}-q`, { score: s, evidence: [] }])),
}));

describe('methods over the comparison', () => {
  const c = compareVendors(rubric, evaluations, defaultOptions(rubric));
  it('TOPSIS on the area scores reproduces the published closeness .5037 .6581 .7482 .3340', () => {
    const cl = topsisCloseness(c);
    [0.5037, 0.6581, 0.7482, 0.334].forEach((e, i) => expect(cl.get(`v${i + 1}`)).toBeCloseTo(e, 4));
  });
  it('TOPSIS is a method of the pipeline: compareVendors(…, METHODS.topsis) totals 100 × closeness', () => {
    const t = compareVendors(rubric, evaluations, defaultOptions(rubric), { method: METHODS.topsis });
    expect(t.method).toBe('topsis');
    expect(t.vendors.map((v) => [v.id, Number(v.total.toFixed(2))])).toEqual([['v3', 74.82], ['v2', 65.81], ['v1', 50.37], ['v4', 33.4]]);
  });
  it('ranks by closeness; the weighted sum keeps its own order', () => {
    expect(rankByMethod(c, 'topsis').vendors.map((v) => [v.id, v.rank])).toEqual([['v3', 1], ['v2', 2], ['v1', 3], ['v4', 4]]);
    expect(rankByMethod(c, 'wsm').vendors.map((v) => v.id)).toEqual(c.vendors.map((v) => v.id));
  });
});
