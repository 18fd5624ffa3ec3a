/**
 * The fast path stays fast: loading a folder of well-formed files builds no YAML Document at
 * all (the Document is made only to locate a problem). A check that reads `src.doc` for every
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

  it('builds one when a file has a problem to locate', () => {
    calls.length = 0;
    loadWorkspace({ paths: [path.join(ROOT, 'test', 'fixtures', 'bad', 'off-scale.yaml')] });
    expect(calls.length).toBeGreaterThan(0);
  });
});
