import { z } from 'zod';
import { finite, positive, slug, text } from './common.js';

const knockout = z.strictObject({
  below: finite.describe('A score strictly below this disqualifies the vendor'),
  reason: text(500).optional(),
});

const scoreText = z.record(z.string(), text(2000));

export const questionSchema = z.strictObject({
  id: slug.describe('Unique across the whole rubric'),
  text: text(2000),
  weight: positive.default(1),
  guidance: scoreText.optional().describe('What a score looks like, by score value'),
  knockout: knockout.optional(),
  evidence: z.boolean().optional().describe('Evidence (a document or link) is expected with the answer'),
});

export const areaSchema = z.strictObject({
  id: slug,
  name: text(200),
  weight: positive.describe('Any positive number; weights are normalised to sum 1'),
  description: text(2000).optional(),
  knockout: knockout.optional(),
  questions: z.array(questionSchema).min(1, 'an area needs at least one question'),
});

const semver = z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'must be an integer or a semver string such as "1.2.0"');

export const rubricSchema = z
  .strictObject({
    id: slug,
    version: z.union([z.number().int('must be an integer or a quoted semver string such as "1.1.0"').nonnegative(), semver]),
    title: text(200),
    description: text(4000).optional(),
    scale: z.strictObject({
      min: finite,
      max: finite,
      step: positive.default(1),
      labels: scoreText.optional(),
    }),
    missing: z.enum(['min', 'ignore']).default('min'),
    aggregate: z.enum(['mean', 'median']).default('mean'),
    disagreement: z.number().nonnegative('must be 0 or more').optional(),
    areas: z.array(areaSchema).min(1, 'a rubric needs at least one area'),
  })
  .superRefine((r, ctx) => {
    const { min, max, step } = r.scale;
    if (!(max > min)) {
      ctx.addIssue({ code: 'custom', path: ['scale', 'max'], message: `must be greater than scale.min (${min})` });
      return;
    }
    const onScale = (v: number) => v >= min - 1e-9 && v <= max + 1e-9 && isOnStep(v, min, step);
    if (!isOnStep(max, min, step)) {
      ctx.addIssue({ code: 'custom', path: ['scale', 'step'], message: `step ${step} does not divide the scale ${min}–${max} evenly` });
    }
    for (const k of Object.keys(r.scale.labels ?? {})) {
      if (!onScale(Number(k))) ctx.addIssue({ code: 'custom', path: ['scale', 'labels', k], message: `label for ${k}, which is not a value on the scale ${min}–${max} (step ${step})` });
    }
    const areaIds = new Map<string, number>();
    const questionIds = new Map<string, string>();
    r.areas.forEach((a, ai) => {
      if (areaIds.has(a.id)) ctx.addIssue({ code: 'custom', path: ['areas', ai, 'id'], message: `duplicate area id "${a.id}" (first used by area ${areaIds.get(a.id)! + 1})` });
      else areaIds.set(a.id, ai);
      if (a.knockout && (a.knockout.below <= min || a.knockout.below > max)) {
        ctx.addIssue({ code: 'custom', path: ['areas', ai, 'knockout', 'below'], message: `knockout threshold ${a.knockout.below} must be above the scale minimum ${min} and at most ${max}` });
      }
      a.questions.forEach((q, qi) => {
        const base = ['areas', ai, 'questions', qi];
        const seen = questionIds.get(q.id);
        if (seen !== undefined) ctx.addIssue({ code: 'custom', path: [...base, 'id'], message: `duplicate question id "${q.id}" (already used in area ${seen}); question ids must be unique across the rubric` });
        else questionIds.set(q.id, a.id);
        if (q.knockout && (q.knockout.below <= min || q.knockout.below > max)) {
          ctx.addIssue({ code: 'custom', path: [...base, 'knockout', 'below'], message: `knockout threshold ${q.knockout.below} must be above the scale minimum ${min} and at most ${max}` });
        }
        for (const k of Object.keys(q.guidance ?? {})) {
          if (!onScale(Number(k))) ctx.addIssue({ code: 'custom', path: [...base, 'guidance', k], message: `guidance for ${k}, which is not a value on the scale ${min}–${max} (step ${step})` });
        }
      });
    });
    for (const qid of questionIds.keys()) {
      if (areaIds.has(qid)) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: `"${qid}" is both an area id and a question id; --weights could not tell them apart` });
      }
    }
  });

export function isOnStep(v: number, min: number, step: number): boolean {
  const k = (v - min) / step;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

export type RubricInput = z.input<typeof rubricSchema>;
export type RubricFile = z.output<typeof rubricSchema>;
