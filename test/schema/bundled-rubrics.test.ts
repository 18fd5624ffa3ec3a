import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAGE_RUBRICS, STAGES } from '../../src/core/journey.js';
import { bundledRubricNames, bundledRubricPath } from '../../src/io/bundled-rubrics.js';
import { loadRubric } from '../../src/io/load.js';

describe('the bundled rubrics', () => {
  it('are one a stage of the journey', () => {
    expect(bundledRubricNames()).toEqual(['ai-pilot-review', 'ai-readiness', 'ai-transition', 'ai-vendor']);
    expect(STAGES.map((s) => STAGE_RUBRICS[s])).toEqual(['ai-readiness', 'ai-vendor', 'ai-pilot-review', 'ai-transition']);
  });

  for (const name of ['ai-readiness', 'ai-pilot-review', 'ai-transition']) {
    describe(name, () => {
      const file = bundledRubricPath(name)!;
      const { rubric, problems } = loadRubric(file, { noCache: true });

      it('passes the rubric schema with no problem, its id its name', () => {
        expect(problems).toEqual([]);
        expect(rubric!.id).toBe(name);
      });

      it('gives every area weight a reason (a comment on its line) and weights that add up to 100', () => {
        const lines = readFileSync(file, 'utf8').split('\n').filter((l) => /^ {4}weight:/.test(l));
        expect(lines.length).toBe(rubric!.areas.length);
        for (const l of lines) expect(l, l).toMatch(/weight: \d+ +# \S.{20,}/);
        expect(rubric!.areas.reduce((s, a) => s + a.weight, 0)).toBe(100);
      });

      it('anchors every question at the bottom, middle and top of the scale', () => {
        for (const q of rubric!.areas.flatMap((a) => a.questions)) {
          expect(Object.keys(q.guidance), q.id).toEqual(expect.arrayContaining(['1', '3', '5']));
        }
      });

      it('has knockouts with reasons where a must-have is missing', () => {
        const rules = rubric!.areas.flatMap((a) => [a.knockout, ...a.questions.map((q) => q.knockout)]).filter((k) => k !== undefined);
        expect(rules.length).toBeGreaterThan(0);
        for (const k of rules) expect(k!.reason).toMatch(/\w{4,}/);
      });
    });
  }
});
