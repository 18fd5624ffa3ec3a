/**
 * isValidEvaluation (the plain check the loader tries first) gives zod's verdict on every input:
 * fuzzed files and generated values near every rule's edge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/io/yaml.js';
import { isValidEvaluation } from '../../src/schema/evaluation-check.js';
import { evaluationSchema } from '../../src/schema/evaluation.js';
import { corpus, mutate, rng, SEED } from '../fuzz/mutate.js';

const same = (data: unknown) => expect(isValidEvaluation(data), JSON.stringify(data)?.slice(0, 500)).toBe(evaluationSchema.safeParse(data).success);

const edgeText = fc.oneof(fc.constant(''), fc.constant('a'.repeat(200)), fc.constant('a'.repeat(201)), fc.constant('a'.repeat(2001)), fc.string({ maxLength: 8 }));
const slugish = fc.oneof(fc.constantFrom('acme', 'a-b', '-a', 'A', 'a'.repeat(100), 'a'.repeat(101), '1', ''), fc.string({ maxLength: 6 }));
const scoreish = fc.oneof(fc.constantFrom(null, 0, 3, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3', true), fc.double());
const answer = fc.oneof(
  scoreish,
  fc.record(
    { score: scoreish, notes: fc.oneof(edgeText, fc.constant('n'.repeat(20_001)), fc.constant(3)), evidence: fc.oneof(edgeText, fc.array(edgeText, { maxLength: 3 }), fc.constant(Array(101).fill('x')), fc.constant(null)), flag: fc.oneof(edgeText, fc.constant(null)), extra: fc.constant(1) },
    { requiredKeys: [] },
  ),
  fc.constant([]),
  fc.constant('text'),
);
const evaluation = fc.record(
  {
    vendor: fc.oneof(fc.record({ id: slugish, name: edgeText, other: fc.constant(1) }, { requiredKeys: [] }), fc.constant(null), fc.constant('Acme')),
    rubric: fc.constantFrom('ai-vendor@1', 'AI@1', 'ai-vendor', 'a@ b', 'a@1.0.0', 3),
    evaluator: edgeText,
    'evaluator-id': slugish,
    date: fc.constantFrom('2026-11-20', '2026-02-30', '2024-02-29', '2025-02-29', '20-11-2026', 20261120, null),
    role: fc.oneof(slugish, fc.constant(null)),
    'conflict-of-interest': fc.oneof(edgeText, fc.constant(null)),
    answers: fc.oneof(fc.dictionary(fc.constantFrom('q1', 'q2', 'score', ''), answer, { maxKeys: 3 }), fc.constant(null), fc.constant([])),
    unknown: fc.constant('x'),
  },
  { requiredKeys: [] },
);

describe('isValidEvaluation agrees with evaluationSchema', () => {
  it('on generated values near every rule', () => {
    fc.assert(fc.property(evaluation, (e) => {
      same(e);
    }), { numRuns: 20_000, seed: SEED });
  });

  it('on evaluations with every key the schema allows (a role, a declaration, a flag)', () => {
    const full = { vendor: { id: 'acme', name: 'Acme' }, rubric: 'ai-vendor@1', evaluator: 'Dana', 'evaluator-id': 'dana', date: '2026-11-20', role: 'tech', 'conflict-of-interest': 'none', answers: { q: { score: 3, notes: 'n', evidence: ['a.pdf'], flag: 'ask' }, r: 2, s: null } };
    expect(isValidEvaluation(full)).toBe(true);
    same(full);
    for (const [k, v] of [['role', 'Tech'], ['conflict-of-interest', ''], ['role', 'a'.repeat(101)]] as const) same({ ...full, [k]: v });
    same({ ...full, answers: { q: { score: 3, flag: 'x'.repeat(201) } } });
    same({ ...full, answers: { q: { score: 3, flag: '' } } });
  });

  it('on the data of fuzzed files', () => {
    const next = rng(SEED + 1);
    const seeds = corpus();
    for (let n = 0; n < 1000; n++) {
      const text = mutate(seeds[Math.floor(next() * seeds.length)]!.bytes, next).toString('utf8');
      const data = parseYaml('m.yaml', text).source?.data;
      if (data !== undefined) same(data);
    }
    for (const s of seeds) same(parseYaml(s.name, s.bytes.toString('utf8').replace(/^\ufeff/, '')).source?.data);
  });
});
