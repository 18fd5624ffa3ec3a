import type { RubricFile } from './rubric.js';
import { crossCheck, priceCheck, type Ctx } from './rubric-rules.js';
import { MAX_WEIGHT, SLUG_RE, WEIGHT_EPSILON } from './rules.js';

/**
 * rubricSchema (rubric.ts) as a plain function, for the common case of a valid rubric: what
 * `rubricSchema.safeParse(data)` gives as `data` when it succeeds (zod's defaults applied), and
 * undefined when it fails, so zod, and its messages, are needed only for a rubric that fails
 * here. Written as a small copy of the schema, field for field, that holds no messages.
 * test/schema/rubric-check.test.ts holds the two to the same verdict and output. Change one,
 * change the other.
 */
export function validRubric(data: unknown): RubricFile | undefined {
  const r = rubric(data);
  return r === INVALID ? undefined : (r as RubricFile);
}

/** A parser: the value as zod outputs it, or INVALID. */
type Parse = (v: unknown) => unknown;
const INVALID = Symbol('invalid');

/** An object field: required (a bare parser), optional (absent stays absent), or with a default. */
type Field = Parse | { optional: Parse } | { parse: Parse; default: unknown };
const optional = (p: Parse): Field => ({ optional: p });
const withDefault = (p: Parse, d: unknown): Field => ({ parse: p, default: d });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** z.strictObject: the fields in the shape's order, and no key the shape lacks. */
function strict(shape: Record<string, Field>): Parse {
  const keys = Object.keys(shape);
  const known = new Set(keys);
  return (v) => {
    if (!isObject(v)) return INVALID;
    for (const k in v) if (!known.has(k)) return INVALID;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const f = shape[k]!;
      const present = k in v;
      if (typeof f === 'function') {
        if (!present) return INVALID;
        const r = f(v[k]);
        if (r === INVALID) return INVALID;
        out[k] = r;
      } else if ('optional' in f) {
        // Absent: no key. Present but undefined: the key, undefined (as zod keeps it).
        if (!present) continue;
        const r = v[k] === undefined ? undefined : f.optional(v[k]);
        if (r === INVALID) return INVALID;
        out[k] = r;
      } else {
        const r = v[k] === undefined ? f.default : f.parse(v[k]);
        if (r === INVALID) return INVALID;
        out[k] = r;
      }
    }
    return out;
  };
}

/** z.array(p).min(1). */
const nonEmptyList = (p: Parse): Parse => (v) => {
  if (!Array.isArray(v) || v.length < 1) return INVALID;
  const out: unknown[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) if ((out[i] = p(v[i])) === INVALID) return INVALID;
  return out;
};

/** zod's isPlainObject, which z.record asks for. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const ctor = v.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObject(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
}

/** z.record(z.string(), p): own enumerable keys; a symbol key fails, a __proto__ key is dropped. */
const record = (p: Parse): Parse => (v) => {
  if (!isPlainObject(v)) return INVALID;
  const out: Record<string, unknown> = {};
  for (const k of Reflect.ownKeys(v)) {
    if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, k)) continue;
    if (typeof k !== 'string') return INVALID;
    if ((out[k] = p(v[k])) === INVALID) return INVALID;
  }
  return out;
};

/** p, then a rule on its output. */
const refine = (p: Parse, ok: (v: never) => boolean): Parse => (v) => {
  const r = p(v);
  return r !== INVALID && ok(r as never) ? r : INVALID;
};
const union = (a: Parse, b: Parse): Parse => (v) => {
  const r = a(v);
  return r !== INVALID ? r : b(v);
};
const oneOf = (...values: string[]): Parse => (v) => (values.includes(v as string) ? v : INVALID);
const bool: Parse = (v) => (typeof v === 'boolean' ? v : INVALID);
const string: Parse = (v) => (typeof v === 'string' ? v : INVALID);

// common.ts
const finite: Parse = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : INVALID);
const between = (lo: number, hi: number) => refine(finite, (n: number) => n >= lo && n <= hi);
const text = (max: number) => refine(string, (s: string) => s.length >= 1 && s.length <= max);
const slug = refine(string, (s: string) => s.length <= 100 && SLUG_RE.test(s));
const positive = refine(finite, (n: number) => n > 0 && n <= MAX_WEIGHT && !(n < WEIGHT_EPSILON));
const matching = (re: RegExp, max = Number.POSITIVE_INFINITY) => refine(string, (s: string) => re.test(s) && s.length <= max);

// rubric.ts, in its order
const knockout = strict({ below: finite, reason: optional(text(500)) });
const scoreText = record(text(2000));
const question = strict({
  id: slug,
  text: text(2000),
  weight: withDefault(positive, 1),
  guidance: optional(scoreText),
  knockout: optional(knockout),
  evidence: optional(bool),
});
const area = strict({
  id: slug,
  name: text(200),
  short: optional(text(12)),
  weight: positive,
  description: optional(text(2000)),
  knockout: optional(knockout),
  questions: nonEmptyList(question),
});
const price = refine(
  strict({
    weight: between(0, 100),
    formula: oneOf('ratio', 'linear', 'range'),
    currency: matching(/^[A-Z]{3}$/),
    'min-quality': withDefault(between(0, 100), 0),
    'horizon-years': withDefault(positive, 1),
    range: optional(strict({ best: finite, worst: finite })),
  }),
  (p: Parameters<typeof priceCheck>[0]) => passes((ctx) => priceCheck(p, ctx)),
);
const panelRole = strict({ role: slug, name: optional(text(200)), areas: nonEmptyList(slug) });
const versionTag = matching(/^[0-9A-Za-z][0-9A-Za-z._+-]*$/, 50);
const rubric = refine(
  strict({
    id: slug,
    version: union(refine(finite, (n: number) => Number.isSafeInteger(n) && n >= 0), versionTag),
    title: text(200),
    description: optional(text(4000)),
    scale: strict({ min: finite, max: finite, step: withDefault(positive, 1), labels: optional(scoreText) }),
    missing: withDefault(oneOf('min', 'ignore'), 'min'),
    aggregate: withDefault(oneOf('mean', 'median'), 'mean'),
    disagreement: optional(union(between(0, Number.POSITIVE_INFINITY), matching(/^(100|[0-9]{1,2}(\.[0-9]+)?)%$/))),
    areas: nonEmptyList(area),
    price: optional(price),
    panel: optional(nonEmptyList(panelRole)),
    'min-evaluators': optional(refine(finite, (n: number) => Number.isSafeInteger(n) && n >= 1 && n <= 1000)),
    'require-declaration': optional(bool),
  }),
  (r: Parameters<typeof crossCheck>[0]) => passes((ctx) => crossCheck(r, ctx)),
);

/** Does a refinement add no issue? */
function passes(run: (ctx: Ctx) => void): boolean {
  let ok = true;
  run({ addIssue: () => void (ok = false) });
  return ok;
}
