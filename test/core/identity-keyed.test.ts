/** Every per-evaluator computation is keyed by the evaluator, not by how a file spells the name. */
import { describe, expect, it } from 'vitest';
import { diffResults, type Results } from '../../src/core/diff.js';
import { parseResults } from '../../src/schema/results.js';
import { compareVendors, scoreVendor } from '../../src/core/score.js';
import { analyzeSensitivity, DEFAULT_SENSITIVITY } from '../../src/core/sensitivity.js';
import type { Evaluation } from '../../src/core/types.js';
import { comparisonJson } from '../../src/report/json.js';
import { ev, smallRubric } from './fixtures.js';

const rubric = smallRubric();
const opts = { aggregate: 'mean' as const, missing: 'min' as const, weights: {} };
const full = (s: number) => ({ q1: s, q2: s, q3: s, q4: s });

function results(evs: Evaluation[]): Results {
  const parsed = parseResults(JSON.parse(JSON.stringify(comparisonJson(compareVendors(rubric, evs, opts)))));
  if (!parsed.results) throw new Error(parsed.error);
  return parsed.results;
}

describe('scoring', () => {
  it('one person under two spellings is one evaluator: one score per question, one name', () => {
    const v = scoreVendor(rubric, [ev('acme', 'Ann Lee', full(1)), ev('acme', 'ANN\u00a0LEE', full(5)), ev('acme', 'Bob', full(3))], opts);
    expect(v.evaluators).toEqual(['Ann Lee', 'Bob']);
    const q1 = v.areas[0]!.questions[0]!;
    // Ann counts once (her later file), so the mean is (5 + 3) / 2, not (1 + 5 + 3) / 3.
    expect(q1.score).toBe(4);
    expect(q1.scores).toEqual({ 'Ann Lee': 5, Bob: 3 });
    expect(v.flags.map((f) => f.code)).not.toContain('single-evaluator');
  });

  it('two people with one name, told apart by evaluator-id, are two evaluators with two columns', () => {
    const a = { ...ev('acme', 'Ann Lee', full(1)), evaluatorId: 'ann-sales' };
    const b = { ...ev('acme', 'Ann Lee', full(5)), evaluatorId: 'ann-legal' };
    const v = scoreVendor(rubric, [a, b], opts);
    expect(v.evaluators).toEqual(['Ann Lee (ann-sales)', 'Ann Lee (ann-legal)']);
    expect(v.areas[0]!.questions[0]!.scores).toEqual({ 'Ann Lee (ann-sales)': 1, 'Ann Lee (ann-legal)': 5 });
    expect(v.areas[0]!.questions[0]!.score).toBe(3);
  });

  it('disagreement counts people, not files: one person twice never disagrees with themselves', () => {
    const v = scoreVendor(rubric, [ev('acme', 'Ann Lee', full(0)), ev('acme', 'Ann Lee\u200b', full(5))], opts);
    expect(v.flags.filter((f) => f.code === 'disagreement')).toEqual([]);
    expect(v.flags.map((f) => f.code)).toContain('single-evaluator');
  });
});

describe('sensitivity', () => {
  it('leaves out (and biases) one person across every vendor, whatever each file calls them', () => {
    const evs = [ev('v1', 'Ann Lee', full(5), 'V1'), ev('v1', 'Bob', full(1), 'V1'), ev('v2', '\uff21nn Lee', full(1), 'V2'), ev('v2', 'Bob', full(4), 'V2')];
    const s = analyzeSensitivity(compareVendors(rubric, evs, opts), DEFAULT_SENSITIVITY);
    expect([...new Set(s.evaluators.map((e) => e.evaluator))]).toEqual(['Ann Lee', 'Bob']);
    // Without Ann, both vendors keep only Bob: V2 (4) leads V1 (1).
    expect(s.evaluators.find((e) => e.evaluator === 'Ann Lee' && e.change === 'without')!.leader).toEqual(['v2']);
  });
});

describe('diff', () => {
  it('matches evaluators of two results files by name key: a re-typed name is not a person leaving and joining', () => {
    const before = results([ev('acme', 'Ann Lee', full(3)), ev('acme', 'Bob', full(3))]);
    const after = results([ev('acme', 'ANN\u00a0LEE', { ...full(3), q1: 5 }), ev('acme', 'Bob', full(3))]);
    const [d] = diffResults(before, after);
    expect(d!.changes.map((c) => [c.kind, c.description])).toEqual([['answer', 'q1: ANN\u00a0LEE 3 → 5']]);
  });
});
