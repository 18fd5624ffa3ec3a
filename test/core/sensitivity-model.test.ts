import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVendors, scoreVendor } from '../../src/core/score.js';
import { AnswerModel } from '../../src/core/sensitivity-model.js';
import { scoreSteps } from '../../src/core/sensitivity-steps.js';
import type { Evaluation } from '../../src/core/types.js';
import { ev, smallRubric } from './fixtures.js';

// The incremental model must say what the method says: for random evaluations and random
// changes (one score replaced; one evaluator's scores all removed or all shifted), the model's
// total and status equal scoreVendor's on the changed evaluations.

const score = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });
const answers = fc.record({ q1: score, q2: score, q3: score, q4: score });
const input = fc.record({
  evaluators: fc.array(answers, { minLength: 1, maxLength: 4 }),
  median: fc.boolean(),
  ignore: fc.boolean(),
  w1: fc.integer({ min: 1, max: 4 }),
  pick: fc.nat(),
  value: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  shift: fc.integer({ min: -2, max: 2 }),
});

describe('AnswerModel agrees with the method', () => {
  it('one score replaced or removed; one evaluator alone, removed or shifted (property)', () => {
    fc.assert(
      fc.property(input, (x) => {
        const rubric = smallRubric({ aggregate: x.median ? 'median' : 'mean', missing: x.ignore ? 'ignore' : 'min' });
        const options = { aggregate: rubric.aggregate, missing: rubric.missing, weights: { q1: x.w1 } };
        const evs: Evaluation[] = x.evaluators.map((a, i) => ev('v', `E${i}`, a, 'V'));
        const c = compareVendors(rubric, evs, options);
        const model = new AnswerModel(c);
        const check = (o: { total: number; qualified: boolean }, changed: Evaluation[]) => {
          const truth = scoreVendor(rubric, changed, options);
          expect(o.total).toBeCloseTo(truth.total, 9);
          expect(o.qualified).toBe(truth.status === 'qualified');
        };
        // One score replaced (or removed).
        const slots: Array<[number, number]> = [];
        for (let qi = 0; qi < model.questions; qi++) {
          const [from, to] = model.slots(0, qi);
          for (let s = from; s < to; s++) slots.push([qi, s]);
        }
        if (slots.length > 0) {
          const [qi, slot] = slots[x.pick % slots.length]!;
          const who = model.evaluators[model.who[slot]!]!;
          const q = model.questionIds[qi]!;
          model.begin(0);
          model.change(qi, slot, x.value);
          check(model.finish(), evs.map((e) => (e.evaluator === who ? { ...e, answers: { ...e.answers, [q]: { score: x.value, evidence: [] } } } : e)));
        }
        // One evaluator's scores alone: the total the method gives their file by itself, over what they scored.
        for (const [i, one] of evs.entries()) {
          const mineAlone = slots.filter(([, s]) => model.evaluators[model.who[s]!] === `E${i}`);
          expect(model.totalAlone(mineAlone)).toBeCloseTo(scoreVendor(rubric, [one], { ...options, missing: 'ignore' }).total, 9);
        }
        // One evaluator's scores all removed, or all shifted (held at 0 and 5).
        const e = x.pick % evs.length;
        const mine = slots.filter(([, s]) => model.who[s] === model.evaluators.indexOf(`E${e}`));
        const shifted = (s: number) => Math.min(5, Math.max(0, s + x.shift));
        for (const removal of [true, false]) {
          model.begin(0);
          for (const [qi, s] of mine) model.change(qi, s, removal ? null : shifted(model.value[s]!));
          const changed = evs.map((v, i) => (i !== e ? v : { ...v, answers: Object.fromEntries(Object.entries(v.answers).map(([q, a]) => [q, { ...a, score: removal || a.score === null ? null : shifted(a.score) }])) }));
          check(model.finish(), changed);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('score steps agree with scoring every single change', () => {
  it('the smallest change that changes the leader, and how many scores can within one point (property)', () => {
    const vendorAnswers = fc.array(answers, { minLength: 1, maxLength: 3 });
    // Often a copy of the first vendor, so that ties at the top are common.
    const setup = fc.record({ vendors: fc.array(vendorAnswers, { minLength: 2, maxLength: 3 }), twin: fc.boolean(), median: fc.boolean(), ignore: fc.boolean() });
    fc.assert(
      fc.property(setup, (x) => {
        const rubric = smallRubric({ aggregate: x.median ? 'median' : 'mean', missing: x.ignore ? 'ignore' : 'min' });
        const options = { aggregate: rubric.aggregate, missing: rubric.missing, weights: {} };
        const lists = x.twin ? [x.vendors[0]!, ...x.vendors] : x.vendors;
        const evs: Evaluation[] = lists.flatMap((list, v) => list.map((a, i) => ev(`v${v}`, `E${i}`, a, `V${v}`)));
        const leadersOf = (list: Evaluation[]) => compareVendors(rubric, list, options).vendors.filter((v) => v.rank === 1).map((v) => v.id).join();
        const before = leadersOf(evs);
        // Brute force: every existing score set to every other value, scored by the method.
        let smallest = Infinity;
        let within = 0;
        evs.forEach((e, i) => {
          for (const [q, a] of Object.entries(e.answers)) {
            if (a.score === null) continue;
            let best = Infinity;
            for (let s = 0; s <= 5; s++) {
              if (s === a.score) continue;
              const changed = evs.map((f, j) => (j === i ? { ...f, answers: { ...f.answers, [q]: { score: s, evidence: [] } } } : f));
              if (leadersOf(changed) !== before) best = Math.min(best, Math.abs(s - a.score));
            }
            smallest = Math.min(smallest, best);
            if (best <= 1) within++;
          }
        });
        const steps = scoreSteps(new AnswerModel(compareVendors(rubric, evs, options)), 1);
        expect(steps.flips[0]?.size ?? Infinity).toBe(smallest);
        expect(steps.flipsInRange).toBe(within);
      }),
      { numRuns: 150 },
    );
  });
});
