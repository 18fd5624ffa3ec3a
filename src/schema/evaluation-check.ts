import type { EvaluationFile } from './evaluation.js';
import { dateProblem, SLUG_RE } from './rules.js';

/**
 * evaluationSchema (evaluation.ts) as a plain function, for the common case of a valid file:
 * true exactly when `evaluationSchema.safeParse(data)` succeeds, so zod, and its messages, are
 * needed only for a file that fails here. test/schema/evaluation-check.test.ts holds the two
 * to the same verdict. Change one, change the other.
 */
export function isValidEvaluation(data: unknown): data is EvaluationFile {
  const d = record(data);
  if (!d || !onlyKeys(d, TOP)) return false;
  const vendor = record(d.vendor);
  if (!vendor || !onlyKeys(vendor, VENDOR) || !optionalSlug(vendor.id) || !text(vendor.name, 200)) return false;
  if (typeof d.rubric !== 'string' || !RUBRIC_REF.test(d.rubric)) return false;
  if (!text(d.evaluator, 200) || !optionalSlug(d['evaluator-id'])) return false;
  if (d.date !== undefined && (typeof d.date !== 'string' || dateProblem(d.date) !== undefined)) return false;
  if (!optionalSlug(d.role) || !optionalText(d['conflict-of-interest'], 2000)) return false;
  if (d.answers === undefined) return true;
  const answers = record(d.answers);
  if (!answers) return false;
  for (const k in answers) if (!answer(answers[k])) return false;
  return true;
}

const TOP = new Set(['vendor', 'rubric', 'evaluator', 'evaluator-id', 'date', 'role', 'conflict-of-interest', 'answers']);
const VENDOR = new Set(['id', 'name']);
const ANSWER = new Set(['score', 'notes', 'evidence', 'flag']);
const RUBRIC_REF = /^[a-z0-9][a-z0-9-]*@\S+$/;

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function onlyKeys(o: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
}

const text = (v: unknown, max: number) => typeof v === 'string' && v.length >= 1 && v.length <= max;
const optionalText = (v: unknown, max: number) => v === undefined || text(v, max);
const optionalSlug = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= 100 && SLUG_RE.test(v));
const score = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

function answer(v: unknown): boolean {
  if (score(v)) return true;
  const a = record(v);
  if (!a || !onlyKeys(a, ANSWER) || !('score' in a) || !score(a.score)) return false;
  if (a.notes !== undefined && (typeof a.notes !== 'string' || a.notes.length > 20_000)) return false;
  if (!optionalText(a.flag, 200)) return false;
  const e = a.evidence;
  if (e === undefined || text(e, 2000)) return true;
  return Array.isArray(e) && e.length <= 100 && e.every((x) => text(x, 2000));
}
