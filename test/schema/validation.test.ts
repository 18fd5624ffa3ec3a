import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/core/types.js';
import { evaluationFromSource, rubricFromSource } from '../../src/io/load.js';
import { parseYaml } from '../../src/io/yaml.js';

function src(text: string) {
  const { source, problems } = parseYaml('f.yaml', text);
  expect(problems).toEqual([]);
  return source!;
}
const where = (ps: Array<{ line: number; col: number; code: string; message: string }>) => ps.map((p) => `${p.line}:${p.col} ${p.code} ${p.message}`);

const RUBRIC = `id: r
version: 3
title: R
scale: {min: 1, max: 10, step: 0.5}
areas:
  - id: a
    name: A
    weight: 1
    questions:
      - {id: q1, text: Q1}
      - {id: q2, text: Q2}
`;
const rubric = (): Rubric => {
  const r = rubricFromSource(src(RUBRIC));
  expect(r.problems).toEqual([]);
  return r.rubric!;
};

describe('rubric validation', () => {
  it('accepts a minimal rubric and fills defaults', () => {
    const r = rubric();
    expect(r.missing).toBe('min');
    expect(r.aggregate).toBe('mean');
    expect(r.disagreement).toBeCloseTo(3.6, 12); // 40% of the 9-point range
    expect(r.areas[0]!.questions[0]!.weight).toBe(1);
  });

  it('scale rules, knockout range, guidance keys and duplicate ids, each at its node', () => {
    const { rubric: r, problems } = rubricFromSource(
      src(`id: r
version: 1
title: R
scale: {min: 0, max: 5, step: 2}
areas:
  - id: a
    name: A
    weight: 1
    knockout: {below: 9}
    questions:
      - id: q1
        text: Q1
        guidance: {1: x, 7: y}
  - id: a
    name: A again
    weight: 1
    questions:
      - {id: q1, text: again}
`),
    );
    expect(r).toBeUndefined();
    expect(where(problems)).toEqual([
      '4:31 rule scale.step step 2 does not divide the scale 0–5 evenly',
      '9:23 rule areas.0.knockout.below knockout threshold 9 is outside the scale 0–5',
      '13:23 rule areas.0.questions.0.guidance.1 guidance for 1, which is not a value on the scale 0–5 (step 2)',
      '13:29 rule areas.0.questions.0.guidance.7 guidance for 7, which is not a value on the scale 0–5 (step 2)',
      '14:9 rule areas.1.id duplicate area id "a" (first used by area 1)',
      '18:14 rule areas.1.questions.0.id duplicate question id "q1" (already used in area a); question ids must be unique across the rubric',
    ]);
  });

  it('max not above min', () => {
    const { problems } = rubricFromSource(src(`id: r\nversion: 1\ntitle: R\nscale: {min: 5, max: 5}\nareas: [{id: a, name: A, weight: 1, questions: [{id: q, text: Q}]}]\n`));
    expect(where(problems)).toEqual(['4:22 rule scale.max must be greater than scale.min (5)']);
  });

  describe('a scale of at most 1,001 values', () => {
    const scale = (spec: string) => where(rubricFromSource(src(`id: r\nversion: 1\ntitle: R\nscale:\n${spec}\nareas: [{id: a, name: A, weight: 1, questions: [{id: q, text: Q}]}]\n`)).problems);
    it('0–1e9 in steps of 1 is refused at its max, before anything enumerates it', () => {
      expect(scale('  min: 0\n  max: 1000000000\n  step: 1')).toEqual(['6:8 rule scale.max makes 1000000001 scale values (0–1000000000 in steps of 1); at most 1001 are allowed, as in 0–100 in steps of 0.1']);
      expect(scale('  min: 0\n  max: 1e9')).toEqual(['6:8 rule scale.max makes 1000000001 scale values (0–1000000000 in steps of 1); at most 1001 are allowed, as in 0–100 in steps of 0.1']);
    });
    it('a step too fine is refused at the step; the widest finite range too', () => {
      expect(scale('  min: 0\n  max: 5\n  step: 0.001')).toEqual(['7:9 rule scale.step makes 5001 scale values (0–5 in steps of 0.001); at most 1001 are allowed, as in 0–100 in steps of 0.1']);
      expect(scale('  min: -1e308\n  max: 1e308\n  step: 1e9')).toEqual(['7:9 rule scale.step makes more than 10^15 scale values (-1e+308–1e+308 in steps of 1000000000); at most 1001 are allowed, as in 0–100 in steps of 0.1']);
    });
    it('a step must divide the range: not larger than it, and not off by more than float noise', () => {
      expect(scale('  min: 0.1\n  max: 1\n  step: 1e9')).toEqual(['7:9 rule scale.step step 1000000000 does not divide the scale 0.1–1 evenly']);
      expect(scale('  min: 0.1\n  max: 1e9\n  step: 1e9')).toEqual(['7:9 rule scale.step step 1000000000 does not divide the scale 0.1–1000000000 evenly']);
      expect(scale('  min: 0.1\n  max: 1\n  step: 0.1')).toEqual([]);
    });
    it('1,001 values pass, 1,002 do not; min above max is refused', () => {
      expect(scale('  min: 0\n  max: 100\n  step: 0.1')).toEqual([]);
      expect(scale('  min: 0\n  max: 1000')).toEqual([]);
      expect(scale('  min: 0\n  max: 1001')).toEqual(['6:8 rule scale.max makes 1002 scale values (0–1001 in steps of 1); at most 1001 are allowed, as in 0–100 in steps of 0.1']);
      expect(scale('  min: 5\n  max: 1')).toEqual(['6:8 rule scale.max must be greater than scale.min (5)']);
    });
  });

  it('missing required keys are reported at the map that lacks them', () => {
    const { problems } = rubricFromSource(src(`id: r\nversion: 1\nscale: {min: 0, max: 5}\nareas:\n  - id: a\n    weight: 1\n    questions: []\n`));
    expect(where(problems)).toEqual([
      '1:1 missing-key missing required key "title"',
      '5:5 missing-key missing required key "name" in areas.0',
      expect.stringMatching(/^7:16 .*questions .*at least one question/),
    ]);
  });
});

describe('evaluation validation against a rubric', () => {
  const evaluation = (answers: string, head = 'vendor: {name: Acme}\nrubric: r@3\nevaluator: E\n') => evaluationFromSource(src(head + answers), rubric());

  it('accepts half steps on a 1–10 scale and derives the vendor id', () => {
    const { evaluation: e, problems } = evaluation('answers:\n  q1: 7.5\n  q2: {score: 10, notes: n, evidence: a.pdf}\n', 'vendor: {name: "Société Générale AI"}\nrubric: r@3\nevaluator: E\n');
    expect(problems).toEqual([]);
    expect(e!.vendor.id).toBe('societe-generale-ai');
    expect(e!.answers.q1).toEqual({ score: 7.5, evidence: [] });
    expect(e!.answers.q2).toEqual({ score: 10, notes: 'n', evidence: ['a.pdf'] });
  });

  it('off-scale, off-step, unknown question and wrong rubric version, all at once', () => {
    const { problems } = evaluation('answers:\n  q1: 0.5\n  q2: 7.25\n  q3: 4\n', 'vendor: {name: Acme}\nrubric: r@2\nevaluator: E\n');
    expect(where(problems)).toEqual([
      '2:9 rubric-mismatch answers were given against rubric r@2, but the rubric in use is r@3 (choose it with --rubric)',
      '5:7 off-scale score 0.5 for q1 is off the scale 1–10',
      "6:7 off-step score 7.25 for q2 is off the step 0.5",
      '7:3 unknown-question unknown question "q3" in rubric r@3 (did you mean "q1"?)',
    ]);
  });

  it('wrong types are named with what was found', () => {
    const { problems } = evaluation('answers:\n  q1: [4]\n  q2: {score: true}\n', 'vendor: Acme\nrubric: r@3\nevaluator: 7\n');
    expect(problems.map((p) => `${p.line}:${p.col} ${p.code}`)).toEqual(['1:9 wrong-type', '3:12 wrong-type', '5:7 wrong-type', '6:15 wrong-type']);
    expect(problems[0]!.message).toBe('vendor must be a mapping (key: value lines), not the string "Acme"');
    expect(problems[2]!.message).toMatch(/^answers\.q1 has an invalid value: a list/);
  });

  it('a date is a real calendar date written YYYY-MM-DD, refused at its line and column', () => {
    const dated = (date: string) => where(evaluation('answers: {}\n', `vendor: {name: Acme}\nrubric: r@3\nevaluator: E\ndate: ${date}\n`).problems);
    expect(dated('2026-02-30')).toEqual(['4:7 rule date must be a real calendar date: 2026-02-30 does not exist (February 2026 has 28 days)']);
    expect(dated('2026-04-31')).toEqual(['4:7 rule date must be a real calendar date: 2026-04-31 does not exist (April 2026 has 30 days)']);
    expect(dated('2026-13-01')).toEqual(['4:7 rule date must be a real calendar date: 2026-13-01 has no month 13 (months run from 01 to 12)']);
    expect(dated('"20 Nov 2026"')).toEqual(['4:7 rule date must be a date written YYYY-MM-DD, such as 2026-11-20, not "20 Nov 2026"']);
    expect(dated('2024-02-29')).toEqual([]); // a leap year
    expect(dated('2000-02-29')).toEqual([]); // divisible by 400
    expect(dated('2100-02-29')).toEqual(['4:7 rule date must be a real calendar date: 2100-02-29 does not exist (February 2100 has 28 days)']);
    expect(dated('2026-12-31')).toEqual([]);
  });

  it('a vendor name with nothing to slug needs an explicit id', () => {
    const { problems } = evaluation('answers: {}\n', 'vendor: {name: "日本"}\nrubric: r@3\nevaluator: E\n');
    expect(where(problems)).toEqual(['1:16 vendor-id vendor.name has no letters a–z or digits to derive an id from; add vendor.id']);
  });
});
