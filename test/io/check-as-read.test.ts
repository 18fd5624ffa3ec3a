// loadWorkspace checks each evaluation as it is read when the rubric is known before the files
// are (--rubric, or none among them), keeping only its authorship of the data; otherwise once
// every file is read. Both ways give the same workspace: the same evaluations, the same
// problems in the same order at the same lines, on the fast path and the full one.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace, type WorkspaceOptions } from '../../src/io/load.js';
import { corpus, mutate, rng, SEED } from '../fuzz/mutate.js';
import { ROOT } from '../helpers/cli.js';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);
const tmp = mkdtempSync(path.join(tmpdir(), 'vendorscore-as-read-'));

afterEach(() => {
  delete process.env.VENDORSCORE_SLOW_PATH;
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Every folder of the catalogue and the examples that holds YAML files, and a few files on their own. */
function workspaces(): string[][] {
  const out: string[][] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir);
    if (entries.some((f) => /\.ya?ml$/.test(f))) out.push([dir]);
    for (const f of entries) if (statSync(path.join(dir, f)).isDirectory()) walk(path.join(dir, f));
  };
  walk(path.join(ROOT, 'test', 'fixtures'));
  walk(path.join(ROOT, 'examples'));
  out.push([path.join(ROOT, 'examples', 'evaluations'), path.join(ROOT, 'test', 'fixtures', 'duplicate-evaluator')]);
  return out;
}

function bothWays(opts: WorkspaceOptions): void {
  const asRead = loadWorkspace(opts);
  const after = loadWorkspace({ ...opts, checkAsRead: false });
  expect(asRead, opts.paths.join(' ')).toStrictEqual(after);
}

describe('checking each evaluation as it is read', () => {
  for (const slow of [false, true]) {
    it(`gives what checking after reading gives, on the catalogue and the examples (${slow ? 'full' : 'fast'} path)`, () => {
      if (slow) process.env.VENDORSCORE_SLOW_PATH = '1';
      const all = workspaces();
      for (const paths of all) {
        for (const keepNotes of [true, false]) bothWays({ paths, keepNotes });
        bothWays({ paths, rubric: path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), keepNotes: false, outlines: true });
      }
      expect(all.length).toBeGreaterThan(20);
    });
  }

  it(`gives what checking after reading gives, on a workspace of fuzzed mutants (seed ${SEED}, ${MUTANTS})`, () => {
    const dir = path.join(tmp, 'mutants');
    cpSync(path.join(ROOT, 'examples', 'evaluations'), dir, { recursive: true });
    const next = rng(SEED + 29);
    const seeds = corpus();
    for (let n = 0; n < MUTANTS; n++) writeFileSync(path.join(dir, `mutant-${n}.yaml`), mutate(seeds[Math.floor(next() * seeds.length)]!.bytes, next));
    bothWays({ paths: [dir], keepNotes: false, outlines: true });
    bothWays({ paths: [dir] });
  });

  for (const name of ['aa-rubric.yaml', 'zz-rubric.yaml']) {
    it(`reads the evaluations checked before it again when a rubric turns up among the files (${name})`, () => {
      const dir = path.join(tmp, `with-${name}`);
      cpSync(path.join(ROOT, 'examples', 'evaluations'), path.join(dir, 'evaluations'), { recursive: true });
      cpSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), path.join(dir, name));
      const { workspace } = loadWorkspace({ paths: [dir] });
      expect(workspace?.rubric.file).toBe(path.join(dir, name));
      expect(workspace?.evaluations.length).toBeGreaterThan(5);
      bothWays({ paths: [dir] });
      bothWays({ paths: [dir], keepNotes: false, outlines: true });
      // Two rubrics: an error either way.
      cpSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), path.join(dir, 'mm-rubric.yaml'));
      bothWays({ paths: [dir] });
    });
  }
});
