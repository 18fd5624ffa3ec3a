/**
 * The judgments file of `vendorscore weights --from` (docs/files.md#judgments): the method, the
 * criteria (area ids) and the judgments the weights are derived from.
 */
import { z } from 'zod';
import { quote } from '../text/sanitize.js';
import { slug, text } from './common.js';

export const WEIGHT_METHODS = ['ahp', 'roc', 'swing', 'bwm'] as const;
export type WeightMethod = (typeof WEIGHT_METHODS)[number];
export const BWM_MODELS = ['non-linear', 'linear'] as const;

const FRACTION_RE = /^\s*([0-9]+)\s*(?:\/\s*([0-9]+)\s*)?$/;

/** A judgment's value: a number, or a fraction written "1/3"; NaN when the text is neither; null not yet given. */
export function entryValue(v: number | string | null): number {
  if (v === null) return Number.NaN;
  if (typeof v === 'number') return v;
  const m = FRACTION_RE.exec(v);
  if (!m) return Number.NaN;
  return Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2]));
}

/** On Saaty's scale: 1…9 or a reciprocal 1/2…1/9 (within 1e-9). */
export function onSaatyScale(x: number): boolean {
  const near = (y: number) => Math.abs(y - Math.round(y)) < 1e-9 && Math.round(y) >= 1 && Math.round(y) <= 9;
  return x > 0 && (near(x) || near(1 / x));
}

// null: not judged yet (an interactive session saves its progress in the same file).
const entry = z.union([z.number(), z.string().regex(FRACTION_RE, 'must be a number or a fraction such as "1/3"'), z.null()]);
const matrix = z.array(z.array(entry));
const panelMember = z.union([matrix, z.strictObject({ name: text(200).optional(), matrix })]);
const bwmEntry = z.number().int('must be a whole number from 1 to 9').min(1, 'must be from 1 to 9').max(9, 'must be from 1 to 9').nullable();

/** Keys that belong to one method only. */
const METHOD_KEYS: Record<string, WeightMethod> = {
  matrix: 'ahp', panel: 'ahp', order: 'roc', swing: 'swing',
  best: 'bwm', worst: 'bwm', 'best-to-others': 'bwm', 'others-to-worst': 'bwm', model: 'bwm',
};

/** The keys and their types; a session's unfinished file passes this (nulls, a short order). */
export const judgmentsShape = z.strictObject({
    method: z.enum(WEIGHT_METHODS),
    description: text(4000).optional(),
    criteria: z.array(slug).min(2, 'needs at least two criteria'),
    matrix: matrix.optional(),
    panel: z.array(panelMember).min(1, 'needs at least one matrix').optional(),
    order: z.array(slug).optional(),
    swing: z.record(slug, z.number().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100')).optional(),
    best: slug.optional(),
    worst: slug.optional(),
    'best-to-others': z.array(bwmEntry).optional(),
    'others-to-worst': z.array(bwmEntry).optional(),
    model: z.enum(BWM_MODELS).optional(),
  });

/** A complete judgments file: every judgment given, on its scale, and consistent in shape. */
export const judgmentsSchema = judgmentsShape.superRefine((j, ctx) => crossCheck(j, ctx));

export type JudgmentsFile = z.output<typeof judgmentsShape>;
export type Entry = z.output<typeof entry>;
type Ctx = z.core.$RefinementCtx<JudgmentsFile>;
type Path = (string | number)[];

function crossCheck(j: JudgmentsFile, ctx: Ctx): void {
  const add = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  j.criteria.forEach((c, i) => j.criteria.indexOf(c) < i && add(['criteria', i], `repeats ${quote(c)}`));
  for (const [key, method] of Object.entries(METHOD_KEYS)) {
    if (key in j && method !== j.method) add([key], `belongs to method ${method}, not ${j.method}`);
  }
  const checks: Record<WeightMethod, () => void> = {
    ahp: () => checkAhp(j, add),
    roc: () => checkOrder(j, add),
    swing: () => checkSwing(j, add),
    bwm: () => checkBwm(j, add),
  };
  checks[j.method]();
}

type Add = (path: Path, message: string) => void;
const FINISH = 'finish the judgments with vendorscore weights --method and --save naming this file';

function checkAhp(j: JudgmentsFile, add: Add): void {
  if ((j.matrix === undefined) === (j.panel === undefined)) {
    add([], 'needs, for method ahp, exactly one of matrix: (one person\'s judgments) or panel: (a list of matrices)');
    return;
  }
  if (j.matrix) checkMatrix(j.matrix, j.criteria, ['matrix'], add);
  j.panel?.forEach((m, k) => (Array.isArray(m) ? checkMatrix(m, j.criteria, ['panel', k], add) : checkMatrix(m.matrix, j.criteria, ['panel', k, 'matrix'], add)));
}

/** Size, scale, diagonal and reciprocity, each at the entry at fault. */
export function checkMatrix(m: readonly (readonly Entry[])[], criteria: readonly string[], at: Path, add: Add): void {
  const n = criteria.length;
  if (m.length !== n) return add(at, `must have ${n} rows, one per criterion in criteria order; it has ${m.length}`);
  const bad = m.findIndex((row) => row.length !== n);
  if (bad >= 0) return add([...at, bad], `must have ${n} entries, one per criterion (the row of ${criteria[bad]}); it has ${m[bad]!.length}`);
  const v = m.map((row) => row.map(entryValue));
  let ok = true;
  v.forEach((row, i) => row.forEach((x, k) => {
    if (m[i]![k] === null) {
      ok = false;
      add([...at, i, k], `is not judged yet (null: ${criteria[i]} against ${criteria[k]}); ${FINISH}`);
    } else if (Number.isNaN(x)) ok = false; // not a number or a fraction: said by the schema
    else if (i === k ? Math.abs(x - 1) > 1e-9 : !onSaatyScale(x)) {
      ok = false;
      add([...at, i, k], i === k ? `must be 1 on the diagonal (${criteria[i]} against itself), not ${show(m[i]![k]!)}` : `is ${show(m[i]![k]!)}, off Saaty's 1–9 scale: use 1…9 or a fraction 1/2…1/9 (${criteria[i]} against ${criteria[k]})`);
    }
  }));
  if (!ok) return;
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      if (Math.abs(v[i]![k]! * v[k]![i]! - 1) > 1e-6) {
        add([...at, k, i], `must be ${reciprocal(v[i]![k]!)}, the reciprocal of ${criteria[i]} against ${criteria[k]} (${show(m[i]![k]!)}), not ${show(m[k]![i]!)} (${criteria[k]} against ${criteria[i]})`);
      }
    }
  }
}

function show(e: Entry): string {
  return typeof e === 'string' ? quote(e) : String(e);
}

function reciprocal(x: number): string {
  return x >= 1 ? `"1/${Math.round(x)}"` : String(Math.round(1 / x));
}

function checkOrder(j: JudgmentsFile, add: Add): void {
  if (!j.order) return add([], 'needs, for method roc, order: the criteria, most important first');
  j.order.forEach((id, i) => {
    if (!j.criteria.includes(id)) add(['order', i], `is ${quote(id)}, not one of the criteria`);
    else if (j.order!.indexOf(id) < i) add(['order', i], `repeats ${quote(id)}`);
  });
  const missing = j.criteria.filter((c) => !j.order!.includes(c));
  if (missing.length > 0) add(['order'], `must list every criterion once; it lacks ${missing.map(quote).join(', ')}`);
}

function checkSwing(j: JudgmentsFile, add: Add): void {
  if (!j.swing) return add([], 'needs, for method swing, swing: the points of each criterion (0–100, the most important 100)');
  for (const id of Object.keys(j.swing)) if (!j.criteria.includes(id)) add(['swing', id], 'is not one of the criteria');
  const missing = j.criteria.filter((c) => !(c in j.swing!));
  if (missing.length > 0) add(['swing'], `must give points to every criterion; it lacks ${missing.map(quote).join(', ')}`);
  else if (Object.values(j.swing).every((p) => p <= 100) && Math.max(...Object.values(j.swing)) !== 100) add(['swing'], 'must give 100 to the most important criterion, and rate the others against it');
}

function checkBwm(j: JudgmentsFile, add: Add): void {
  const n = j.criteria.length;
  const need = (['best', 'worst', 'best-to-others', 'others-to-worst'] as const).filter((k) => j[k] === undefined);
  if (need.length > 0) return add([], `needs, for method bwm, ${need.join(', ')}`);
  const b = j.criteria.indexOf(j.best!);
  const w = j.criteria.indexOf(j.worst!);
  if (b < 0) add(['best'], `is ${quote(j.best!)}, not one of the criteria`);
  if (w < 0) add(['worst'], `is ${quote(j.worst!)}, not one of the criteria`);
  if (b >= 0 && b === w) add(['worst'], 'must differ from best');
  const bo = j['best-to-others']!;
  const ow = j['others-to-worst']!;
  for (const [key, vec] of [['best-to-others', bo], ['others-to-worst', ow]] as const) {
    if (vec.length !== n) add([key], `must have ${n} entries, one per criterion in criteria order; it has ${vec.length}`);
  }
  if (b < 0 || w < 0 || b === w || bo.length !== n || ow.length !== n) return;
  const open = [...bo.map((x, i) => ['best-to-others', i, x] as const), ...ow.map((x, i) => ['others-to-worst', i, x] as const)].filter(([, , x]) => x === null);
  for (const [key, i] of open) add([key, i], `is not judged yet (null: ${j.criteria[i]}); ${FINISH}`);
  if (open.length > 0) return;
  if (bo[b] !== 1) add(['best-to-others', b], `must be 1 (the best criterion against itself), not ${bo[b]}`);
  if (ow[w] !== 1) add(['others-to-worst', w], `must be 1 (the worst criterion against itself), not ${ow[w]}`);
  if (bo[w] !== ow[b]) add(['others-to-worst', b], `must be ${bo[w]}, as in best-to-others (best against worst), not ${ow[b]}`);
}
