import { describe, expect, it } from 'vitest';
import { compareVendors } from '../../src/core/score.js';
import { analyzeSensitivity, DEFAULT_SENSITIVITY, type Sensitivity } from '../../src/core/sensitivity.js';
import { wilson } from '../../src/core/sensitivity-draws.js';
import { appliedBias } from '../../src/core/sensitivity-evaluators.js';
import type { Area, Evaluation, Rubric, ScoreOptions } from '../../src/core/types.js';
import { ev, smallRubric } from './fixtures.js';

// Every expectation below is worked out by hand from docs/arithmetic.md; the arithmetic is in the comments.

/** A rubric of one question per area, scale 0–5 (a score s normalises to 20·s). */
function rubric(weights: Record<string, number>, over: Partial<Rubric> = {}): Rubric {
  const areas: Area[] = Object.entries(weights).map(([id, weight]) => ({ id, name: id.toUpperCase(), weight, questions: [{ id: `${id}q`, text: '', weight: 1, guidance: {} }] }));
  return { id: 's', version: 1, title: 'S', scale: { min: 0, max: 5, step: 1, labels: {} }, missing: 'min', aggregate: 'mean', disagreement: 2, areas, ...over };
}
const opts = (r: Rubric): ScoreOptions => ({ aggregate: r.aggregate, missing: r.missing, weights: {} });
function run(r: Rubric, evs: Evaluation[], o: Partial<typeof DEFAULT_SENSITIVITY> = {}): Sensitivity {
  return analyzeSensitivity(compareVendors(r, evs, opts(r)), { ...DEFAULT_SENSITIVITY, ...o });
}
const area = (s: Sensitivity, id: string) => s.weights.find((w) => w.area === id)!;
const pick = <T extends object>(x: T, keys: Array<keyof T>) => Object.fromEntries(keys.map((k) => [k, x[k]]));

describe('exact flip points', () => {
  // Weights a = 1, b = 1. V1 scores (5, 0) → (100, 0), total 50; V2 (2, 2) → (40, 40), total 40.
  const r = rubric({ a: 1, b: 1 });
  const s = run(r, [ev('v1', 'E1', { aq: 5, bq: 0 }, 'V1'), ev('v2', 'E1', { aq: 2, bq: 2 }, 'V2'), ev('v2', 'E2', { aq: 2, bq: 2 }, 'V2')]);

  it('a flip at an exact weight, as raw weight and share; weight 0 is "without this area"', () => {
    // a at weight w: V1 = 100w / (w + 1), V2 = 40. Equal at 100w = 40w + 40: w = 2/3, share (2/3) / (5/3) = 40%.
    const [x] = area(s, 'a').leaderChanges;
    expect(area(s, 'a').leaderChanges).toHaveLength(1);
    expect(pick(x!, ['direction', 'from', 'to', 'plausible'])).toEqual({ direction: 'down', from: ['v1'], to: ['v2'], plausible: false });
    expect(x!.raw).toBeCloseTo(2 / 3, 12);
    expect(x!.share).toBeCloseTo(0.4, 12);
    expect(x!.change).toBeCloseTo(-1 / 3, 12);
    expect(area(s, 'a').withoutArea).toEqual(['v2']); // V1 0 vs V2 40
    // b at weight w: V1 = 100 / (1 + w), V2 = 40: w = 1.5, share 1.5 / 2.5 = 60%. Without b V1 has 100.
    const [y] = area(s, 'b').leaderChanges;
    expect(pick(y!, ['direction', 'from', 'to'])).toEqual({ direction: 'up', from: ['v1'], to: ['v2'] });
    expect(y!.raw).toBeCloseTo(1.5, 12);
    expect(y!.share).toBeCloseTo(0.6, 12);
    expect(area(s, 'b').withoutArea).toEqual(['v1']);
    // Both are outside ±20% (0.8–1.2): the weight probe finds nothing plausible.
    expect(s.verdict.decidedBy).not.toContain('weights');
  });

  it('a flip beyond +200% is found (the old scan stopped there): at +300%', () => {
    // V1 (3, 5) → (60, 100), total 80; V2 (4, 1) → (80, 20), total 50. a at weight w:
    // V1 = (60w + 100) / (w + 1), V2 = (80w + 20) / (w + 1): equal at 60w + 100 = 80w + 20, w = 4
    // (+300%, share 4/5 = 80%), both 68 there.
    const t = run(rubric({ a: 1, b: 1 }), [ev('v1', 'E', { aq: 3, bq: 5 }, 'V1'), ev('v2', 'E', { aq: 4, bq: 1 }, 'V2')]);
    const [x] = area(t, 'a').leaderChanges;
    expect(pick(x!, ['direction', 'from', 'to', 'plausible'])).toEqual({ direction: 'up', from: ['v1'], to: ['v2'], plausible: false });
    expect(x!.raw).toBeCloseTo(4, 12);
    expect(x!.change).toBeCloseTo(3, 12);
    expect(x!.share).toBeCloseTo(0.8, 12);
    expect(area(t, 'a').segments.map((g) => [g.from.raw, g.to?.raw ?? null, g.leaders])).toEqual([[0, expect.closeTo(4, 12), ['v1']], [expect.closeTo(4, 12), null, ['v2']]]);
  });

  it('two flips inside 1% of the weight (missing: ignore, vendors scored on different areas: a quadratic)', () => {
    // A: a 3 (60), b 5 (100), c unanswered. B: a 2 (40), b unanswered, c 4 (80). Weights a = w, b = 1,
    // c = s = 180901/20100. A = (60w + 100) / (w + 1), B = (40w + 80s) / (w + s). A − B = 0 ⇔
    // 20w² + (60 − 20s)w + 20s = 0 ⇔ w² − (s − 3)w + s = 0. With s = (301/100)(601/201) and
    // s − 3 = 301/100 + 601/201 (check: 180901/20100 − 60300/20100 = 120601/20100 = 60501/20100 + 60100/20100),
    // the roots are 601/201 = 2.99005 and 301/100 = 3.01, 0.67% apart. From w = 2.9: +3.1% and +3.8%.
    const r3 = rubric({ a: 2.9, b: 1, c: 180901 / 20100 }, { missing: 'ignore' });
    const t = run(r3, [ev('va', 'E', { aq: 3, bq: 5 }, 'A'), ev('vb', 'E', { aq: 2, cq: 4 }, 'B')]);
    // At w = 2.9: A = 274 / 3.9 = 70.2564; B = (116 + 80s) / (2.9 + s) = 70.2521: A leads.
    expect(t.leader).toEqual(['va']);
    const changes = area(t, 'a').leaderChanges;
    expect(changes.map((x) => [x.direction, x.from, x.to])).toEqual([['up', ['va'], ['vb']], ['up', ['vb'], ['va']]]);
    expect(changes[0]!.raw).toBeCloseTo(601 / 201, 10);
    expect(changes[1]!.raw).toBeCloseTo(3.01, 10);
    expect(changes.every((x) => x.plausible)).toBe(true); // within 2.9 · 1.2 = 3.48
    expect(area(t, 'a').swaps.map((x) => [x.passes, x.passed])).toEqual([['vb', 'va'], ['va', 'vb']]);
    // Also: one evaluator scored both (left out, nobody is left), and A leads by 0.004 points, so
    // one score decides too.
    expect(t.verdict).toEqual({ state: 'fragile', decidedBy: ['weights', 'draws', 'evaluators', 'scoreSteps'] });
  });

  it('a change of leader within ±20% makes the verdict fragile, decided by the weights', () => {
    // Weights a = 1.1, b = 1. V1 (5, 0) → 110/2.1 = 52.38; V2 (2, 3) → (44 + 60)/2.1 = 49.52.
    // a at w: 100w = 40w + 60, w = 1 (−9.1%, share 1/2): within 1.1 · 0.8 = 0.88.
    const t = run(rubric({ a: 1.1, b: 1 }), [ev('v1', 'E', { aq: 5, bq: 0 }, 'V1'), ev('v2', 'E', { aq: 2, bq: 3 }, 'V2')]);
    const [x] = area(t, 'a').leaderChanges;
    expect(x!.raw).toBeCloseTo(1, 12);
    expect(x!.change).toBeCloseTo(1 / 1.1 - 1, 12);
    expect(x!.plausible).toBe(true);
    expect(t.verdict.state).toBe('fragile');
    expect(t.verdict.decidedBy[0]).toBe('weights');
  });
});

describe('ties at the top', () => {
  // V1 (5, 0) and V2 (0, 5): both 50 at weights 1, 1.
  const s = run(rubric({ a: 1, b: 1 }), [ev('v1', 'E', { aq: 5, bq: 0 }, 'V1'), ev('v2', 'E', { aq: 0, bq: 5 }, 'V2')]);

  it('names both leaders; any change of a weight decides between them', () => {
    expect(s.leader).toEqual(['v1', 'v2']);
    expect(s.verdict).toMatchObject({ state: 'fragile' });
    expect(s.verdict.decidedBy[0]).toBe('tie');
    // a lighter: V1 = 100w/(w+1) < 50 = ... V2 = 100/(w+1) > V1 for w < 1.
    expect(area(s, 'a').leaderChanges.map((x) => [x.direction, x.raw, x.from, x.to])).toEqual([['down', 1, ['v1', 'v2'], ['v2']], ['up', 1, ['v1', 'v2'], ['v1']]]);
    expect(area(s, 'a').segments.map((g) => [g.from.raw, g.to?.raw ?? null, g.leaders])).toEqual([[0, 1, ['v2']], [1, 1, ['v1', 'v2']], [1, null, ['v1']]]);
    // A tie is not a swap: neither was ahead.
    expect(area(s, 'a').swaps).toEqual([]);
  });

  it('identical vendors tie in every random draw, by the same tie rule as the ranking', () => {
    const t = run(rubric({ a: 1, b: 1 }), [ev('v1', 'E', { aq: 4, bq: 2 }, 'V1'), ev('v2', 'E', { aq: 4, bq: 2 }, 'V2'), ev('v3', 'E', { aq: 1, bq: 1 }, 'V3')]);
    expect(t.leader).toEqual(['v1', 'v2']);
    expect(t.draws.vendors.map((v) => [v.id, v.first.count, v.rankLow, v.rankHigh])).toEqual([['v1', 2000, 1, 1], ['v2', 2000, 1, 1], ['v3', 0, 3, 3]]);
    expect(t.draws.leaderStays.count).toBe(2000);
  });
});

describe('random weights decide by a confidence bound', () => {
  it('Wilson interval at 99%, hand-computed', () => {
    // p = 1, n = 2000, z = 2.5758: low = n / (n + z²) = 2000 / 2006.6349 = 0.996693.
    const all = wilson(2000, 2000);
    expect(all.low).toBeCloseTo(2000 / (2000 + 2.5758293035489004 ** 2), 12);
    expect(all.high).toBe(1);
    // p = 0.5, n = 100: centre 0.5; half = z/(1 + z²/n) · sqrt(0.25/100 + z²/40000) = 0.12486.
    const half = (2.5758293035489004 / (1 + 2.5758293035489004 ** 2 / 100)) * Math.sqrt(0.0025 + 2.5758293035489004 ** 2 / 40000);
    expect(wilson(50, 100).low).toBeCloseTo(0.5 - half, 12);
  });

  it('the same verdict for every seed when the share is far from 95%; ranks as 5th–95th percentiles', () => {
    // V1 (5, 0) → 50 and V2 (2, 3) → 50 at weights 1, 1... with a = 1.05: V1 = 105/2.05 = 51.22, V2 = 102/2.05 = 49.76.
    // V1 leads iff 100a > 40a + 60b, i.e. a > b: with a, b uniform on 1.05·[0.8, 1.2] and [0.8, 1.2]
    // the share is P(a > b), about 0.60 — far below 95%.
    const r = rubric({ a: 1.05, b: 1 });
    const evs = [ev('v1', 'E', { aq: 5, bq: 0 }, 'V1'), ev('v2', 'E', { aq: 2, bq: 3 }, 'V2')];
    const seeds = [1, 2, 3, 4, 5].map((seed) => run(r, evs, { seed }));
    for (const s of seeds) {
      expect(s.draws.decision).toBe('fails');
      expect(s.draws.leaderStays.high).toBeLessThan(0.95);
      expect(s.draws.vendors.map((v) => [v.rankLow, v.rankHigh])).toEqual([[1, 2], [1, 2]]);
    }
    // Same seed, same report.
    expect(run(r, evs, { seed: 1 }).draws).toEqual(seeds[0]!.draws);
  });
});

describe('one evaluator at a time', () => {
  // smallRubric: area a (weight 3: q1 weight 1, q2 weight 3), area b (weight 1, knockout below 2; q3 knockout below 2, q4).
  const r = smallRubric();

  it('an evaluator whose removal un-knocks a vendor; a vendor only that evaluator scored', () => {
    // K: E1 (q1 5, q2 5, q3 0, q4 4), E2 (5, 5, 3, 4): q3 = 1.5 < 2, knocked out. a = 5 → 100;
    // b = (1.5 + 4)/2 = 2.75 → 55; total (3·100 + 55)/4 = 88.75. Without E1: q3 = 3, b = 3.5 → 70,
    // total (300 + 70)/4 = 92.5, qualified, first.
    // L: E2 only (4, 4, 4, 4): 80, first. S: E1 only (2, 2, 2, 2): 40, second.
    const evs = [ev('k', 'E1', { q1: 5, q2: 5, q3: 0, q4: 4 }, 'K'), ev('k', 'E2', { q1: 5, q2: 5, q3: 3, q4: 4 }, 'K'), ev('l', 'E2', { q1: 4, q2: 4, q3: 4, q4: 4 }, 'L'), ev('s', 'E1', { q1: 2, q2: 2, q3: 2, q4: 2 }, 'S')];
    const c = compareVendors(r, evs, opts(r));
    expect(c.vendors.map((v) => [v.id, v.rank, v.total])).toEqual([['l', 1, 80], ['s', 2, 40], ['k', null, 88.75]]);
    const s = analyzeSensitivity(c, DEFAULT_SENSITIVITY);
    const without = s.evaluators.find((e) => e.evaluator === 'E1' && e.change === 'without')!;
    expect(without.leader).toEqual(['k']);
    expect(without.leaderChanged).toBe(true);
    expect(without.moved).toEqual([
      { id: 'k', before: { rank: null, total: 88.75, status: 'disqualified' }, after: { rank: 1, total: 92.5, status: 'qualified' }, unscored: false },
      { id: 'l', before: { rank: 1, total: 80, status: 'qualified' }, after: { rank: 2, total: 80, status: 'qualified' }, unscored: false },
      { id: 's', before: { rank: 2, total: 40, status: 'qualified' }, after: null, unscored: true },
    ]);
    expect(s.verdict.decidedBy).toContain('evaluators');
  });

  it('a vendor whose other evaluator gave no score is unscored, not dropped', () => {
    // S: E1 (2, 2, 2, 2) and E3 with an empty file. Without E1 nothing is scored: every question
    // counts as 0 (missing: min), total 0, and q3 = 0 < 2 knocks it out.
    const evs = [ev('l', 'E2', { q1: 4, q2: 4, q3: 4, q4: 4 }, 'L'), ev('s', 'E1', { q1: 2, q2: 2, q3: 2, q4: 2 }, 'S'), ev('s', 'E3', {}, 'S')];
    const s = run(r, evs);
    const without = s.evaluators.find((e) => e.evaluator === 'E1' && e.change === 'without')!;
    expect(without.moved).toEqual([{ id: 's', before: { rank: 2, total: 40, status: 'qualified' }, after: { rank: null, total: 0, status: 'disqualified' }, unscored: true }]);
  });

  it('harsher and kinder move every score by the bias, held at the ends of the scale', () => {
    // V1: E1 (5, 0). Kinder: 5 stays 5 (held), 0 → 1. Harsher: 5 → 4, 0 stays 0 (held).
    // Kinder: V1 (5, 1) → 60; V2 E1 (3, 3), E2 (2, 2) → (3.5, 3.5)... V2 mean (2.5, 2.5) → 50.
    const rr = rubric({ a: 1, b: 1 });
    const evs = [ev('v1', 'E1', { aq: 5, bq: 0 }, 'V1'), ev('v2', 'E1', { aq: 2, bq: 2 }, 'V2'), ev('v2', 'E2', { aq: 2, bq: 2 }, 'V2')];
    const s = run(rr, evs);
    const e1 = s.evaluators.filter((e) => e.evaluator === 'E1');
    expect(e1.map((e) => [e.change, e.leader, e.scores, e.shifted, e.clamped])).toEqual([
      ['without', ['v2'], 4, 0, 0], // V1 was scored by E1 alone
      ['harsher', ['v1'], 4, 3, 1], // V1 (4, 0) → 40; V2 (1.5, 1.5) → 30
      ['kinder', ['v1'], 4, 3, 1], // V1 (5, 1) → 60; V2 (2.5, 2.5) → 50
    ]);
  });

  it('a bias off the step snaps to the nearest step, halves up', () => {
    expect([appliedBias(1, 1), appliedBias(0.5, 1), appliedBias(0.4, 1), appliedBias(1.3, 0.5), appliedBias(0.25, 0.5)]).toEqual([1, 1, 0, 1.5, 0.5]);
    // With bias 0.4 on steps of 1 nothing is shifted: only "without" is tried.
    const rr = rubric({ a: 1, b: 1 });
    const s = run(rr, [ev('v1', 'E1', { aq: 5, bq: 0 }, 'V1')], { bias: 0.4 });
    expect(s.evaluators.map((e) => e.change)).toEqual(['without']);
    expect(s.plausible.bias).toBe(0);
  });
});

describe('one score at a time', () => {
  // Weights 1, 1. V1: E1 (4, 3), E2 (4, 3) → (80, 60), 70. V2: E1 (3, 3), E2 (4, 3) → (70, 60), 65.
  // One step by one of two evaluators moves a question mean by 0.5, its area by 10 and the total by 5.
  const rr = rubric({ a: 1, b: 1 });
  const evs = [ev('v1', 'E1', { aq: 4, bq: 3 }, 'V1'), ev('v1', 'E2', { aq: 4, bq: 3 }, 'V1'), ev('v2', 'E1', { aq: 3, bq: 3 }, 'V2'), ev('v2', 'E2', { aq: 4, bq: 3 }, 'V2')];
  const s = run(rr, evs);

  it('finds the single-score changes that change the leader: here every one-step change makes a tie', () => {
    // V2 raised one step: 65 + 5 = 70, tied with V1. V1 lowered one step: 70 − 5 = 65, tied with V2.
    // Found in vendor, question and evaluator order: V1's a by E1, then by E2, then V1's b by E1.
    expect(s.scoreSteps.flips[0]).toEqual({ evaluator: 'E1', vendor: 'v1', question: 'aq', from: 4, to: 3, size: 1, leaders: ['v1', 'v2'], status: null, total: 65, margin: 0 });
    expect(s.scoreSteps.flips.slice(1).map((f) => [f.evaluator, f.vendor, f.question, f.from, f.to, f.leaders, f.total])).toEqual([
      ['E2', 'v1', 'aq', 4, 3, ['v1', 'v2'], 65],
      ['E1', 'v1', 'bq', 3, 2, ['v1', 'v2'], 65],
    ]);
    // V1's four scores lowered and V2's four raised: eight single scores flip with one step.
    expect(s.scoreSteps.flipsInRange).toBe(8);
    expect(s.verdict.decidedBy).toContain('scoreSteps');
  });

  it('among changes of the same size, the most decisive come first', () => {
    // Weights a = 2, b = 1; one step in a moves a total by 40/3, in b by 20/3. L (3, 3) → 60;
    // V2 (2, 4) → (80 + 80)/3 = 53.33. L's a 3 → 2: 140/3 = 46.67, V2 leads by 20/3. V2's a 2 → 3:
    // 200/3 = 66.67, leads by 20/3. L's b 3 → 2: 160/3, tied with V2. V2's b 4 → 5: 180/3 = 60, tied.
    const t = run(rubric({ a: 2, b: 1 }), [ev('l', 'E', { aq: 3, bq: 3 }, 'L'), ev('v2', 'E', { aq: 2, bq: 4 }, 'V2')]);
    expect(t.scoreSteps.flips.map((f) => [f.vendor, f.question, f.from, f.to, f.leaders])).toEqual([
      ['l', 'aq', 3, 2, ['v2']],
      ['v2', 'aq', 2, 3, ['v2']],
      ['l', 'bq', 3, 2, ['l', 'v2']],
    ]);
    expect(t.scoreSteps.flips.map((f) => f.margin)).toEqual([expect.closeTo(20 / 3, 9), expect.closeTo(20 / 3, 9), 0]);
    expect(t.scoreSteps.flipsInRange).toBe(4);
  });

  it('a knockout by one score is named', () => {
    // smallRubric: L E1 (4, 4, 2, 4), E2 (4, 4, 2, 4): q3 = 2, not below 2; b = 3 → 60; a = 80; total 75.
    // M E1 (3, 3, 3, 3): 60. Lowering one 2 to 1 makes q3 1.5 < 2: L is knocked out, M leads.
    const sr = smallRubric();
    const e = [ev('l', 'E1', { q1: 4, q2: 4, q3: 2, q4: 4 }, 'L'), ev('l', 'E2', { q1: 4, q2: 4, q3: 2, q4: 4 }, 'L'), ev('m', 'E1', { q1: 3, q2: 3, q3: 3, q4: 3 }, 'M')];
    const t = run(sr, e);
    expect(t.scoreSteps.flips[0]).toMatchObject({ vendor: 'l', question: 'q3', from: 2, to: 1, size: 1, leaders: ['m'], status: 'knocked-out' });
  });

  it('with no flip at all, the change that comes closest', () => {
    // V1 E1 (5, 5) → 100; V2 E1 (0, 0) → 0. V2 raised to (5, 0) is 50; V1 lowered to (0, 5) is 50:
    // ties are a change, so (5, 5) against (1, 0) instead: V2 at most (5, 0) → 50, V1 at least (0, 5)
    // → 50 vs 10... use three evaluators on V1 so one cannot pull it down far enough:
    // V1 E1, E2, E3 all (5, 5); one of them to 0 gives a = 10/3 → 66.7, total 83.3 > 20 (V2 (1, 1)).
    // V2 E1 (1, 1) → 20; raised to (5, 1) → 60 < 100. Closest: V2 at 60, margin 40, against
    // V1 at 83.3, margin 63.3.
    const t = run(rr, [ev('v1', 'E1', { aq: 5, bq: 5 }, 'V1'), ev('v1', 'E2', { aq: 5, bq: 5 }, 'V1'), ev('v1', 'E3', { aq: 5, bq: 5 }, 'V1'), ev('v2', 'E1', { aq: 1, bq: 1 }, 'V2')]);
    expect(t.scoreSteps.flips).toEqual([]);
    expect(t.scoreSteps.closest).toMatchObject({ vendor: 'v2', from: 1, to: 5, total: 60, margin: 40 });
  });
});

describe('the lead against the evaluators\' spread', () => {
  it('no clear winner when the evaluators are further apart than the lead', () => {
    // V1: E1 (5, 5) → 100, E2 (2, 2) → 40; together (3.5, 3.5) → 70. V2: E1 (3, 3) → 60 alone.
    // Lead 10; V1's evaluators are 60 apart: no clear winner.
    const t = run(rubric({ a: 1, b: 1 }), [ev('v1', 'E1', { aq: 5, bq: 5 }, 'V1'), ev('v1', 'E2', { aq: 2, bq: 2 }, 'V1'), ev('v2', 'E1', { aq: 3, bq: 3 }, 'V2')]);
    expect(t.margin).toMatchObject({ leader: 'v1', runnerUp: 'v2', points: 10, spread: 60, clear: false });
    expect(t.margin.spreads).toEqual([
      { vendor: 'v1', evaluators: 2, low: 40, high: 100, lowBy: 'E2', highBy: 'E1' },
      { vendor: 'v2', evaluators: 1, low: 60, high: 60, lowBy: 'E1', highBy: 'E1' },
    ]);
    expect(t.verdict.decidedBy).toContain('margin');
  });
});
