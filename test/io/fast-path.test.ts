/**
 * The loader on both reading paths (src/io/load.ts parseSource): the fast reader with its lazy
 * Document, and the full reader alone. For every catalogue file, example and fuzzed mutant, an
 * evaluation or a rubric loads to the same value with the same problems, at the same lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRubricPath, evaluationFromSource, loadRubric, looksLikeRubric, parseSource, rubricFromSource } from '../../src/io/load.js';
import { parseYaml } from '../../src/io/yaml.js';
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

describe('the loader gives the same result on the fast path and the full one', () => {
  it('on the catalogue, the examples and the bundled rubrics', () => {
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'rubrics'))]) {
      const text = decode(readFileSync(f));
      if (text !== undefined) bothWays(path.relative(ROOT, f), text);
    }
  });

  it(`on fuzzed mutants (seed ${SEED}, ${MUTANTS})`, () => {
    const next = rng(SEED + 2);
    const seeds = corpus();
    for (let n = 0; n < MUTANTS; n++) {
      const text = decode(mutate(seeds[Math.floor(next() * seeds.length)]!.bytes, next));
      if (text !== undefined) bothWays(`mutant-${n}.yaml`, text);
    }
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
