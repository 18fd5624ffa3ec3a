import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVendors } from '../../src/core/score.js';
import { evaluatorChecks } from '../../src/core/sensitivity-evaluators.js';
import { AnswerModel } from '../../src/core/sensitivity-model.js';
import { rng } from '../../src/core/stats.js';
import type { Evaluation } from '../../src/core/types.js';
import { ev, smallRubric } from './fixtures.js';

// The evaluator checks rank the changed totals on typed arrays, from today's order, instead of
// scoring and ranking everything again: for random panels, each check must name the leaders and
// the ranks that the method gives the changed evaluations (compareVendors on them).

const score = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 6 });
const answers = fc.record({ q1: score, q2: score, q3: score, q4: score });
const vendor = fc.array(fc.option(answers, { nil: undefined, freq: 3 }), { minLength: 3, maxLength: 3 });
const input = fc.record({ vendors: fc.array(vendor, { minLength: 1, maxLength: 6 }), median: fc.boolean(), ignore: fc.boolean() });

const shift = (s: number | null, by: number) => (s === null ? null : Math.min(5, Math.max(0, s + by)));

describe('evaluator checks agree with ranking the changed evaluations', () => {
  it('each evaluator left out, harsher or kinder: the same leaders and ranks as compareVendors (property)', () => {
    fc.assert(
      fc.property(input, (x) => {
        const rubric = smallRubric({ aggregate: x.median ? 'median' : 'mean', missing: x.ignore ? 'ignore' : 'min' });
        const options = { aggregate: rubric.aggregate, missing: rubric.missing, weights: {} };
        const evs: Evaluation[] = x.vendors.flatMap((files, v) => files.flatMap((a, e) => (a ? [ev(`v${v}`, `E${e}`, a, `V${v}`)] : [])));
        if (evs.length === 0) return;
        const c = compareVendors(rubric, evs, options);
        const leader = c.vendors.filter((v) => v.rank === 1).map((v) => v.id);
        for (const check of evaluatorChecks(new AnswerModel(c), leader, 1)) {
          const by = check.change === 'harsher' ? -1 : 1;
          const changed = evs.flatMap((e) => {
            if (e.evaluator !== check.evaluator) return [e];
            if (check.change === 'without') return [];
            return [{ ...e, answers: Object.fromEntries(Object.entries(e.answers).map(([q, a]) => [q, { ...a, score: shift(a.score, by) }])) }];
          });
          const truth = compareVendors(rubric, changed, options);
          expect(check.leader).toEqual(truth.vendors.filter((v) => v.rank === 1).map((v) => v.id));
          const moved = new Map(check.moved.map((m) => [m.id, m]));
          for (const v of c.vendors) {
            const t = truth.vendors.find((w) => w.id === v.id);
            const m = moved.get(v.id);
            if (!t) expect(m?.after).toBeNull();
            else {
              expect(m ? m.after!.rank : v.rank).toBe(t.rank);
              expect(m ? m.after!.status : v.status).toBe(t.status);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the seeded random stream', () => {
  it('is mulberry32, the same numbers whatever holds its state', () => {
    // The reference: the generator as first written, its state in a closure variable.
    const reference = (seed: number) => {
      let t = seed >>> 0;
      return () => {
        t = (t + 0x6d2b79f5) >>> 0;
        let r = Math.imul(t ^ (t >>> 15), 1 | t);
        r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
        return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
      };
    };
    for (const seed of [0, 1, 7, -3, 2 ** 31, 4294967295, 123456789]) {
      const a = rng(seed);
      const b = reference(seed);
      for (let i = 0; i < 10_000; i++) expect(a()).toBe(b());
    }
  });
});
