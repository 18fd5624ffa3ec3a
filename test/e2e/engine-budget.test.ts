/**
 * A command that finds many files to read raises V8's interrupt budget on Node 20 (V8 11), so
 * that the optimising compiler takes only the functions the run keeps hot (src/engine.ts); a
 * short run is left as it is, and a budget the user gives node stays theirs. V8 itself tells:
 * with --trace-opt it prints one "[marking" line per function it sends to that compiler, and
 * with --single-threaded (every compile on the main thread, in the order the bytecode budget
 * runs out) the count is the same on every run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../scripts/big-inputs.mjs';
import { MANY_FILES } from '../../src/engine.js';
import { BIN } from '../helpers/cli.js';

const V8_11 = process.versions.v8.startsWith('11.');

/** 50 vendors × 5 evaluators (250 files), and 18 × 5 (90 files, fewer than MANY_FILES). */
let many: string;
let fewer: string;
beforeAll(() => {
  many = mkdtempSync(path.join(tmpdir(), 'vendorscore-budget-'));
  writeWorkspace(many, { vendors: 50, evaluators: 5 });
  fewer = mkdtempSync(path.join(tmpdir(), 'vendorscore-budget-'));
  writeWorkspace(fewer, { vendors: 18, evaluators: 5 });
});
afterAll(() => [many, fewer].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Functions V8 sends to its optimising compiler while `compare` runs on the workspace, and the run's stdout. */
function marked(nodeFlags: string[], root = many): { count: number; stdout: string } {
  const args = [...nodeFlags, '--single-threaded', '--trace-opt', BIN, 'compare', '--rubric', path.join(root, 'rubric.yaml'), path.join(root, 'evaluations'), '--format', 'json'];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status).toBe(0);
  const lines = r.stdout.split('\n');
  return { count: lines.filter((l) => l.startsWith('[marking ')).length, stdout: lines.filter((l) => !l.startsWith('[')).join('\n') };
}

describe.runIf(V8_11)("V8's interrupt budget", () => {
  it(`is raised for ${MANY_FILES} files or more: fewer functions go to the optimising compiler than under the default, and the output is the same`, () => {
    const tuned = marked([]);
    const stock = marked(['--interrupt-budget=67584']);
    expect(stock.count).toBeGreaterThan(10);
    expect(tuned.count).toBeLessThan(stock.count * 0.8);
    expect(JSON.parse(tuned.stdout)).toEqual(JSON.parse(stock.stdout));
  });

  it(`is left as it is for fewer than ${MANY_FILES} files`, () => {
    const stock = marked(['--interrupt-budget=67584'], fewer);
    expect(stock.count).toBeGreaterThan(5);
    expect(marked([], fewer)).toEqual(stock);
    expect(marked(['--interrupt-budget=202752'], fewer).count).toBeLessThan(stock.count);
  });

  it('given by the user on the command line, is left as they gave it', () => {
    // Far above the tuned one (almost nothing is hot enough for the optimising compiler), and far below.
    const tuned = marked([]).count;
    expect(marked(['--interrupt-budget=50000000']).count).toBeLessThan(tuned);
    expect(marked(['--interrupt_budget=2000']).count).toBeGreaterThan(tuned);
  });
});
