/**
 * validRubric (the plain check the loader tries first) gives zod's verdict, and zod's output with
 * its defaults, on every input: the bundled rubrics, every rubric among the fixtures and
 * examples, values at every rule's edge, and seeded mutations of the bundled rubric.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/io/yaml.js';
import { MAX_WEIGHT } from '../../src/schema/common.js';
import { validRubric } from '../../src/schema/rubric-check.js';
import { rubricSchema } from '../../src/schema/rubric.js';
import { mutate, rng, SEED } from '../fuzz/mutate.js';
import { ROOT } from '../helpers/cli.js';

const tally = { valid: 0, invalid: 0 };
function same(data: unknown, what = ''): void {
  const plain = validRubric(data);
  // zod's cross-checks read the top level unguarded, so null and undefined throw there; the
  // loader passes only a mapping (a file whose top level is none stops before the schema).
  if (data === null || data === undefined) return void expect(plain).toBeUndefined();
  const zod = rubricSchema.safeParse(data);
  const label = `${what} ${JSON.stringify(data, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))?.slice(0, 400)}`;
  if (zod.success) expect(plain, label).toStrictEqual(zod.data);
  else expect(plain, `${label}: zod says ${zod.error.issues[0]?.message}`).toBeUndefined();
  tally[zod.success ? 'valid' : 'invalid']++;
}

const readData = (file: string) => parseYaml(file, readFileSync(file, 'utf8').replace(/^\ufeff/, '')).source?.data;
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
const isRubricData = (d: unknown) => typeof d === 'object' && d !== null && !Array.isArray(d) && ('areas' in d || 'scale' in d);
const bundled = () => readData(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'));

/** A rubric with every optional field given, so that every path has a value to vary. */
const full = () => ({
  id: 'r',
  version: '1.0.0',
  title: 'T',
  description: 'D',
  scale: { min: 0, max: 5, step: 1, labels: { '0': 'none', '5': 'all' } },
  missing: 'ignore',
  aggregate: 'median',
  disagreement: '30%',
  areas: [
    {
      id: 'a',
      name: 'A',
      short: 'A',
      weight: 2,
      description: 'D',
      knockout: { below: 1, reason: 'R' },
      questions: [
        { id: 'q', text: 'Q', weight: 3, guidance: { '1': 'g' }, knockout: { below: 2, reason: 'R' }, evidence: true },
        { id: 'q2', text: 'Q2' },
      ],
    },
    { id: 'b', name: 'B', weight: 1, questions: [{ id: 'q3', text: 'Q3' }] },
  ],
  price: { weight: 30, formula: 'range', currency: 'EUR', 'min-quality': 50, 'horizon-years': 3, range: { best: 10, worst: 100 } },
  panel: [{ role: 'sec', name: 'Security', areas: ['a'] }, { role: 'eng', areas: ['a', 'b'] }],
  'min-evaluators': 2,
  'require-declaration': false,
});
const minimal = () => ({ id: 'r', version: 1, title: 'T', scale: { min: 0, max: 5 }, areas: [{ id: 'a', name: 'A', weight: 1, questions: [{ id: 'q', text: 'Q' }] }] });

type Path = (string | number)[];
/** Every path in a value, containers included. */
function paths(v: unknown, at: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}
const DELETE = Symbol('delete');
/** A copy of `v` with the value at `p` replaced (or deleted). */
function withValue(v: unknown, p: Path, value: unknown): unknown {
  if (p.length === 0) return value;
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let o = copy;
  for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(o)) o.splice(last as number, 1);
    else delete o[last];
  } else o[last] = value;
  return copy;
}

const LENGTHS = [0, 1, 12, 13, 50, 51, 100, 101, 200, 201, 500, 501, 2000, 2001, 4000, 4001];
const EDGE_VALUES: unknown[] = [
  ...LENGTHS.map((n) => 'a'.repeat(n)),
  0, -0, 1, -1, 0.5, 2.5, 1e-10, 1e-9, 0.999e-9, MAX_WEIGHT, MAX_WEIGHT + 1, MAX_WEIGHT * 1.0000001, 100, 100.5, 1000, 1001, 1e15, 2 ** 53, 2 ** 53 - 1,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  null, undefined, true, false, [], {}, ['a'], { x: 1 }, '1', '3', 'A', '-a', 'a b', 'a_b', 'ab-1',
  '1.2.0', '1.0+build', '.1', 'x'.repeat(51), '30%', '100%', '101%', '0%', '99.5%', '5', 'min', 'ignore', 'mean', 'median', 'ratio', 'linear', 'range', 'USD', 'usd', 'EURO',
  { below: 1 }, { below: 6 }, { below: -1 }, { best: 1, worst: 2 }, { best: 2, worst: 1 }, { '2': 'x' }, { '2.5': 'x' }, { '6': 'x' }, { x: 'y' },
];

describe('validRubric agrees with rubricSchema, verdict and output', () => {
  it('on the bundled rubrics', () => {
    for (const f of yamlFiles(path.join(ROOT, 'rubrics'))) same(readData(f), f);
    expect(tally.valid).toBeGreaterThanOrEqual(4);
  });

  it('on every rubric among the fixtures and examples', () => {
    let n = 0;
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))]) {
      const data = readData(f);
      if (isRubricData(data)) (same(data, f), n++);
    }
    expect(n).toBeGreaterThan(10);
  });

  it('on every path of a full and a minimal rubric set to values at every edge, deleted, or given an unknown key', () => {
    for (const base of [full(), minimal()]) {
      same(base);
      for (const p of paths(base)) {
        same(withValue(base, p, DELETE), `delete ${p.join('.')}`);
        for (const v of EDGE_VALUES) same(withValue(base, p, v), `${p.join('.')} =`);
        const here = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], base);
        if (typeof here === 'object' && here !== null && !Array.isArray(here)) {
          for (const k of ['unknown', '__proto__', 'constructor', 'toString']) same(withValue(base, [...p, k], 1), `${p.join('.')}.${k}`);
        }
      }
    }
  });

  it('on the rules across fields', () => {
    const cases: [Path, unknown][] = [
      [['areas', 1, 'id'], 'a'], // duplicate area id
      [['areas', 1, 'questions', 0, 'id'], 'q'], // duplicate question id
      [['areas', 1, 'questions', 0, 'id'], 'a'], // an id both area and question
      [['scale'], { min: 0, max: 5, step: 2 }], // step not dividing
      [['scale'], { min: 0, max: 1, step: 0.1 }],
      [['scale'], { min: 0, max: 100, step: 0.1 }],
      [['scale'], { min: 0, max: 100, step: 0.09 }],
      [['scale'], { min: 0, max: 1000 }],
      [['scale'], { min: 0, max: 1001 }],
      [['scale'], { min: 5, max: 5 }],
      [['scale'], { min: 5, max: 0 }],
      [['scale'], { min: 0, max: 5, labels: { '5.5': 'x' } }], // a label off the scale
      [['scale'], { min: 0, max: 5, labels: { ' 3': 'x', '': 'y' } }],
      [['scale', 'labels'], JSON.parse('{"__proto__": "x", "1": "one"}')], // dropped by the record, as zod drops it
      [['scale', 'labels'], JSON.parse('{"__proto__": 3}')],
      [['areas', 0, 'questions', 0, 'guidance'], JSON.parse('{"__proto__": 3, "7": "x"}')],
      [['areas', 0, 'knockout', 'below'], 5.5], // knockout outside the scale
      [['areas', 0, 'questions', 0, 'knockout', 'below'], 0],
      [['areas', 0, 'questions', 0, 'knockout', 'below'], 5],
      [['panel', 1, 'areas'], ['a', 'c']], // panel with an unknown area
      [['panel', 1, 'role'], 'sec'], // duplicate role
      [['panel'], [{ role: 'x', areas: ['b'] }]],
      [['price', 'range'], DELETE], // formula range without a range
      [['price', 'range'], { best: 100, worst: 100 }],
      [['price', 'range'], { best: 100, worst: 10 }],
      [['price', 'formula'], 'ratio'],
      [['price'], { weight: 0, formula: 'linear', currency: 'USD' }], // defaults of min-quality and horizon-years
      [['price'], { weight: 100, formula: 'range', currency: 'USD', range: { best: 0, worst: 1 } }],
      [['price'], { weight: 100, formula: 'ratio', currency: 'USD', range: { best: 2, worst: 1 } }],
      [['price'], { weight: 10, formula: 'ratio', currency: 'USD', 'min-quality': undefined, 'horizon-years': undefined, range: undefined }],
      [['disagreement'], 0],
      [['disagreement'], 2],
      [['disagreement'], -0.5],
      [['disagreement'], '40'],
      [['disagreement'], '1.5%'],
      [['version'], 0],
      [['version'], 1.5],
      [['version'], -1],
      [['version'], '1.2.0-rc.1'],
      [['version'], 'v2'],
      [['description'], undefined], // present but undefined: zod keeps the key
    ];
    const has = (base: unknown, p: Path) => p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], base) !== undefined;
    for (const base of [full(), minimal()]) for (const [p, v] of cases) if (has(base, p)) same(withValue(base, p, v), `${p.join('.')} =`);
    expect(tally.valid).toBeGreaterThan(100);
    expect(tally.invalid).toBeGreaterThan(1000);
  });

  it('on seeded mutations of the bundled rubric: keys changed, deleted and added, types swapped, numbers tweaked', () => {
    const next = rng(SEED + 2);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const seed = bundled();
    const tweak = (n: number) => pick([n + 1, n - 1, n * 10, -n, n / 3, n + 0.5, 0, n * 1e9]);
    let data: unknown = seed;
    for (let n = 0; n < 3000; n++) {
      // Mutations pile up for a while (most mutants are invalid at once), then start afresh.
      if (n % 4 === 0) data = seed;
      const p = pick(paths(data));
      const here = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], data);
      const op = Math.floor(next() * 6);
      if (op === 0) data = withValue(data, p, DELETE);
      else if (op === 1) data = withValue(data, p, pick(EDGE_VALUES));
      else if (op === 2 && typeof here === 'number') data = withValue(data, p, tweak(here));
      else if (op === 3 && typeof here === 'object' && here !== null) data = withValue(data, [...p, Array.isArray(here) ? here.length : pick(['unknown', 'weight', 'step', 'labels', 'guidance', 'knockout'])], structuredClone(pick(EDGE_VALUES)));
      else if (op === 4) data = withValue(data, p, structuredClone(pick(paths(seed)).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], seed))); // a value from elsewhere
      else data = withValue(data, p, typeof here === 'string' ? Number(here) || here.length : typeof here === 'number' ? String(here) : [here]);
      same(data, `mutant ${n}`);
    }
  });

  it('on the data of byte-mutated rubric files', () => {
    const next = rng(SEED + 3);
    const seeds = yamlFiles(path.join(ROOT, 'rubrics')).map((f) => readFileSync(f));
    for (let n = 0; n < 500; n++) {
      const data = parseYaml('m.yaml', mutate(seeds[n % seeds.length]!, next).toString('utf8')).source?.data;
      if (data !== undefined) same(data, `byte mutant ${n}`);
    }
  });
});
