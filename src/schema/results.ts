import { z } from 'zod';
import type { Results } from '../core/diff.js';
import { quote } from '../text/sanitize.js';
import { positive } from './common.js';
import { valueAt } from './validate.js';

/*
 * Results files: what `compare --format json` writes (docs/json.md), read back by `diff` and
 * `--baseline`. They can be edited by hand or forged, so every number the arithmetic reads must
 * be one that compare could have written: totals 0–100, scores on the file's own scale, shares
 * 0–1, ids unique. Unknown keys pass (movement columns, later additions).
 */

/** Float noise: a mean of maximum scores can come out a hair above the maximum. */
const NOISE = 1e-9;
const within = (lo: number, hi: number) => (v: number) => v >= lo - NOISE * (hi - lo) && v <= hi + NOISE * (hi - lo);

const questionResult = z.object({
  id: z.string(),
  // Written since question weights could differ from 1; older files lack it (then 1).
  weight: positive.optional(),
  score: z.number().nullable(),
  scores: z.record(z.string(), z.number()),
  // The consensus meeting's outcome (docs/json.md); score null: the average kept. Older files lack it.
  agreed: z.object({ score: z.number().nullable() }).loose().optional(),
});
const areaResult = z.object({
  id: z.string(),
  weight: z.number().refine(within(0, 1), 'must be a share from 0 to 1'),
  score: z.number().nullable().optional(),
  normalized: z.number().refine(within(0, 100), 'must be from 0 to 100').nullable().optional(),
  questions: z.array(questionResult),
});
const knockoutResult = z.object({ reason: z.string(), question: z.string().optional(), area: z.string().optional() });
const vendorResult = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().int().min(1, 'must be 1 or more').nullable(),
  total: z.number().refine(within(0, 100), 'must be a total from 0 to 100'),
  quality: z.number().refine(within(0, 100), 'must be a quality total from 0 to 100').optional(),
  status: z.enum(['qualified', 'disqualified', 'below-min-quality', 'no-quote']),
  complete: z.boolean(),
  evaluators: z.array(z.string()),
  areas: z.array(areaResult),
  knockouts: z.array(knockoutResult),
});

export const resultsSchema = z
  .object({
    rubric: z.object({ id: z.string(), version: z.union([z.number(), z.string()]), scale: z.object({ min: z.number(), max: z.number() }) }),
    options: z.object({ aggregate: z.enum(['mean', 'median']), missing: z.enum(['min', 'ignore']) }),
    vendors: z.array(vendorResult),
  })
  .superRefine((r, ctx) => {
    const problem = impossible(r);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });

type Parsed = z.output<typeof resultsSchema>;
type Where = { path: Array<string | number>; message: string };

/** The first thing no `compare` run could have written, beyond the shape: O(size of the file). */
function impossible(r: Parsed): Where | undefined {
  const { min, max } = r.rubric.scale;
  if (!(max > min)) return { path: ['rubric', 'scale', 'max'], message: `must be greater than rubric.scale.min (${min})` };
  const onScale = within(min, max);
  const scale = `on the scale ${min}–${max}`;
  const vendorIds = new Set<string>();
  for (const [vi, v] of r.vendors.entries()) {
    const at = (...p: Array<string | number>) => ['vendors', vi, ...p];
    if (vendorIds.has(v.id)) return { path: at('id'), message: `repeats the vendor id ${quote(v.id)}` };
    vendorIds.add(v.id);
    if ((v.rank === null) !== (v.status !== 'qualified')) return { path: at('rank'), message: v.rank === null ? 'is null, but only a disqualified vendor has no rank' : `must be null for a ${v.status} vendor` };
    const evaluators = new Set(v.evaluators);
    if (evaluators.size !== v.evaluators.length) return { path: at('evaluators'), message: 'lists an evaluator twice' };
    const areaIds = new Set<string>();
    const questionIds = new Set<string>();
    for (const [ai, a] of v.areas.entries()) {
      if (areaIds.has(a.id)) return { path: at('areas', ai, 'id'), message: `repeats the area id ${quote(a.id)}` };
      areaIds.add(a.id);
      if (a.score != null && !onScale(a.score)) return { path: at('areas', ai, 'score'), message: `must be ${scale}` };
      for (const [qi, q] of a.questions.entries()) {
        const qat = (...p: string[]) => at('areas', ai, 'questions', qi, ...p);
        if (questionIds.has(q.id)) return { path: qat('id'), message: `repeats the question id ${quote(q.id)}` };
        questionIds.add(q.id);
        if (q.score !== null && !onScale(q.score)) return { path: qat('score'), message: `must be ${scale}` };
        for (const [e, s] of Object.entries(q.scores)) if (!onScale(s)) return { path: qat('scores', e), message: `must be ${scale}` };
        if (q.agreed && q.agreed.score !== null && !onScale(q.agreed.score)) return { path: qat('agreed', 'score'), message: `must be ${scale}` };
      }
    }
  }
  return undefined;
}

const KINDS: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', object: 'an object', array: 'a list', boolean: 'true or false' };

function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  return String(v);
}

/** Parses a results file; the message names the key and the first thing wrong with it, for `file: message`. */
export function parseResults(data: unknown): { results?: Results; error?: string } {
  const r = resultsSchema.safeParse(data);
  if (r.success) return { results: r.data satisfies Results };
  const issue = r.error.issues[0]!;
  // Keys under `scores` are evaluator names: free text, so quoted.
  const key = issue.path.length > 0 ? issue.path.map((p) => (/^[\w-]{1,80}$/.test(String(p)) ? String(p) : quote(String(p)))).join('.') : 'the top level';
  const value = valueAt(data, issue.path);
  let what: string;
  if (issue.code === 'invalid_type' && value === undefined) what = 'is missing';
  // JSON reads 1e999 as Infinity, which no total or score can be.
  else if (issue.code === 'invalid_type' && typeof value === 'number' && !Number.isFinite(value)) what = `must be a finite number, not ${shown(value)}`;
  else if (issue.code === 'invalid_type') what = `must be ${KINDS[issue.expected] ?? issue.expected}, not ${shown(value)}`;
  else if (issue.code === 'invalid_value') what = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${shown(value)}`;
  else what = `${issue.message}${typeof value === 'number' ? `, not ${shown(value)}` : ''}`;
  return { error: `is not a results file written by \`vendorscore compare --format json\`: ${key} ${what}` };
}
