import type { Comparison, QuestionResult, VendorResult } from '../core/types.js';
import { MappedList } from '../text/json-chunks.js';
import { safeJson, safeJsonChunks } from '../text/sanitize.js';

/** The docs/json.md shape of one vendor. Numbers unrounded; key order stable. */
export function vendorJson(v: VendorResult, priced = false) {
  return {
    id: v.id,
    name: v.name,
    rank: v.rank,
    total: v.total,
    quality: v.quality,
    // Written when the rubric prices (null under --quality-only); a below-min-quality vendor's is always null.
    ...(priced ? { price: v.price === null ? null : { cost: v.price.cost, currency: v.price.currency, score: v.price.score } } : {}),
    status: v.status,
    complete: v.complete,
    evaluators: v.evaluators,
    areas: v.areas.map((a) => ({
      id: a.id,
      weight: a.weight,
      score: a.score,
      normalized: a.normalized,
      // A question weight other than the default 1 is written so `vendorscore diff` can re-score the file.
      questions: a.questions.map((q) => ({ id: q.id, ...(q.weight === 1 ? {} : { weight: q.weight }), score: q.score, scores: { ...q.scores }, ...agreedJson(q), disagreement: q.disagreement })),
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

/** `agreed` beside the evaluators' scores, when the panel recorded an outcome (score null: the average kept). */
function agreedJson(q: QuestionResult): { agreed?: { score: number | null; reason: string; by: string[]; date: string } } {
  if (!q.agreed) return {};
  const { score, reason, by, date } = q.agreed;
  return { agreed: { score, reason, by: [...by], date } };
}

export function comparisonJson(c: Comparison, vendors: readonly VendorResult[] = c.vendors) {
  return { ...comparisonHead(c), vendors: vendors.map((v) => vendorJson(v, c.rubric.price !== undefined)) };
}

/** Everything of the comparison's JSON before its vendors. */
function comparisonHead(c: Comparison) {
  return {
    rubric: { id: c.rubric.id, version: c.rubric.version, scale: { min: c.rubric.scale.min, max: c.rubric.scale.max } },
    options: { aggregate: c.options.aggregate, missing: c.options.missing, ...(c.options.normalise ? { normalise: c.options.normalise } : {}) },
    ...(c.rubric.price ? { price: priceJson(c) } : {}),
  };
}

export function renderJson(c: Comparison, vendors: readonly VendorResult[] = c.vendors): string {
  return safeJson(comparisonJson(c, vendors)) + '\n';
}

/** renderJson's text in pieces, a vendor at a time: what compare prints, however many vendors there are. */
export function* renderJsonPieces(c: Comparison, vendors: readonly VendorResult[] = c.vendors): Generator<string> {
  yield* safeJsonChunks({ ...comparisonHead(c), vendors: new MappedList(vendors, (v) => vendorJson(v, c.rubric.price !== undefined)) });
  yield '\n';
}

/** The top-level `price` (docs/json.md): the rule applied and the reference set's lowest cost; null when the envelope stayed closed. */
export function priceJson(c: Comparison) {
  const p = c.price;
  if (!p) return null;
  return { formula: p.formula, weight: p.weight, currency: p.currency, minQuality: p.minQuality, horizonYears: p.horizonYears, lowestCost: p.lowestCost };
}
