import { describe, expect, it } from 'vitest';
import { LiveVendor } from '../../src/core/live-score.js';
import { agreedScore } from '../../src/core/aggregate.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { AnswerModel } from '../../src/core/sensitivity-model.js';
import type { Agreement, Consensus } from '../../src/core/types.js';
import { disagreementPoints } from '../../src/io/load.js';
import { agendaOf } from '../../src/interview/consensus.js';
import { rubricSchema } from '../../src/schema/rubric.js';
import { ev, smallRubric } from './fixtures.js';

const agree = (score: number | null): Agreement => ({ score, reason: 'agreed in the meeting', by: ['Ann', 'Bob'], date: '2026-11-28' });
const consensus = (agreed: Record<string, Agreement>): Consensus[] => [{ file: 'consensus/acme.yaml', vendor: 'acme', agreed }];

// Area A (weight 3): q1 (w1), q2 (w3); area B (weight 1): q3 (w1, knockout below 2), q4 (w1). Scale 0–5.
const evaluations = [ev('acme', 'Ann', { q1: 1, q2: 4, q3: 3, q4: 2 }), ev('acme', 'Bob', { q1: 4, q2: 4, q3: 3, q4: 5 })];

describe('agreed scores replace the aggregate', () => {
  it('hand-computed: q1 agreed 2 instead of the mean 2.5', () => {
    const rubric = smallRubric();
    const plain = compareVendors(rubric, evaluations, defaultOptions(rubric)).vendors[0]!;
    const agreed = compareVendors(rubric, evaluations, defaultOptions(rubric), { consensus: consensus({ q1: agree(2) }) }).vendors[0]!;
    // A = (2.5·1 + 4·3)/4 = 3.625 → 72.5; B = (3 + 3.5)/2 = 3.25 → 65; total = (72.5·3 + 65)/4 = 70.625.
    expect(plain.total).toBeCloseTo(70.625, 12);
    // A = (2·1 + 4·3)/4 = 3.5 → 70; total = (70·3 + 65)/4 = 68.75.
    expect(agreed.total).toBeCloseTo(68.75, 12);
    const q1 = agreed.areas[0]!.questions[0]!;
    expect(q1).toMatchObject({ score: 2, aggregated: 2.5, scores: { Ann: 1, Bob: 4 }, disagreement: true });
    expect(q1.agreed).toEqual(agree(2));
  });

  it('"keep the average" keeps the aggregate, under mean and median alike', () => {
    const rubric = smallRubric();
    for (const aggregate of ['mean', 'median'] as const) {
      const options = { ...defaultOptions(rubric), aggregate };
      const plain = compareVendors(rubric, evaluations, options).vendors[0]!;
      const kept = compareVendors(rubric, evaluations, options, { consensus: consensus({ q1: agree(null) }) }).vendors[0]!;
      expect(kept.total).toBe(plain.total);
      expect(kept.areas[0]!.questions[0]!.agreed?.score).toBeNull();
    }
    expect(agreedScore(2.5, agree(null))).toBe(2.5);
    expect(agreedScore(2.5, agree(4))).toBe(4);
    expect(agreedScore(null, undefined)).toBeNull();
  });

  it('an agreed score below a knockout disqualifies; one above clears it', () => {
    const rubric = smallRubric();
    const out = compareVendors(rubric, evaluations, defaultOptions(rubric), { consensus: consensus({ q3: agree(1) }) }).vendors[0]!;
    expect(out.status).toBe('disqualified');
    expect(out.knockouts.map((k) => k.question)).toContain('q3');
  });

  it('the sensitivity model and the live scorer count the agreed score as compare does', () => {
    const rubric = smallRubric();
    const c = compareVendors(rubric, [...evaluations, ev('bolt', 'Ann', { q1: 3, q2: 3, q3: 3, q4: 3 })], defaultOptions(rubric), { consensus: consensus({ q1: agree(2), q4: agree(5) }) });
    const model = new AnswerModel(c);
    const acme = c.vendors.findIndex((v) => v.id === 'acme');
    // Any one evaluator's change to q1 leaves the agreed score in place.
    const [from] = model.slots(acme, 0);
    expect(model.aggregate(acme, 0, from, 5)).toBe(2);
    expect(model.aggregate(acme, 0, -1, null)).toBe(2);

    const live = new LiveVendor({ aggregate: 'mean', missing: 'min', min: 0, max: 5, areas: rubric.areas.map((a) => ({ id: a.id, weight: a.weight, knockout: a.knockout?.below, questions: a.questions.map((q) => ({ id: q.id, weight: q.weight, knockout: q.knockout?.below })) })) }, new Map([['q1', [1, 4]], ['q2', [4]], ['q3', [3]], ['q4', [2, 5]]]));
    for (const e of evaluations) for (const [q, a] of Object.entries(e.answers)) live.set(q, e.evaluator, a.score!);
    live.setAgreed('q1', 2);
    live.setAgreed('q4', 5);
    expect(live.total).toBeCloseTo(c.vendors[acme]!.total, 12);
    expect(live.aggregated('q1')).toBe(2.5);
    live.setAgreed('q1', undefined);
    live.setAgreed('q4', undefined);
    expect(live.total).toBeCloseTo(70.625, 12);
  });
});

describe('the relative disagreement rule', () => {
  it('"30%" is 30% of the scale, a number is scale points, the default 40%', () => {
    expect(disagreementPoints('30%', 0, 5)).toBeCloseTo(1.5, 12);
    expect(disagreementPoints('30%', 1, 10)).toBeCloseTo(2.7, 12);
    expect(disagreementPoints(2, 0, 5)).toBe(2);
    expect(disagreementPoints(undefined, 0, 5)).toBeCloseTo(2, 12);
  });

  it('the rubric schema takes a share up to 100% and refuses other text', () => {
    const base = { id: 'r', version: 1, title: 'R', scale: { min: 0, max: 5 }, areas: [{ id: 'a', name: 'A', weight: 1, questions: [{ id: 'q', text: 'Q' }] }] };
    expect(rubricSchema.safeParse({ ...base, disagreement: '30%' }).success).toBe(true);
    expect(rubricSchema.safeParse({ ...base, disagreement: '100%' }).success).toBe(true);
    expect(rubricSchema.safeParse({ ...base, disagreement: '130%' }).success).toBe(false);
    expect(rubricSchema.safeParse({ ...base, disagreement: 'wide' }).success).toBe(false);
  });

  it('1.5 points apart is flagged under 30% of 0–5, not under the default 2', () => {
    const e = [ev('acme', 'Ann', { q1: 2, q2: 3, q3: 3, q4: 3 }), ev('acme', 'Bob', { q1: 3.5, q2: 3, q3: 3, q4: 3 })];
    const flagged = (d: number) => compareVendors(smallRubric({ disagreement: d, scale: { min: 0, max: 5, step: 0.5, labels: {} } }), e, defaultOptions(smallRubric())).vendors[0]!.areas[0]!.questions[0]!.disagreement;
    expect(flagged(disagreementPoints('30%', 0, 5))).toBe(true);
    expect(flagged(disagreementPoints(undefined, 0, 5))).toBe(false);
  });
});

describe('the agenda', () => {
  it('flagged questions, most important first: spread × share of the total', () => {
    const rubric = smallRubric({ disagreement: 1 });
    const e = [ev('acme', 'Ann', { q1: 1, q2: 2, q3: 2, q4: 0 }), ev('acme', 'Bob', { q1: 4, q2: 3, q3: 3, q4: 5 })];
    const v = compareVendors(rubric, e, defaultOptions(rubric)).vendors[0]!;
    const agenda = agendaOf(v);
    // Shares: q1 0.75·1/4 = 0.1875, q2 0.75·3/4 = 0.5625, q3 and q4 0.25·1/2 = 0.125.
    // Importance: q1 3·0.1875 = 0.5625, q2 1·0.5625 = 0.5625 (a tie: rubric order), q4 5·0.125 = 0.625, q3 1·0.125.
    expect(agenda.map((x) => x.question.id)).toEqual(['q4', 'q1', 'q2', 'q3']);
    expect(agenda[0]!.share).toBeCloseTo(0.125, 12);
    expect(agenda[0]!.importance).toBeCloseTo(0.625, 12);
  });
});
