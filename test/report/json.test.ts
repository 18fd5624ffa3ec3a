/**
 * vendorJson writes docs/json.md's keys in its order, optional keys only when they apply: its
 * objects are built a key at a time (src/report/json.ts), so the order is checked here as text.
 */
import { describe, expect, it } from 'vitest';
import type { QuestionResult, VendorResult } from '../../src/core/types.js';
import { vendorJson } from '../../src/report/json.js';

function scores(entries: Array<[string, number]>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

const question = (q: Partial<QuestionResult>): QuestionResult => ({ id: 'q', text: 'Q?', weight: 1, score: 3, scores: scores([['Ann', 3]]), aggregated: 3, spread: 0, disagreement: false, answers: [], ...q });

/** What the JSON writes as the vendor has it. */
const head = { id: 'acme', name: 'Acme ##[x] \u202e', rank: 1, total: 71.25, quality: 70 };
const price = { cost: 1000, currency: 'EUR', score: 4 };
const tail = { status: 'qualified' as const, complete: true, evaluators: ['Ann', '__proto__'] };
const knockouts: VendorResult['knockouts'] = [
  { rule: 'area', area: 'a', score: 1, below: 2, reason: 'too low' },
  { rule: 'question', area: 'a', question: 'q1', score: 1, below: 2, reason: 'no' },
];
const agreed = { score: null, reason: 'kept', by: ['Ann'], date: '2026-11-01' };

const vendor: VendorResult = {
  ...head,
  price,
  ...tail,
  areas: [
    {
      id: 'a',
      name: 'Area',
      weight: 0.5,
      score: 3.5,
      normalized: 62.5,
      questions: [question({ id: 'q1', weight: 2, scores: scores([['Ann', 3], ['__proto__', 4]]) }), question({ id: 'q2', agreed, disagreement: true })],
    },
  ],
  knockouts,
  flags: [
    { code: 'disagreement', message: 'range 2–5', area: 'a', question: 'q2' },
    { code: 'incomplete', message: 'x', area: '' },
  ],
  unanswered: [],
  cells: [],
};

describe('vendorJson', () => {
  it('writes the keys in order, the optional ones only when they apply', () => {
    const expected = {
      ...head,
      price,
      ...tail,
      areas: [
        {
          id: 'a',
          weight: 0.5,
          score: 3.5,
          normalized: 62.5,
          questions: [
            { id: 'q1', weight: 2, score: 3, scores: JSON.parse('{"Ann":3,"__proto__":4}') as unknown, disagreement: false },
            { id: 'q2', score: 3, scores: { Ann: 3 }, agreed, disagreement: true },
          ],
        },
      ],
      knockouts,
      flags: [
        { code: 'disagreement', message: 'range 2–5', area: 'a', question: 'q2' },
        { code: 'incomplete', message: 'x' },
      ],
    };
    expect(JSON.stringify(vendorJson(vendor, true), null, 2)).toBe(JSON.stringify(expected, null, 2));
    const { price: _price, ...unpriced } = expected;
    expect(JSON.stringify(vendorJson(vendor), null, 2)).toBe(JSON.stringify(unpriced, null, 2));
  });

  it('copies the agreed panel, so the JSON view never hands out the core result’s own list', () => {
    const json = vendorJson(vendor);
    const agreed = json.areas[0]!.questions[1]!.agreed!;
    expect(agreed.by).toEqual(['Ann']);
    expect(agreed.by).not.toBe(vendor.areas[0]!.questions[1]!.agreed!.by);
  });
});
