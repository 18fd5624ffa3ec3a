import type { Comparison, VendorResult } from '../core/types.js';
import { safeJson } from '../text/sanitize.js';

/** The docs/json.md shape of one vendor. Numbers unrounded; key order stable. */
export function vendorJson(v: VendorResult) {
  return {
    id: v.id,
    name: v.name,
    rank: v.rank,
    total: v.total,
    status: v.status,
    complete: v.complete,
    evaluators: v.evaluators,
    areas: v.areas.map((a) => ({
      id: a.id,
      weight: a.weight,
      score: a.score,
      normalized: a.normalized,
      // A question weight other than the default 1 is written so `vendorscore diff` can re-score the file.
      questions: a.questions.map((q) => ({ id: q.id, ...(q.weight === 1 ? {} : { weight: q.weight }), score: q.score, scores: { ...q.scores }, disagreement: q.disagreement })),
    })),
    knockouts: v.knockouts.map((k) => ({
      rule: k.rule,
      area: k.area,
      ...(k.question === undefined ? {} : { question: k.question }),
      score: k.score,
      below: k.below,
      reason: k.reason,
    })),
    flags: v.flags.map((f) => ({ code: f.code, message: f.message, ...(f.area ? { area: f.area } : {}), ...(f.question ? { question: f.question } : {}) })),
  };
}

export function comparisonJson(c: Comparison, vendors: readonly VendorResult[] = c.vendors) {
  return {
    rubric: { id: c.rubric.id, version: c.rubric.version, scale: { min: c.rubric.scale.min, max: c.rubric.scale.max } },
    options: { aggregate: c.options.aggregate, missing: c.options.missing, ...(c.options.normalise ? { normalise: c.options.normalise } : {}) },
    vendors: vendors.map(vendorJson),
  };
}

export function renderJson(c: Comparison, vendors: readonly VendorResult[] = c.vendors): string {
  return safeJson(comparisonJson(c, vendors)) + '\n';
}
