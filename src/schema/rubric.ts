import { z } from 'zod';
import { finite, positive, slug, text } from './common.js';
import { crossCheck, priceCheck, type LooseRubric } from './rubric-rules.js';
import { isOnStep, MAX_SCALE_VALUES } from './rules.js';

export { isOnStep, MAX_SCALE_VALUES };

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
  short: text(12).optional().describe('A short name for narrow tables'),
  weight: positive.describe('Any positive number; weights are normalised to sum 1'),
  description: text(2000).optional(),
  knockout: knockout.optional(),
  questions: z.array(questionSchema).min(1, 'an area needs at least one question'),
});

/** docs/files.md#price: the commercial envelope's rules; optional, and without it nothing is priced. */
export const priceSchema = z
  .strictObject({
    weight: z.number().min(0, 'must be a percent from 0 to 100').max(100, 'must be a percent from 0 to 100').describe('Percent of the total given to price; the areas share the rest'),
    formula: z.enum(['ratio', 'linear', 'range']).describe('ratio: 100 × lowest / cost; linear: 100 × (1 − (cost − lowest) / lowest), at least 0; range: 100 at range.best, 0 at range.worst'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD').describe('Every quote must be in this currency; nothing is converted'),
    'min-quality': z.number().min(0, 'must be a quality total from 0 to 100').max(100, 'must be a quality total from 0 to 100').default(0).describe('A vendor whose quality total is below this is not priced'),
    'horizon-years': positive.default(1).describe('Yearly quote lines count this many times'),
    range: z.strictObject({ best: finite.describe('The cost that scores 100'), worst: finite.describe('The cost that scores 0') }).optional().describe('formula: range only: the cost scoring 100 and the cost scoring 0'),
  })
  .superRefine((p, ctx) => priceCheck(p, ctx));

const panelRoleSchema = z.strictObject({
  role: slug.describe('The role, as evaluations name it in role:'),
  name: text(200).optional().describe('How the role is shown, such as Security'),
  areas: z.array(slug).min(1, 'a role scores at least one area').describe('Ids of the areas this role scores'),
});

// Usually an integer or a semver string; any quoted tag without spaces works, since evaluations
// only need to name it exactly (rubric: id@version).
const versionTag = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._+-]*$/, 'must be an integer or a quoted version such as "1.2.0" (letters, digits, ".", "_", "+", "-")').max(50);

export const rubricSchema = z
  .strictObject({
    id: slug,
    version: z.union([z.number().int('must be an integer or a quoted semver string such as "1.1.0"').nonnegative(), versionTag]),
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
    // Scale points, or the relative rule: a share of the scale's range written as "30%".
    disagreement: z.union([z.number().nonnegative('must be 0 or more'), z.string().regex(/^(100|[0-9]{1,2}(\.[0-9]+)?)%$/, 'must be a number of scale points, or a share of the scale from 0% to 100%, such as 30%')]).optional(),
    areas: z.array(areaSchema).min(1, 'a rubric needs at least one area'),
    price: priceSchema.optional().describe('Price as a criterion of its own, scored from quote files (docs/files.md#price)'),
    panel: z.array(panelRoleSchema).min(1, 'a panel needs at least one role').optional().describe('The roles on the panel and the areas each scores; evaluators name their role'),
    'min-evaluators': z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional().describe('A vendor with fewer evaluators is incomplete (gateable with --require-complete)'),
    'require-declaration': z.boolean().optional().describe('check: an evaluation without conflict-of-interest is an error'),
  })
  // Runs even when other fields are invalid, so one pass reports every problem; hence the
  // defensive reading of a value that may be only partly well-formed.
  .superRefine((r, ctx) => crossCheck(r as unknown as LooseRubric, ctx), { when: () => true });

export type RubricInput = z.input<typeof rubricSchema>;
export type RubricFile = z.output<typeof rubricSchema>;
