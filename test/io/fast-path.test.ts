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
