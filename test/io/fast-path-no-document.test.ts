/**
 * The fast path stays fast: loading a folder of well-formed files builds no YAML Document at
 * all, nor does locating a problem in a file the fast reader took (src/io/yaml-fast.ts fastLocator). A check that reads `src.doc` for every
 * file, as `looksLikeConsensus` once did, makes big workspaces several times slower; this
 * counts the full reader's calls and catches it.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const calls: string[] = [];
vi.mock('../../src/io/yaml.js', async (original) => {
  const real = await original<typeof import('../../src/io/yaml.js')>();
  return { ...real, parseYaml: (file: string, text: string) => (calls.push(file), real.parseYaml(file, text)) };
});

const { loadWorkspace } = await import('../../src/io/load.js');

describe('loading well-formed files on the fast path', () => {
  it('never builds a Document for the example evaluations, their consensus files or a rubric among them', () => {
    calls.length = 0;
    const { workspace, problems } = loadWorkspace({ paths: [path.join(ROOT, 'examples', 'evaluations'), path.join(ROOT, 'examples', 'agreed'), path.join(ROOT, 'examples', 'rubric-priced.yaml')] });
    expect(workspace?.evaluations.length).toBeGreaterThan(5);
    expect(workspace?.consensus.length).toBeGreaterThan(0);
    expect(problems.filter((p) => p.severity !== 'warning' && p.severity !== 'info')).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('locates a problem without one, at the line the full reader gives', () => {
    calls.length = 0;
    const file = path.join(ROOT, 'test', 'fixtures', 'bad', 'off-scale.yaml');
    const fast = loadWorkspace({ paths: [file] }).problems.filter((p) => p.code === 'off-scale');
    expect(calls).toEqual([]);
    process.env.VENDORSCORE_SLOW_PATH = '1';
    try {
      expect(fast).toStrictEqual(loadWorkspace({ paths: [file] }).problems.filter((p) => p.code === 'off-scale'));
    } finally {
      delete process.env.VENDORSCORE_SLOW_PATH;
    }
    expect(fast.length).toBeGreaterThan(0);
  });

  it('reads a file outside the fast subset (anchors and aliases) with the full reader', () => {
    calls.length = 0;
    loadWorkspace({ paths: [path.join(ROOT, 'test', 'fixtures', 'bad', 'alias-bomb.yaml')] });
    expect(calls.length).toBeGreaterThan(0);
  });
});
