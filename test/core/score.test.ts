import { describe, expect, it } from 'vitest';
import { compareVendors, defaultOptions, scoreVendor } from '../../src/core/score.js';
import { mean, median, weightedMean } from '../../src/core/stats.js';
import type { ScoreOptions } from '../../src/core/types.js';
import { ev, smallRubric } from './fixtures.js';

const R = smallRubric();
const opts = (o: Partial<ScoreOptions> = {}): ScoreOptions => ({ ...defaultOptions(R), ...o });

describe('statistics', () => {
  it('median of an even count is the mean of the two middle values', () => {
    expect(median([4, 2])).toBe(3);
    expect(median([1, 5, 2, 4])).toBe(3);
    expect(median([1, 3, 4, 5])).toBe(3.5);
    expect(median([5, 1, 3])).toBe(3);
  });
  it('mean and weighted mean', () => {
    expect(mean([1, 2, 4])).toBeCloseTo(7 / 3, 12);
    expect(weightedMean([[3, 1], [3, 3]])).toBe(3);
    expect(weightedMean([[5, 1], [0, 3]])).toBe(1.25);
  });
});

describe('scoreVendor: hand-computed totals', () => {
  it('mean aggregation, question weights, area weights that do not sum to 1', () => {
    // q1 = (4+2)/2 = 3, q2 = (2+4)/2 = 3, q3 = (5+3)/2 = 4, q4 = 3 (one score).
    // A = (3·1 + 3·3)/4 = 3 → 60; B = (4+3)/2 = 3.5 → 70; total = (3·60 + 1·70)/4 = 62.5.
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 4, q2: 2, q3: 5, q4: 3 }), ev('v', 'E2', { q1: 2, q2: 4, q3: 3, q4: null })], opts());
    expect(v.areas.map((a) => a.score)).toEqual([3, 3.5]);
    expect(v.areas.map((a) => a.normalized)).toEqual([60, 70]);
    expect(v.areas.map((a) => a.weight)).toEqual([0.75, 0.25]);
    expect(v.total).toBe(62.5);
    expect(v.status).toBe('qualified');
    expect(v.complete).toBe(true);
    expect(v.areas[1]!.questions[1]!.scores).toEqual({ E1: 3 });
    expect(v.evaluators).toEqual(['E1', 'E2']);
  });

  it('median aggregation with an even number of evaluators', () => {
    // q1 = median(1,2,4,5) = 3; q2 = median(1,3,4,5) = 3.5; q3 = 4; q4 = 2.
    // A = (3 + 3·3.5)/4 = 3.375 → 67.5; B = 3 → 60; total = (3·67.5 + 60)/4 = 65.625.
    const evs = [
      ev('v', 'E1', { q1: 1, q2: 1, q3: 4, q4: 2 }),
      ev('v', 'E2', { q1: 2, q2: 3, q3: 4, q4: 2 }),
      ev('v', 'E3', { q1: 4, q2: 4, q3: 4, q4: 2 }),
      ev('v', 'E4', { q1: 5, q2: 5, q3: 4, q4: 2 }),
    ];
    const v = scoreVendor(R, evs, opts({ aggregate: 'median' }));
    expect(v.areas[0]!.questions.map((q) => q.score)).toEqual([3, 3.5]);
    expect(v.areas[0]!.score).toBe(3.375);
    expect(v.total).toBe(65.625);
    // The same answers under mean: q1 = 3, q2 = 3.25 → A = 3.1875 → 63.75; total = (3·63.75 + 60)/4 = 62.8125.
    expect(scoreVendor(R, evs, opts()).total).toBe(62.8125);
  });

  it('missing: min counts an unanswered question as the scale minimum', () => {
    // q2 unanswered → 0. A = (5·1 + 0·3)/4 = 1.25 → 25; B = 4 → 80; total = (75 + 80)/4 = 38.75.
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 5, q3: 4, q4: 4 })], opts());
    expect(v.areas[0]!.score).toBe(1.25);
    expect(v.total).toBe(38.75);
    expect(v.complete).toBe(false);
    expect(v.unanswered).toEqual(['q2']);
    expect(v.status).toBe('qualified');
  });

  it('missing: ignore leaves an unanswered question out of its area', () => {
    // A = 5 → 100; B = 4 → 80; total = (300 + 80)/4 = 95.
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 5, q3: 4, q4: 4 })], opts({ missing: 'ignore' }));
    expect(v.areas[0]!.score).toBe(5);
    expect(v.total).toBe(95);
    expect(v.complete).toBe(false);
  });

  it('missing: ignore with a whole area unanswered: area unscored, weights renormalised, knockout not triggered', () => {
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 4, q2: 4 })], opts({ missing: 'ignore' }));
    expect(v.areas[1]!.score).toBeNull();
    expect(v.areas[1]!.normalized).toBeNull();
    expect(v.total).toBe(80);
    expect(v.status).toBe('qualified');
    expect(v.complete).toBe(false);
    expect(v.knockouts).toEqual([]);
    expect(v.flags.map((f) => f.code)).toContain('knockout-unanswered');
  });

  it('missing: min with the knockout question unanswered disqualifies at both levels', () => {
    // B = (0+0)/2 = 0 < 2 → area knockout; q3 = 0 < 2 → question knockout. A = 4 → 80; total = (240 + 0)/4 = 60.
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 4, q2: 4 })], opts());
    expect(v.total).toBe(60);
    expect(v.status).toBe('disqualified');
    expect(v.knockouts.map((k) => [k.rule, k.area, k.question, k.score, k.below])).toEqual([
      ['question', 'b', 'q3', 0, 2],
      ['area', 'b', undefined, 0, 2],
    ]);
    expect(v.knockouts[1]!.reason).toBe('B below minimum');
    expect(v.knockouts[0]!.reason).toMatch(/q3 scored 0 \(unanswered\), below the knockout threshold 2/);
  });

  it('question knockout: a score exactly at the threshold passes, a mean below it fails', () => {
    expect(scoreVendor(R, [ev('v', 'E1', { q1: 3, q2: 3, q3: 2, q4: 3 })], opts()).status).toBe('qualified');
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 3, q2: 3, q3: 1, q4: 5 }), ev('v', 'E2', { q1: 3, q2: 3, q3: 2, q4: 5 })], opts());
    expect(v.areas[1]!.score).toBe(3.25); // area passes
    expect(v.knockouts).toHaveLength(1);
    expect(v.knockouts[0]).toMatchObject({ rule: 'question', question: 'q3', score: 1.5, below: 2 });
    expect(v.status).toBe('disqualified');
  });

  it('area knockout with every question above its own threshold', () => {
    // q3 = 2 (passes its knockout), q4 = 1 → B = 1.5 < 2.
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 5, q2: 5, q3: 2, q4: 1 })], opts());
    expect(v.knockouts.map((k) => k.rule)).toEqual(['area']);
    expect(v.knockouts[0]!.score).toBe(1.5);
  });

  it('disagreement: spread ≥ threshold with two or more scores', () => {
    const v = scoreVendor(R, [ev('v', 'E1', { q1: 5, q2: 3, q3: 4, q4: 1 }), ev('v', 'E2', { q1: 3, q2: 2, q3: 4 })], opts());
    const qs = v.areas.flatMap((a) => a.questions);
    expect(qs.map((q) => [q.id, q.spread, q.disagreement])).toEqual([
      ['q1', 2, true],
      ['q2', 1, false],
      ['q3', 0, false],
      ['q4', 0, false], // one score only: never flagged
    ]);
    expect(v.flags.filter((f) => f.code === 'disagreement').map((f) => f.question)).toEqual(['q1']);
  });

  it('weight overrides by area and by question id', () => {
    // Base answers: q1 = 4, q2 = 2, q3 = 3, q4 = 5. A = (4 + 6)/4 = 2.5 → 50; B = 4 → 80.
    const evs = [ev('v', 'E1', { q1: 4, q2: 2, q3: 3, q4: 5 })];
    expect(scoreVendor(R, evs, opts()).total).toBe((3 * 50 + 80) / 4);
    // Equal area weights: (50 + 80)/2 = 65.
    expect(scoreVendor(R, evs, opts({ weights: { a: 1, b: 1 } })).total).toBe(65);
    // q2 weight 1: A = (4 + 2)/2 = 3 → 60; total = (180 + 80)/4 = 65.
    expect(scoreVendor(R, evs, opts({ weights: { q2: 1 } })).total).toBe(65);
  });

  it('a vendor with no scored area has total 0', () => {
    const v = scoreVendor(R, [ev('v', 'E1', {})], opts({ missing: 'ignore' }));
    expect(v.total).toBe(0);
    expect(v.areas.every((a) => a.score === null)).toBe(true);
  });

  it('works on any scale: 1–10 with half steps', () => {
    const r = smallRubric({ scale: { min: 1, max: 10, step: 0.5, labels: {} } });
    r.areas[1]!.knockout = undefined;
    r.areas[1]!.questions[0]!.knockout = undefined;
    // q1 = 5.5, q2 = 10, q3 = 1, q4 = 7.5. A = (5.5 + 30)/4 = 8.875 → 100·7.875/9 = 87.5; B = 4.25 → 100·3.25/9.
    const v = scoreVendor(r, [ev('v', 'E1', { q1: 5.5, q2: 10, q3: 1, q4: 7.5 })], { aggregate: 'mean', missing: 'min', weights: {} });
    expect(v.areas[0]!.normalized).toBeCloseTo(87.5, 12);
    expect(v.areas[1]!.normalized).toBeCloseTo(325 / 9, 12);
    expect(v.total).toBeCloseTo((3 * 87.5 + 325 / 9) / 4, 12);
  });
});

describe('compareVendors: ranking', () => {
  it('competition ranking with ties listed by name, disqualified last by total', () => {
    const full = (v: string, s: number, name?: string) => ev(v, 'E1', { q1: s, q2: s, q3: s, q4: s }, name);
    const c = compareVendors(
      R,
      [full('zeta', 4, 'Zeta'), full('alpha', 4, 'Alpha'), full('mid', 3, 'Mid'), full('low', 2, 'Low'), full('ko', 1, 'KO one'), ev('ko2', 'E1', { q1: 5, q2: 5, q3: 0, q4: 5 }, 'KO two')],
      opts(),
    );
    expect(c.vendors.map((v) => [v.name, v.rank, v.total, v.status])).toEqual([
      ['Alpha', 1, 80, 'qualified'],
      ['Zeta', 1, 80, 'qualified'],
      ['Mid', 3, 60, 'qualified'],
      ['Low', 4, 40, 'qualified'],
      ['KO two', null, 87.5, 'disqualified'],
      ['KO one', null, 20, 'disqualified'],
    ]);
  });

  it('totals equal within 1e-9 share a rank', () => {
    const r = smallRubric({ areas: [{ id: 'a', name: 'A', weight: 1, questions: [{ id: 'q1', text: '', weight: 0.1, guidance: {} }, { id: 'q2', text: '', weight: 0.2, guidance: {} }] }] });
    const x = ev('x', 'E', { q1: 5, q2: 4 }, 'X');
    const y = ev('y', 'E', { q1: 4, q2: 4.5 }, 'Y');
    // x: (0.5 + 0.8)/0.3 and y: (0.4 + 0.9)/0.3 differ only by float rounding.
    const c = compareVendors({ ...r, scale: { min: 0, max: 5, step: 0.5, labels: {} } }, [y, x], { aggregate: 'mean', missing: 'min', weights: {} });
    expect(c.vendors.map((v) => [v.name, v.rank])).toEqual([
      ['X', 1],
      ['Y', 1],
    ]);
  });

  it('combines every evaluation of the same vendor id', () => {
    const c = compareVendors(R, [ev('v', 'E1', { q1: 5 }), ev('w', 'E1', { q1: 1 }), ev('v', 'E2', { q1: 3 })], opts());
    expect(c.vendors.find((v) => v.id === 'v')!.areas[0]!.questions[0]!.score).toBe(4);
    expect(c.vendors.find((v) => v.id === 'v')!.evaluators).toEqual(['E1', 'E2']);
  });
});

describe('ids that are also Object.prototype names', () => {
  it('an area called "constructor" is weighted like any other, with or without overrides', () => {
    const r = smallRubric();
    r.areas[0]!.id = 'constructor';
    const evs = [ev('v', 'E1', { q1: 4, q2: 2, q3: 3, q4: 5 })];
    // Same numbers as the override test above: A = 2.5 → 50; B = 4 → 80.
    expect(scoreVendor(r, evs, { aggregate: 'mean', missing: 'min', weights: {} }).total).toBe((3 * 50 + 80) / 4);
    expect(scoreVendor(r, evs, { aggregate: 'mean', missing: 'min', weights: { b: 3 } }).total).toBe((3 * 50 + 3 * 80) / 6);
  });
});
