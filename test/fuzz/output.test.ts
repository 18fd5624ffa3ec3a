/**
 * Output fuzzing: seeded workspaces whose every piece of text (rubric title, area names,
 * questions, guidance, labels, vendor and evaluator names, notes, evidence) is a random string
 * of dangerous fragments, run through a random command and format with colour forced, under
 * GitHub Actions. Everything printed passes the scan of test/helpers/scan.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult } from '../helpers/cli.js';
import { scan } from '../helpers/scan.js';
import { rng, SEED } from './mutate.js';

const WORKSPACES = Number(process.env.FUZZ_WORKSPACES ?? 12);
const root = mkdtempSync(path.join(tmpdir(), 'vendorscore-outfuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FRAGMENTS = [
  '\x1b[2J', '\x1b[H', '\x1b]8;;http://x.example/\x1b\\', '\x1b]52;c;eA==\x07', '\x1b]0;title\x07', '\x9b31m', '\x1bP1$r\x1b\\', '\x1b[8m', '\x1b[5m', '\x1b[38;5;1m', '\x1b',
  '\x85', '\x90', '\x00', '\x01', '\x07', '\x08', '\x7f', '\t', '\r', '\r\n', '\n', '\v', '\f', '\u2028',
  '\u202e', '\u202a', '\u2066', '\u2069', '\u200b', '\u200f', '\u061c', '\ufeff', '\u00ad', '\u{e0041}',
  '\n::add-mask::', '\n  ::stop-commands::', '\n\u00a0::set-output name=x::', '\n\u3000::error::', '\r::warning::', '##[', '##[error]', '%0A::', '::',
  'Acme', ' ', ':', ',', '|', '<b>', '"', "'", '\\', '=cmd', '-', 'é', '漢',
];

function hostile(next: () => number, parts: number): string {
  let s = '';
  for (let i = 0; i < 1 + Math.floor(next() * parts); i++) s += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
  return s;
}

/** A YAML double-quoted scalar: JSON's escapes are YAML's. */
const q = (s: string) => JSON.stringify(s);

function workspace(dir: string, next: () => number): void {
  const h = (n = 8) => q(`x${hostile(next, n)}`);
  writeFileSync(
    path.join(dir, 'rubric.yaml'),
    `id: fuzz\nversion: 1\ntitle: ${h()}\nscale: {min: 0, max: 5, labels: {0: ${h(4)}, 5: ${h(4)}}}\ndisagreement: 1\nareas:\n` +
      `  - id: one\n    name: ${h()}\n    weight: 2\n    description: ${h()}\n    knockout: {below: 1, reason: ${h()}}\n    questions:\n` +
      `      - {id: q1, text: ${h()}, evidence: true, guidance: {1: ${h()}, 5: ${h()}}}\n      - {id: q2, text: ${h()}}\n` +
      `  - id: two\n    name: ${h()}\n    weight: 1\n    questions:\n      - {id: q3, text: ${h()}}\n`,
  );
  mkdirSync(path.join(dir, 'evaluations'));
  for (const [v, e] of [['a', 'e1'], ['a', 'e2'], ['b', 'e1']]) {
    const score = () => Math.floor(next() * 6);
    writeFileSync(
      path.join(dir, 'evaluations', `${v}-${e}.yaml`),
      `vendor: {id: ${v}, name: ${h()}}\nrubric: fuzz@1\nevaluator: ${h()}\nanswers:\n` +
        `  q1: {score: ${score()}, notes: ${h(12)}, evidence: [${h()}, ${h()}]}\n  q2: ${next() < 0.3 ? 'null' : score()}\n  q3: {score: ${score()}, notes: ${h()}}\n`,
    );
  }
}

const R = ['--rubric', 'rubric.yaml'];
const COMMANDS: string[][] = [
  ...['table', 'markdown', 'json', 'csv', 'html'].map((f) => ['compare', 'evaluations', ...R, '--format', f]),
  ...['table', 'markdown', 'json', 'csv'].map((f) => ['score', 'a', 'evaluations', ...R, '--format', f]),
  ...['text', 'json', 'github'].map((f) => ['check', 'evaluations', ...R, '--format', f]),
  ...['table', 'markdown', 'json'].map((f) => ['rubric', 'show', 'rubric.yaml', '--format', f]),
  ['sensitivity', 'evaluations', ...R, '--samples', '20'],
  ['compare', 'evaluations', ...R, '--fail-under', '100', '--max-disagreement', '0'],
];

function run(args: readonly string[], cwd: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', FORCE_COLOR: '1' };
  delete env.NO_COLOR;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`output fuzz (seed ${SEED}, ${WORKSPACES} workspaces, 2 commands each, GITHUB_ACTIONS=true, FORCE_COLOR=1)`, () => {
  it('everything printed is clean, whatever the text', async () => {
    const next = rng(SEED ^ 0x0c7);
    const jobs: Array<{ dir: string; cmd: string[] }> = [];
    for (let w = 0; w < WORKSPACES; w++) {
      const dir = path.join(root, `w${w}`);
      mkdirSync(dir);
      workspace(dir, next);
      for (let k = 0; k < 2; k++) jobs.push({ dir, cmd: COMMANDS[Math.floor(next() * COMMANDS.length)]! });
    }
    // Two at a time: the machine is shared.
    const results: CliResult[] = [];
    for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => run(j.cmd, j.dir)))));
    jobs.forEach(({ dir, cmd }, i) => {
      const r = results[i]!;
      const what = `seed ${SEED} (${dir}), vendorscore ${cmd.join(' ')}`;
      expect([0, 1], `${what}\n${r.stderr.slice(0, 2000)}`).toContain(r.code);
      expect(r.stderr, what).not.toMatch(/internal error|\n\s+at \S/);
      scan(r.stdout, `${what}: stdout`, { github: true, csv: cmd.includes('csv') });
      scan(r.stderr, `${what}: stderr`, { github: true });
    });
  });
});
