import { describe, expect, it } from 'vitest';
import { evaluateGates, totalBelow } from '../../src/core/gates.js';
import { compareVendors } from '../../src/core/score.js';
import type { Evaluation, Rubric } from '../../src/core/types.js';

const rubric: Rubric = {
  id: 'g',
  version: 1,
  title: 'G',
  scale: { min: 0, max: 5, step: 1, labels: {} },
  missing: 'min',
  aggregate: 'mean',
  disagreement: 2,
  areas: [{ id: 'a', name: 'A', weight: 1, knockout: { below: 1 }, questions: [{ id: 'q1', text: 'Q1', weight: 1, guidance: {} }, { id: 'q2', text: 'Q2', weight: 1, guidance: {} }] }],
};
const ev = (vendor: string, evaluator: string, q1: number | null, q2: number | null): Evaluation => ({
  file: `${vendor}.yaml`,
  vendor: { id: vendor, name: vendor.toUpperCase() },
  rubric: 'g@1',
  evaluator,
  answers: { q1: { score: q1, evidence: [] }, q2: { score: q2, evidence: [] } },
});
const compare = (evs: Evaluation[]) => compareVendors(rubric, evs, { aggregate: 'mean', missing: 'min', weights: {} }).vendors;

describe('evaluateGates', () => {
  it('--fail-under checks every vendor tied for first', () => {
    // AA and BB: (3 + 3) / 2 = 3 → 60, tied first; CC: 2 → 40.
    const vs = compare([ev('aa', 'X', 3, 3), ev('bb', 'X', 3, 3), ev('cc', 'X', 2, 2)]);
    expect(vs.map((v) => [v.id, v.rank, v.total])).toEqual([['aa', 1, 60], ['bb', 1, 60], ['cc', 3, 40]]);
    expect(evaluateGates(vs, { failUnder: 60 })).toEqual([]);
    expect(evaluateGates(vs, { failUnder: 61 }).map((f) => f.vendor)).toEqual(['aa', 'bb']);
    expect(evaluateGates(vs, { failUnder: 50, all: true })).toEqual([
      { gate: '--fail-under', vendor: 'cc', message: '--fail-under 50 --all: CC (rank 3) has 40.0, below 50' },
    ]);
  });

  it('with no qualified vendor, --fail-under fails (nobody leads) unless --fail-if-empty already says so', () => {
    const vs = compare([ev('zz', 'X', 0, 0)]);
    expect(vs[0]!.status).toBe('disqualified');
    expect(evaluateGates(vs, { failUnder: 10 })).toEqual([{ gate: '--fail-under', message: '--fail-under 10: no qualified vendor leads the comparison' }]);
    expect(evaluateGates(vs, { failUnder: 10, failIfEmpty: true }, 'shortlist')).toEqual([
      { gate: '--fail-if-empty', message: '--fail-if-empty: the shortlist has no qualified vendor (1 disqualified)' },
    ]);
    // --all has nobody to check: it holds (pair it with --fail-if-empty to require someone).
    expect(evaluateGates(vs, { failUnder: 10, all: true })).toEqual([]);
  });

  it('--max-disagreement N fails where the rubric\'s disagreement: N flags (a spread of N or more); --require-complete names the gaps', () => {
    const vs = compare([ev('aa', 'X', 1, 3), ev('aa', 'Y', 3, null)]);
    const q1 = vs[0]!.areas[0]!.questions[0]!;
    expect([q1.spread, q1.disagreement]).toEqual([2, true]); // the rubric says disagreement: 2
    expect(evaluateGates(vs, { maxDisagreement: 2 }).map((f) => f.message)).toEqual(['--max-disagreement 2: AA: evaluators are 2 points apart on q1 (X 1, Y 3)']);
    expect(evaluateGates(vs, { maxDisagreement: 1.5 }).map((f) => f.message)).toEqual(['--max-disagreement 1.5: AA: evaluators are 2 points apart on q1 (X 1, Y 3)']);
    expect(evaluateGates(vs, { maxDisagreement: 2.5 })).toEqual([]);
    // One score is no disagreement, whatever the limit.
    expect(evaluateGates(compare([ev('aa', 'X', 1, 3)]), { maxDisagreement: 0.5 })).toEqual([]);
    const gap = compare([ev('bb', 'X', 3, null)]);
    expect(evaluateGates(gap, { requireComplete: true }).map((f) => f.message)).toEqual(['--require-complete: BB has 1 unanswered question(s): q2']);
    expect(evaluateGates(vs, { requireComplete: true })).toEqual([]);
  });

  it('--fail-under prints as many digits as it takes to show the failure, and uses the tie rule', () => {
    const lead = (total: number) => [{ ...compare([ev('aa', 'X', 3, 3)])[0]!, total }];
    // 69.96 rounds to 70.0 at one decimal, which would not read as below 70.
    expect(evaluateGates(lead(69.96), { failUnder: 70 }).map((f) => f.message)).toEqual(['--fail-under 70: the leader, AA, has 69.96, below 70']);
    expect(evaluateGates(lead(69.94), { failUnder: 70 }).map((f) => f.message)).toEqual(['--fail-under 70: the leader, AA, has 69.9, below 70']);
    // 70 − 2e-9 is beyond the 1e-9 tolerance: it fails and shows nine decimals (69.999999998).
    expect(evaluateGates(lead(70 - 2e-9), { failUnder: 70 }).map((f) => f.message)).toEqual(['--fail-under 70: the leader, AA, has 69.999999998, below 70']);
    // 70 − 0.5e-9 ties with 70: it passes.
    expect(evaluateGates(lead(70 - 0.5e-9), { failUnder: 70 })).toEqual([]);
    // The threshold prints as given, not rounded to three decimals.
    expect(evaluateGates(lead(70.0001), { failUnder: 70.0004 }).map((f) => f.message)).toEqual(['--fail-under 70.0004: the leader, AA, has 70.0001, below 70.0004']);
    expect(totalBelow(64.05, 64.1)).toBe('64.0'); // toFixed(1) of 64.05 is 64.0 (binary 64.0499…), below 64.1
  });
});
