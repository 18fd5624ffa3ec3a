/**
 * The executable ends as soon as a command is done (src/cli/index.ts: exitWhenWritten), but never
 * before what it wrote has left: a reader that is slow to drain a pipe still gets every byte, on
 * stdout and on stderr, and the exit code stays the command's own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../scripts/big-inputs.mjs';
import { BIN, runCli } from '../helpers/cli.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vendorscore-exit-'));
  // 150 vendors × 3 evaluators: megabytes of JSON, many times what a pipe holds (64 KB).
  writeWorkspace(root, { vendors: 150, evaluators: 3 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI with both streams piped and read only after `waitMs`: the writes fill the pipes first. */
function slowRead(args: string[], waitMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: undefined } });
    child.stdout.pause();
    child.stderr.pause();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    setTimeout(() => {
      child.stdout.resume();
      child.stderr.resume();
    }, waitMs);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('the process ends as soon as the command is done', () => {
  it('without the way out Node takes when its loop runs dry (no beforeExit), keeping the exit code; output still waiting in a pipe gets that way out', () => {
    // Preloaded: says on stderr which way the process ended ('beforeExit' only comes on Node's own).
    const probe = path.join(root, 'probe.cjs');
    writeFileSync(probe, "process.on('beforeExit', () => require('fs').writeSync(2, 'beforeExit\\n'));\n");
    const run = (args: string[]) => spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ok = run(['compare', '--format', 'json', '--out', path.join(root, 'probe-out.json'), '--force']);
    expect(ok.status).toBe(0);
    expect(ok.stderr).not.toContain('beforeExit');
    const failed = run(['compare', '--format', 'json', '--out', path.join(root, 'probe-out.json'), '--force', '--fail-under', '100']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('gate failed');
    expect(failed.stderr).not.toContain('beforeExit');
    // 600 KB of messages into a pipe nobody has read yet: they are still waiting, so Node's own way out.
    const waiting = run(['check', '--strict']);
    expect(waiting.status).toBe(1);
    expect(waiting.stderr).toContain('beforeExit');
  });
});

describe('the process ends only when its output has left', () => {
  it('a slow reader of stdout gets the whole report', async () => {
    const file = path.join(root, 'out.json');
    const written = runCli(['compare', '--format', 'json', '--out', file], { cwd: root });
    expect(written.code).toBe(0);
    const expected = readFileSync(file, 'utf8');
    expect(expected.length).toBeGreaterThan(1 << 20);
    const r = await slowRead(['compare', '--format', 'json'], 700);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(expected.length);
    expect(r.stdout).toBe(expected);
  }, 60_000);

  it('a slow reader of stderr gets every message, and the exit code is the command’s', async () => {
    const fast = runCli(['check', '--strict'], { cwd: root });
    expect(fast.code).toBe(1);
    expect(fast.stderr.length).toBeGreaterThan(1 << 16);
    const r = await slowRead(['check', '--strict'], 700);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(fast.stderr);
    expect(r.stdout).toBe(fast.stdout);
  }, 60_000);
});
