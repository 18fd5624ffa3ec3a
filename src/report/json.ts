import type { Comparison, Flag, KnockoutHit, QuestionResult, VendorResult } from '../core/types.js';
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
    areas: v.areas.map((a) => ({ id: a.id, weight: a.weight, score: a.score, normalized: a.normalized, questions: a.questions.map(questionJson) })),
    knockouts: v.knockouts.map(knockoutJson),
    flags: v.flags.map(flagJson),
  };
}

/*
 * The objects a vendor has dozens of (its questions and flags) get their optional keys added one
 * at a time, in the order docs/json.md shows, rather than spread from conditional objects: a report
 * on thousands of vendors builds a hundred thousand of them, and the spreads cost twice as much.
 */

interface QuestionJson {
  id: string;
  /** Written when not the default 1, so `vendorscore diff` can re-score the file. */
  weight?: number;
  score: number | null;
  /** The evaluators' scores as aggregation keyed them (a null-prototype object), not copied: nothing changes them. */
  scores: Record<string, number>;
  /** The panel's outcome, when it recorded one (score null: the average kept). */
  agreed?: { score: number | null; reason: string; by: string[]; date: string };
  disagreement: boolean;
}

function questionJson(q: QuestionResult): QuestionJson {
  const out = { id: q.id } as QuestionJson;
  if (q.weight !== 1) out.weight = q.weight;
  out.score = q.score;
  out.scores = q.scores;
  if (q.agreed) out.agreed = { score: q.agreed.score, reason: q.agreed.reason, by: [...q.agreed.by], date: q.agreed.date };
  out.disagreement = q.disagreement;
  return out;
}

/** A copy, not the hit itself: the JSON's key order is this file's, whatever order core built it in. */
function knockoutJson(k: KnockoutHit): KnockoutHit {
  const out = { rule: k.rule, area: k.area } as KnockoutHit;
  if (k.question !== undefined) out.question = k.question;
  out.score = k.score;
  out.below = k.below;
  out.reason = k.reason;
  return out;
}

function flagJson(f: Flag): Flag {
  const out: Flag = { code: f.code, message: f.message };
  if (f.area) out.area = f.area;
  if (f.question) out.question = f.question;
  return out;
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
