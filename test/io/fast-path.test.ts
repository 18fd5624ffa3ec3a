/**
 * The loader on both reading paths (src/io/load.ts parseSource): the fast reader with its lazy
 * Document, and the full reader alone. For every catalogue file, example and fuzzed mutant, an
 * evaluation or a rubric loads to the same value with the same problems, at the same lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRubricPath, evaluationFromSource, loadRubric, loadSource, locatingSource, looksLikeRubric, parseSource, rubricFromSource } from '../../src/io/load.js';
import { parseYaml, positionOf } from '../../src/io/yaml.js';
import { fastLocated, fastOutlined, parseYamlFast } from '../../src/io/yaml-fast.js';
import { UserError } from '../../src/errors.js';
import { corpus, mutate, rng, SEED } from '../fuzz/mutate.js';
import { ROOT } from '../helpers/cli.js';

const rubric = loadRubric(defaultRubricPath()).rubric!;
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);

function decode(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return undefined;
  }
}

function outcome(parsed: ReturnType<typeof parseYaml>) {
  if (!parsed.source) return { problems: parsed.problems };
  if (looksLikeRubric(parsed.source)) return { rubric: rubricFromSource(parsed.source) };
  return { evaluation: evaluationFromSource(parsed.source, rubric) };
}

function bothWays(name: string, text: string): void {
  expect(outcome(parseSource(name, text)), name).toStrictEqual(outcome(parseYaml(name, text)));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

/** MUTANTS fuzzed files that are UTF-8, named mutant-N.yaml, from the seed plus `offset`. */
function* mutants(offset: number): Generator<[string, string]> {
  const next = rng(SEED + offset);
  const seeds = corpus();
  for (let n = 0; n < MUTANTS; n++) {
    const text = decode(mutate(seeds[Math.floor(next() * seeds.length)]!.bytes, next));
    if (text !== undefined) yield [`mutant-${n}.yaml`, text];
  }
}

describe('the loader gives the same result on the fast path and the full one', () => {
  it('on the catalogue, the examples and the bundled rubrics', () => {
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'rubrics'))]) {
      const text = decode(readFileSync(f));
      if (text !== undefined) bothWays(path.relative(ROOT, f), text);
    }
  });

  it(`on fuzzed mutants (seed ${SEED}, ${MUTANTS})`, () => {
    for (const [name, text] of mutants(2)) bothWays(name, text);
  });
});

describe('a fast-path file read again to locate a problem', () => {
  const text = 'vendor: {name: Acme AI}\nrubric: ai-vendor@1\nevaluator: Dana\nanswers:\n  restate-problem: 9\n';

  it('gives the positions the text it was read from gives', () => {
    let reads = 0;
    const { source } = parseSource('acme.yaml', text, () => (reads++, text));
    expect(reads).toBe(0);
    expect(evaluationFromSource(source!, rubric).problems).toStrictEqual(evaluationFromSource(parseYaml('acme.yaml', text).source!, rubric).problems);
    expect(reads).toBe(1);
  });

  it('refuses a file whose data changed in between, with one located line', () => {
    const { source } = parseSource('acme.yaml', text, () => text.replace('9', '8'));
    let error: unknown;
    try {
      evaluationFromSource(source!, rubric);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual(['acme.yaml:1:1: changed while vendorscore was reading it; run the command again']);
  });

  it('takes an edit that leaves the data as it was (a comment, a space)', () => {
    const { source } = parseSource('acme.yaml', text, () => `# edited\n${text}`);
    expect(evaluationFromSource(source!, rubric).problems[0]).toMatchObject({ line: 6, code: 'off-scale' });
  });
});

describe('positions from the fast reader (locateFast) are the Document\'s', () => {
  /** Every path into the data, and one step past each (a key that is not there). */
  function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push([...at, 'no-such-key']);
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([...at, i]), paths(x, [...at, i], out)));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push([...at, k]), paths(x, [...at, k], out));
    return out;
  }

  function samePositions(name: string, text: string): number {
    const fast = parseSource(name, text).source;
    if (!fast?.position) return 0;
    const full = parseYaml(name, text).source!;
    let n = 0;
    for (const p of paths(fast.data)) {
      if (p.length === 0) continue;
      for (const key of [false, true]) {
        const got = fast.position(p, key);
        if (got === undefined) continue;
        n++;
        expect(got, `${name} ${JSON.stringify(p)} key=${key}`).toStrictEqual(positionOf(full, p, key));
      }
    }
    return n;
  }

  it('on the catalogue, the examples and the bundled rubrics', () => {
    let n = 0;
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'rubrics'))]) {
      const text = decode(readFileSync(f));
      if (text !== undefined) n += samePositions(path.relative(ROOT, f), text);
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('on hand-made layouts: comments, blank lines, block scalars, nested lists, flow collections', () => {
    const texts = [
      'a:\n  # c\n  b: 1\n',
      'a:\n\n  b: 1\n',
      'a: >-\n  folded\n  text\nb: |\n  lit\n',
      'a:\n- x\n- y: 1\n  z: [1, {q: 2}]\n',
      'a:\n  - - 1\n',
      'a: {b: 1, c: [x, "y"]}\nd:\ne: ~\nf: ""\n',
      'a:   # trailing\n  b: 2\n',
      'top: 1 # c\n"q k": 2\n\'s\': 3\n',
    ];
    // Most answered by the fast reader itself (the rest, after a comment line, by the Document).
    expect(texts.reduce((n, t, i) => n + samePositions(`layout-${i}.yaml`, t), 0)).toBeGreaterThan(60);
  });

  it(`on fuzzed mutants (seed ${SEED}, ${MUTANTS})`, () => {
    for (const [name, text] of mutants(3)) samePositions(name, text);
  });

  it("check's one-reading locatingSource gives what loadSource and the Document give, on every file of the catalogue and the examples", () => {
    let n = 0;
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))]) {
      const loaded = loadSource(f).source;
      const located = locatingSource(f);
      expect(located === undefined, f).toBe(loaded === undefined);
      if (!loaded || !located) continue;
      expect(located.file).toBe(loaded.file);
      for (const p of paths(loaded.data)) {
        for (const key of [false, true]) {
          n++;
          expect(positionOf(located, p, key), `${f} ${JSON.stringify(p)} key=${key}`).toStrictEqual(positionOf(loaded, p, key));
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});

describe("an Outline (check's positions, kept from the first reading) gives the Locator's positions", () => {
  /** The paths check asks (every top-level key, every answer and its flag) and a few it never finds. */
  function asked(data: Record<string, unknown>): (string | number)[][] {
    const out: (string | number)[][] = [[], ['no-such-key'], ['answers', 'no-such-question'], ['answers', 'no-such-question', 'flag'], ['vendor', 'name'], ['answers', 0]];
    for (const k of Object.keys(data)) out.push([k], [k, 'flag']);
    const answers = data.answers;
    if (answers !== null && typeof answers === 'object') for (const q of Object.keys(answers)) out.push(['answers', q], ['answers', q, 'flag'], ['answers', q, 'score'], ['answers', q, 'flag', 0]);
    return out;
  }

  /** How many paths the Outline answered; each answer is the Locator's and the Document's. */
  function sameAsLocator(name: string, text: string): number {
    const outlined = fastOutlined(text, 'not-notes');
    const located = fastLocated(text);
    expect(outlined === undefined, name).toBe(located === undefined);
    if (!outlined || !located) return 0;
    expect(outlined.data, name).toStrictEqual(parseYamlFast(text));
    const full = parseYaml(name, text).source!;
    let n = 0;
    for (const p of asked(outlined.data)) {
      const got = outlined.outline.position(p);
      if (got === undefined) continue;
      n++;
      expect(got, `${name} ${JSON.stringify(p)}`).toStrictEqual(located.locate(p, false));
      expect(got, `${name} ${JSON.stringify(p)}`).toStrictEqual(positionOf(full, p));
    }
    return n;
  }

  it('on the catalogue and the examples', () => {
    let n = 0;
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))]) {
      const text = decode(readFileSync(f));
      if (text !== undefined) n += sameAsLocator(path.relative(ROOT, f), text);
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('on hand-made evaluations: flags, empty values, comment lines, flow and list answers', () => {
    const head = 'vendor: {name: Acme}\nrubric: ai-vendor@1\nevaluator: Dana\n';
    const texts = [
      `${head}answers:\n  a: 3\n  b:\n    score: 2\n    flag: ask again\n  c:\n    flag:\n    score: 1\n`,
      `${head}answers:\n  a:\n    # a comment line first\n    score: 2\n    flag: x\n  b:\n\n    score: 1\n    flag:\n      # below a comment\n      deep\n`,
      `${head}answers:\n  a: {score: 2, flag: x}\n  b: [1, 2]\n  c:\n  - score: 1\n`,
      `${head}answers: {a: 3}\n`,
      `${head}answers:\n`,
      `${head}answers:\n# between\n  a: 3\n`,
      `evaluator:\n  # c\n  Dana\nanswers:\n  "quoted q":\n    flag: 'x'\n  '7':\n    score: 7\n`,
    ];
    expect(texts.reduce((n, t, i) => n + sameAsLocator(`outline-${i}.yaml`, t), 0)).toBeGreaterThan(25);
  });

  it('leaves to the Locator a position too far down to pack', () => {
    const text = `${'# line\n'.repeat(20_000)}evaluator: Dana\nanswers:\n  a: 3\n`;
    const outlined = fastOutlined(text)!;
    expect(outlined.outline.position(['evaluator'])).toBeUndefined();
    expect(outlined.outline.position(['answers', 'a'])).toBeUndefined();
    expect(fastLocated(text)!.locate(['answers', 'a'], false)).toStrictEqual({ line: 20_003, col: 6 });
  });

  it(`on fuzzed mutants (seed ${SEED}, ${MUTANTS})`, () => {
    for (const [name, text] of mutants(5)) sameAsLocator(name, text);
  });
});
