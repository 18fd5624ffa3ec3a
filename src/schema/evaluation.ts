import { z } from 'zod';
import { calendarDate, slug, text } from './common.js';

const score = z.number().nullable();

export const answerObjectSchema = z.strictObject({
  score,
  notes: z.string().max(20_000, 'must be at most 20000 characters').optional(),
  evidence: z.union([text(2000), z.array(text(2000)).max(100, 'at most 100 items')]).optional(),
  flag: text(200).optional(),
});

/** A bare number is the score; null (or leaving the question out) means unanswered. */
export const answerSchema = z.union([score, answerObjectSchema]);

export const evaluationSchema = z.strictObject({
  vendor: z.strictObject({
    id: slug.optional().describe('Derived from name when absent'),
    name: text(200),
  }),
  rubric: z.string().regex(/^[a-z0-9][a-z0-9-]*@\S+$/, 'must name the rubric as id@version, such as ai-vendor@1'),
  evaluator: text(200),
  'evaluator-id': slug.optional().describe('Who the evaluator is; absent: the name, compared as its key'),
  date: calendarDate.optional().describe('When the answers were given, such as 2026-11-20'),
  role: slug.optional().describe("The evaluator's role on the panel: one of the rubric's panel roles, whose areas they score"),
  'conflict-of-interest': text(2000).optional().describe('A declaration of interests in the vendor: none, or what the interest is'),
  answers: z.record(z.string(), answerSchema).default({}),
});

export type EvaluationFile = z.output<typeof evaluationSchema>;
