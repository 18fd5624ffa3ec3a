/**
 * Subprocess fuzzing of the built CLI: seeded workspaces of mutated rubric and evaluation
 * files, run through compare, check and sensitivity. Every run must end with exit 0, 1 or 2 within its
 * timeout (a hang is a failure), with no internal error and no stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult } from '../helpers/cli.js';
import { corpus, mutate, rng, SEED } from './mutate.js';

const WORKSPACES = Number(process.env.FUZZ_WORKSPACES ?? 25);
const FORMATS = ['table', 'markdown', 'json', 'csv', 'html'];
const root = mkdtempSync(path.join(tmpdir(), 'vendorscore-clifuzz-'));
const PARALLEL = Math.max(2, availableParallelism());

/** runCli, but asynchronous, so several runs share the machine; killed after `timeout` ms (code null). */
function run(args: readonly string[], cwd: string, timeout: number): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, timeout, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`CLI fuzz (seed ${SEED}, ${WORKSPACES} workspaces, 3 commands each)`, () => {
  it('every run ends cleanly: exit 0, 1 or 2, no stack, no hang', async () => {
    const next = rng(SEED ^ 0x5eed);
    const seeds = corpus();
    const rubricSeed = seeds.find((s) => s.kind === 'rubric')!;
    const evaluations = seeds.filter((s) => s.kind === 'evaluation');
    // Build every workspace first (the random choices stay in one order), then run them in parallel.
    const jobs: Array<{ dir: string; cmd: string[] }> = [];
    for (let w = 0; w < WORKSPACES; w++) {
      const dir = path.join(root, `w${w}`);
      mkdirSync(path.join(dir, 'evaluations'), { recursive: true });
      const files = 1 + Math.floor(next() * 3);
      for (let f = 0; f < files; f++) {
        const s = evaluations[Math.floor(next() * evaluations.length)]!;
        writeFileSync(path.join(dir, 'evaluations', `e${f}.yaml`), next() < 0.8 ? mutate(s.bytes, next) : s.bytes);
      }
      const args: string[] = [];
      if (next() < 0.3) {
        writeFileSync(path.join(dir, 'rubric.yaml'), mutate(rubricSeed.bytes, next));
        args.push('--rubric', 'rubric.yaml');
      }
      const format = FORMATS[Math.floor(next() * FORMATS.length)]!;
      jobs.push({ dir, cmd: ['compare', 'evaluations', '--format', format, ...args] }, { dir, cmd: ['check', 'evaluations', ...args] });
      // Not drawn from next(), so the workspaces and the other commands stay as they were.
      jobs.push({ dir, cmd: ['sensitivity', 'evaluations', '--samples', '200', '--format', ['table', 'markdown', 'json'][w % 3]!, ...args] });
    }
    const results: CliResult[] = new Array(jobs.length);
    let cursor = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (cursor < jobs.length) {
          const i = cursor++;
          results[i] = await run(jobs[i]!.cmd, jobs[i]!.dir, 20_000);
        }
      }),
    );
    const codes: Record<string, number> = {};
    jobs.forEach(({ dir, cmd }, i) => {
      const r = results[i]!;
      const where = `seed ${SEED} (${dir}), vendorscore ${cmd.join(' ')}:\n${r.stderr.slice(0, 2000)}`;
      expect(r.code, where).not.toBeNull(); // null: killed by the timeout, a hang
      expect([0, 1, 2], where).toContain(r.code);
      if (cmd[0] === 'compare' || cmd[0] === 'sensitivity') expect(r.code, where).not.toBe(1);
      if (cmd[0] === 'sensitivity' && r.code === 0 && cmd.includes('json')) expect(() => JSON.parse(r.stdout), where).not.toThrow();
      expect(r.stderr, where).not.toMatch(/internal error|\n\s+at \S|Error:|RangeError|TypeError/);
      const key = `${cmd[0]}:${r.code}`;
      codes[key] = (codes[key] ?? 0) + 1;
    });
    // Both outcomes must occur: the mutants are neither all fine nor all broken.
    expect(codes['compare:0'] ?? 0).toBeGreaterThan(0);
    expect(codes['compare:2'] ?? 0).toBeGreaterThan(0);
    console.log(`cli fuzz seed ${SEED}: ${JSON.stringify(codes)}`);
  });
});
