import { z } from 'zod';
import { clip, quote } from '../text/sanitize.js';
import { finite, positive, slug, text } from './common.js';
import { isOnStep, MAX_SCALE_VALUES } from './rules.js';
import { didYouMean } from './suggest.js';

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
  .superRefine((p, ctx) => {
    if (p.formula !== 'range') return;
    if (!p.range) ctx.addIssue({ code: 'custom', path: ['formula'], message: 'range needs range: {best, worst}, the costs scoring 100 and 0' });
    else if (!(p.range.best < p.range.worst)) ctx.addIssue({ code: 'custom', path: ['range', 'best'], message: `must be below range.worst (${p.range.worst}): best is the cost scoring 100, worst the cost scoring 0` });
  });

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

interface LooseRubric {
  scale?: { min?: unknown; max?: unknown; step?: unknown; labels?: unknown };
  areas?: unknown;
  panel?: unknown;
}
type Ctx = { addIssue: (i: { code: 'custom'; path: (string | number)[]; message: string }) => void };
const num = (v: unknown, d?: number): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function crossCheck(r: LooseRubric, ctx: Ctx): void {
  const areas = Array.isArray(r.areas) ? (r.areas as unknown[]) : [];
  const areaIds = new Map<string, number>();
  const questionIds = new Map<string, string>();
  areas.forEach((raw, ai) => {
    const a = obj(raw);
    if (!a || typeof a.id !== 'string') return;
    if (areaIds.has(a.id)) ctx.addIssue({ code: 'custom', path: ['areas', ai, 'id'], message: `duplicate area id ${quote(a.id)} (first used by area ${areaIds.get(a.id)! + 1})` });
    else areaIds.set(a.id, ai);
    const qs = Array.isArray(a.questions) ? (a.questions as unknown[]) : [];
    qs.forEach((rq, qi) => {
      const q = obj(rq);
      if (!q || typeof q.id !== 'string') return;
      const seen = questionIds.get(q.id);
      if (seen !== undefined) ctx.addIssue({ code: 'custom', path: ['areas', ai, 'questions', qi, 'id'], message: `duplicate question id ${quote(q.id)} (already used in area ${clip(seen)}); question ids must be unique across the rubric` });
      else questionIds.set(q.id, a.id as string);
    });
  });
  panelCheck(r.panel, areaIds, ctx);
  for (const qid of questionIds.keys()) {
    if (areaIds.has(qid)) ctx.addIssue({ code: 'custom', path: ['areas', areaIds.get(qid)!, 'id'], message: `${quote(qid)} is both an area id and a question id; use each id once, so that a weight given by id names one thing` });
  }

  const scale = obj(r.scale);
  const min = num(scale?.min);
  const max = num(scale?.max);
  const step = num(scale?.step, 1)!;
  if (min === undefined || max === undefined || !(step > 0)) return;
  if (!(max > min)) {
    ctx.addIssue({ code: 'custom', path: ['scale', 'max'], message: `must be greater than scale.min (${min})` });
    return;
  }
  const values = Math.floor((max - min) / step + 1e-9) + 1;
  if (!(values <= MAX_SCALE_VALUES)) {
    // With the default step the range is what is off (0–1e9); otherwise more likely the step.
    const at = step === 1 ? 'max' : 'step';
    const n = values > 1e15 ? 'more than 10^15' : String(values);
    ctx.addIssue({ code: 'custom', path: ['scale', at], message: `makes ${n} scale values (${min}–${max} in steps of ${step}); at most ${MAX_SCALE_VALUES} are allowed, as in 0–100 in steps of 0.1` });
  } else if (!isOnStep(max, min, step) || Math.round((max - min) / step) < 1) ctx.addIssue({ code: 'custom', path: ['scale', 'step'], message: `step ${step} does not divide the scale ${min}–${max} evenly` });
  const onScale = (v: number) => v >= min - 1e-9 && v <= max + 1e-9 && isOnStep(v, min, step);
  const scaleKeys = (rec: unknown, path: (string | number)[], what: string) => {
    for (const k of Object.keys(obj(rec) ?? {})) {
      if (!onScale(Number(k))) ctx.addIssue({ code: 'custom', path: [...path, k], message: `${what} for ${clip(k)}, which is not a value on the scale ${min}–${max} (step ${step})` });
    }
  };
  // A threshold outside (min, max] never or always fires; that is legal but almost surely a typo.
  const knockout = (ko: unknown, path: (string | number)[]) => {
    const below = num(obj(ko)?.below);
    if (below !== undefined && (below < min || below > max)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'knockout', 'below'], message: `knockout threshold ${below} is outside the scale ${min}–${max}` });
    }
  };
  scaleKeys(scale?.labels, ['scale', 'labels'], 'label');
  areas.forEach((raw, ai) => {
    const a = obj(raw);
    if (!a) return;
    knockout(a.knockout, ['areas', ai]);
    const qs = Array.isArray(a.questions) ? (a.questions as unknown[]) : [];
    qs.forEach((rq, qi) => {
      const q = obj(rq);
      if (!q) return;
      knockout(q.knockout, ['areas', ai, 'questions', qi]);
      scaleKeys(q.guidance, ['areas', ai, 'questions', qi, 'guidance'], 'guidance');
    });
  });
}

/** Each panel role once, naming areas the rubric has. */
function panelCheck(panel: unknown, areaIds: ReadonlyMap<string, number>, ctx: Ctx): void {
  if (!Array.isArray(panel)) return;
  const roles = new Set<string>();
  const ids = [...areaIds.keys()];
  panel.forEach((raw, pi) => {
    const p = obj(raw);
    if (!p) return;
    if (typeof p.role === 'string') {
      if (roles.has(p.role)) ctx.addIssue({ code: 'custom', path: ['panel', pi, 'role'], message: `duplicate panel role ${quote(p.role)}` });
      roles.add(p.role);
    }
    if (!Array.isArray(p.areas)) return;
    p.areas.forEach((a, i) => {
      if (typeof a !== 'string' || areaIds.has(a)) return;
      const hint = didYouMean(a, ids);
      ctx.addIssue({ code: 'custom', path: ['panel', pi, 'areas', i], message: `unknown area ${quote(a)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}` });
    });
  });
}

export type RubricInput = z.input<typeof rubricSchema>;
export type RubricFile = z.output<typeof rubricSchema>;
