import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let root: string;
const evaluation = (scores: string) => `vendor: {id: acme-ai, name: Acme AI}\nrubric: ai-vendor@1\nevaluator: Ann\nanswers:\n${scores}`;

function commit(dir: string, author: string, date: string, message: string): void {
  execFileSync('git', ['-c', `user.name=${author}`, '-c', 'user.email=a@example.com', 'commit', '-q', '-a', '-m', message], {
    cwd: dir,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vendorscore-history-'));
  const repo = path.join(root, 'repo');
  mkdirSync(path.join(repo, 'evaluations', 'acme-ai'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const file = path.join(repo, 'evaluations', 'acme-ai', 'ann.yaml');
  writeFileSync(file, evaluation('  prompt-logging: 3\n  restate-problem: 4\n'));
  execFileSync('git', ['add', '.'], { cwd: repo });
  commit(repo, 'Ann Lee', '2026-11-20T10:00:00+00:00', 'First scores');
  writeFileSync(file, evaluation('  prompt-logging: {score: 2, notes: after the review}\n  restate-problem: 4\n'));
  // A hostile author name: an escape sequence and a bidi override never reach the terminal raw.
  commit(repo, 'Bob \x1b[31mRed\u202e', '2026-11-21T09:30:00+00:00', 'Lower prompt-logging');
  execFileSync('git', ['mv', 'evaluations/acme-ai/ann.yaml', 'evaluations/acme-ai/ann-lee.yaml'], { cwd: repo });
  commit(repo, 'Ann Lee', '2026-11-22T09:00:00+00:00', 'Rename');
  mkdirSync(path.join(root, 'plain', 'evaluations'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('history', () => {
  it('lists who changed which score when, oldest first; a move is not a change', () => {
    const r = runCli(['history'], { cwd: path.join(root, 'repo') });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^[0-9a-f]{10}  2026-11-20T10:00:00\+00:00  Ann Lee: First scores$/);
    expect(lines[1]).toBe('  acme-ai · Ann · prompt-logging: – → 3  (evaluations/acme-ai/ann.yaml)');
    expect(lines[2]).toBe('  acme-ai · Ann · restate-problem: – → 4  (evaluations/acme-ai/ann.yaml)');
    expect(lines[4]).toMatch(/^[0-9a-f]{10}  2026-11-21T09:30:00\+00:00  Bob .*Red.*: Lower prompt-logging$/);
    expect(lines[5]).toBe('  acme-ai · Ann · prompt-logging: 3 → 2  (evaluations/acme-ai/ann.yaml)');
    expect(lines).toHaveLength(7);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).not.toContain('\u202e');
  });

  it('json: one entry per change with the full commit', () => {
    const r = runCli(['history', 'acme-ai', '--format', 'json'], { cwd: path.join(root, 'repo') });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.vendor).toBe('acme-ai');
    expect(j.changes).toHaveLength(3);
    expect(Object.keys(j.changes[2])).toEqual(['commit', 'date', 'author', 'subject', 'file', 'vendor', 'evaluator', 'question', 'from', 'to']);
    expect(j.changes[2]).toMatchObject({ question: 'prompt-logging', from: 3, to: 2, file: 'evaluations/acme-ai/ann.yaml' });
    expect(j.changes[2].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(runCli(['history', 'other-vendor', '--format', 'json'], { cwd: path.join(root, 'repo') }).stdout).toBe('{\n  "vendor": "other-vendor",\n  "changes": []\n}\n');
  });

  it('in a folder that is not a repository, says so (exit 2)', () => {
    const r = runCli(['history'], { cwd: path.join(root, 'plain') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('vendorscore: evaluations is not in a git repository, so there is no history to read (commit the evaluation files to git, then try again)\n');
  });
});
