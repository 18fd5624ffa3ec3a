import { z } from 'zod';
import { calendarDate, slug, text } from './common.js';

/** Who agreed: one name or a list of names (docs/files.md#consensus). */
const names = z.union([text(200), z.array(text(200)).min(1, 'must name at least one person').max(100, 'at most 100 names')]);

/** One question's outcome of the meeting: an agreed score, or the average kept; either way with a reason. */
export const agreementSchema = z
  .strictObject({
    score: z.number().optional(),
    keep: z.literal('average', { error: 'must be average (keep: average keeps the evaluators\' aggregate)' }).optional(),
    reason: text(2000),
    by: names,
    date: calendarDate,
  })
  .superRefine((a, ctx) => {
    if ((a.score === undefined) === (a.keep === undefined)) {
      ctx.addIssue({ code: 'custom', path: a.score === undefined ? [] : ['keep'], message: a.score === undefined ? 'needs a score (the agreed score) or keep: average' : 'cannot stand beside a score: give the agreed score or keep: average' });
    }
  });

export const consensusSchema = z.strictObject({
  vendor: slug.describe('The vendor id the evaluations use'),
  rubric: z.string().regex(/^[a-z0-9][a-z0-9-]*@\S+$/, 'must name the rubric as id@version, such as ai-vendor@1'),
  agreed: z.record(z.string(), agreementSchema).default({}),
});

export type ConsensusFile = z.output<typeof consensusSchema>;
