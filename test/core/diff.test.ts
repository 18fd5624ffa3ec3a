import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, deltaText, diffResults, moveText, movementOf, type Results } from '../../src/core/diff.js';
import { parseResults } from '../../src/schema/results.js';
import { compareVendors } from '../../src/core/score.js';
import type { Evaluation, Rubric, ScoreOptions } from '../../src/core/types.js';
import { comparisonJson } from '../../src/report/json.js';

const rubric: Rubric = {
  id: 'mini',
  version: 1,
  title: 'Mini',
  scale: { min: 0, max: 5, step: 1, labels: {} },
  missing: 'min',
  aggregate: 'mean',
  disagreement: 2,
  areas: [
    { id: 'sec', name: 'Security', weight: 1, questions: [{ id: 'log', text: 'L', weight: 1, guidance: {} }, { id: 'acc', text: 'A', weight: 1, guidance: {} }] },
    { id: 'del', name: 'Delivery', weight: 1, questions: [{ id: 'ship', text: 'S', weight: 2, guidance: {} }] },
    { id: 'own', name: 'Ownership', weight: 1, questions: [{ id: 'ip', text: 'I', weight: 1, guidance: {} }] },
  ],
};

const ev = (vendor: string, evaluator: string, scores: Record<string, number | null>): Evaluation => ({
  file: `${vendor}/${evaluator}.yaml`,
  vendor: { id: vendor, name: vendor.toUpperCase() },
  rubric: 'mini@1',
  evaluator,
  answers: Object.fromEntries(Object.entries(scores).map(([q, score]) => [q, { score, evidence: [] }])),
});

/** A results file exactly as `compare --format json` writes it. */
function results(evs: Evaluation[], opts: Partial<ScoreOptions> = {}): Results {
  const c = compareVendors(rubric, evs, { aggregate: 'mean', missing: 'min', weights: {}, ...opts });
  const parsed = parseResults(JSON.parse(JSON.stringify(comparisonJson(c))));
  if (!parsed.results) throw new Error(parsed.error);
  return parsed.results;
}

const ann = { log: 4, acc: 4, ship: 3, ip: 5 };
const bob = { log: 4, acc: 2, ship: 5, ip: 3 };

describe('attribute: one answer and one weight changed', () => {
  // Old: sec = mean(4, 3) = 3.5 → 70; del = 4 → 80; own = 4 → 80; total (70 + 80 + 80) / 3 = 76.67.
  // New: sec weight 1 → 2 (shares 1/3 → 1/2, others 1/4); Bob's log 4 → 2, so sec = 3 → 60.
  // New total .5·60 + .25·80 + .25·80 = 70. Weights first, at the old answers: .5·70 + .5·80 = 75,
  // so the weight moved the total by 75 − 76.67 = −1.67 and the answer by 70 − 75 = −5.
  const before = results([ev('acme', 'Ann', ann), ev('acme', 'Bob', bob)]);
  const after = results([ev('acme', 'Ann', ann), ev('acme', 'Bob', { ...bob, log: 2 })], { weights: { sec: 2 } });

  it('names each change and what it did to the total, largest first', () => {
    const changes = attribute(before, before.vendors[0]!, after, after.vendors[0]!);
    expect(changes.map((c) => c.description)).toEqual(['log: Bob 4 → 2', 'sec weight 33.3% → 50%']);
    expect(changes.map((c) => c.kind)).toEqual(['answer', 'area-weight']);
    expect(changes[0]!.effect).toBeCloseTo(-5, 10);
    expect(changes[1]!.effect).toBeCloseTo(75 - 230 / 3, 10);
  });

  it('the parts add up to the change of the total exactly', () => {
    const [d] = diffResults(before, after);
    expect(before.vendors[0]!.total).toBeCloseTo(230 / 3, 10);
    expect(after.vendors[0]!.total).toBeCloseTo(70, 10);
    expect(d!.delta).toBeCloseTo(70 - 230 / 3, 10);
    expect(d!.changes.reduce((s, c) => s + c.effect, 0)).toBeCloseTo(d!.delta, 12);
  });
});

describe('attribute: evaluators, question weights, rules, rubric questions', () => {
  it('an evaluator who joins is one change with all their scores', () => {
    const before = results([ev('acme', 'Ann', ann)]);
    const after = results([ev('acme', 'Ann', ann), ev('acme', 'Bob', bob)]);
    const changes = attribute(before, before.vendors[0]!, after, after.vendors[0]!);
    expect(changes.map((c) => c.description)).toEqual(['evaluator Bob added (4 scores)']);
    expect(changes[0]!.effect).toBeCloseTo(after.vendors[0]!.total - before.vendors[0]!.total, 12);
  });

  it('question weight, aggregate and an unanswered answer', () => {
    const before = results([ev('acme', 'Ann', ann), ev('acme', 'Bob', bob)]);
    const after = results([ev('acme', 'Ann', { ...ann, ip: null }), ev('acme', 'Bob', bob)], { weights: { acc: 3 }, aggregate: 'median' });
    const changes = attribute(before, before.vendors[0]!, after, after.vendors[0]!);
    expect(changes.map((c) => c.description).sort()).toEqual(['acc weight 1 → 3', 'ip: Ann 5 → unanswered', 'scoring rules: aggregate mean → median']);
    expect(changes.reduce((s, c) => s + c.effect, 0)).toBeCloseTo(after.vendors[0]!.total - before.vendors[0]!.total, 12);
  });

  it('the effects always sum to the change, whatever changed (property)', () => {
    const score = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });
    const answers = fc.record({ log: score, acc: score, ship: score, ip: score });
    const weights = fc.record({ sec: fc.integer({ min: 1, max: 5 }), del: fc.integer({ min: 1, max: 5 }), own: fc.integer({ min: 1, max: 5 }), ship: fc.integer({ min: 1, max: 3 }) });
    const side = fc.record({ a: answers, b: fc.option(answers, { nil: undefined }), c: fc.option(answers, { nil: undefined }), w: weights, median: fc.boolean(), ignore: fc.boolean() });
    fc.assert(
      fc.property(side, side, (x, y) => {
        const make = (s: typeof x) =>
          results(
            [ev('v', 'Ann', s.a), ...(s.b ? [ev('v', 'Bob', s.b)] : []), ...(s.c ? [ev('v', 'Cy', s.c)] : [])],
            { weights: s.w, aggregate: s.median ? 'median' : 'mean', missing: s.ignore ? 'ignore' : 'min' },
          );
        const before = make(x);
        const after = make(y);
        const changes = attribute(before, before.vendors[0]!, after, after.vendors[0]!);
        expect(changes.filter((c) => c.kind === 'unexplained')).toEqual([]);
        expect(changes.reduce((s, c) => s + c.effect, 0)).toBeCloseTo(after.vendors[0]!.total - before.vendors[0]!.total, 9);
      }),
      { numRuns: 200 },
    );
  });
});

describe('movement', () => {
  const before = results([ev('acme', 'Ann', ann), ev('beta', 'Ann', bob), ev('gone', 'Ann', bob)]);
  const after = results([ev('acme', 'Ann', { ...ann, ip: 0 }), ev('beta', 'Ann', bob), ev('newco', 'Ann', ann)]);

  it('rank change is previous − current (up is positive); new vendors and the removed ones are named', () => {
    const m = movementOf(after.vendors, before.vendors);
    expect(before.vendors.map((v) => [v.id, v.rank])).toEqual([['acme', 1], ['beta', 2], ['gone', 2]]);
    expect(after.vendors.map((v) => [v.id, v.rank])).toEqual([['newco', 1], ['beta', 2], ['acme', 3]]);
    expect(m.get('acme')).toMatchObject({ previousRank: 1, rankChange: -2, new: false });
    expect(m.get('acme')!.totalDelta).toBeCloseTo(after.vendors[2]!.total - before.vendors[0]!.total, 12);
    expect(m.get('beta')).toMatchObject({ previousRank: 2, rankChange: 0, totalDelta: 0 });
    expect(m.get('newco')).toEqual({ previousRank: null, rankChange: null, previousTotal: null, totalDelta: null, previousStatus: null, new: true });
    expect(['acme', 'beta', 'newco'].map((id) => moveText(m.get(id), 'qualified'))).toEqual(['↓2', '=', 'new']);
    const d = diffResults(before, after);
    expect(d.map((x) => [x.id, x.before?.rank ?? null, x.after?.rank ?? null])).toEqual([['newco', null, 1], ['beta', 2, 2], ['acme', 1, 3], ['gone', 2, null]]);
  });

  it('deltas read +1.2, −3.2, ±0.0', () => {
    expect([1.24, -3.249, 0.04, -0.04, 0].map(deltaText)).toEqual(['+1.2', '−3.2', '±0.0', '±0.0', '±0.0']);
  });

  it('a file that is not a results file says so', () => {
    expect(parseResults([{ id: 'x' }]).error).toBe('is not a results file written by `vendorscore compare --format json`: the top level must be an object, not a list');
    expect(parseResults({ rubric: { id: 'x', version: 1, scale: { min: 0, max: 5 } }, options: { aggregate: 'mean', missing: 'min' }, vendors: [{}] }).error).toBe(
      'is not a results file written by `vendorscore compare --format json`: vendors.0.id is missing',
    );
  });
});
