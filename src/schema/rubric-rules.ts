import { clip, quote } from '../text/sanitize.js';
import { isOnStep, MAX_SCALE_VALUES } from './rules.js';
import { didYouMean } from './suggest.js';

/**
 * The rubric's rules that span fields (docs/files.md#rubric), without zod: rubricSchema
 * (rubric.ts) runs them as its refinements, to word the problems, and the plain check
 * (rubric-check.ts) with a ctx that only notes whether any was found. Kept free of zod so that
 * the common path of every command never loads it (scripts/build.mjs, lazyModules).
 */

/** The price's rule: formula range needs a range whose best cost is below its worst. */
export function priceCheck(p: { formula: string; range?: { best: number; worst: number } }, ctx: Ctx): void {
  if (p.formula !== 'range') return;
  if (!p.range) ctx.addIssue({ code: 'custom', path: ['formula'], message: 'range needs range: {best, worst}, the costs scoring 100 and 0' });
  else if (!(p.range.best < p.range.worst)) ctx.addIssue({ code: 'custom', path: ['range', 'best'], message: `must be below range.worst (${p.range.worst}): best is the cost scoring 100, worst the cost scoring 0` });
}

export interface LooseRubric {
  scale?: { min?: unknown; max?: unknown; step?: unknown; labels?: unknown };
  areas?: unknown;
  panel?: unknown;
}
export type Ctx = { addIssue: (i: { code: 'custom'; path: (string | number)[]; message: string }) => void };
const num = (v: unknown, d?: number): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Ids unique, panel roles naming real areas, a sound scale, and labels, guidance and knockouts on it. */
export function crossCheck(r: LooseRubric, ctx: Ctx): void {
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
