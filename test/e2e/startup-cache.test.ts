import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** A copy of the package's bin/ and dist/ (node_modules linked), to break its code cache in. */
function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-cache-'));
  for (const d of ['bin', 'dist', 'rubrics', 'examples']) cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Runs the CLI of `pkg` in it as its bin does; `cached`: whether a code cache was used (load() of bin/vendorscore.js). */
function run(pkg: string, args: string[]): { code: number | null; stdout: string; cached: boolean } {
  const probe = `const { load } = require(${JSON.stringify(path.join(pkg, 'bin', 'vendorscore.js'))}); const l = load(); process.on('exit', () => process.stderr.write('cached=' + l.cached)); l.exports.main(process.argv);`;
  const r = spawnSync(process.execPath, ['-e', probe, 'vendorscore', ...args], { cwd: pkg, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, cached: /cached=true$/.test(r.stderr) };
}

const COMPARE = ['compare', 'examples/evaluations', '--format', 'json'];

describe('the code cache', () => {
  it('the build made caches this node accepts, for a command and for help', () => {
    expect(run(ROOT, COMPARE)).toMatchObject({ code: 0, cached: true });
    expect(run(ROOT, ['compare', '--help'])).toMatchObject({ code: 0, cached: true });
  });

  it('missing, truncated, or made for other bundle bytes, it is left unused and the CLI works the same', () => {
    const expected = run(ROOT, COMPARE).stdout;
    expect(JSON.parse(expected).vendors.length).toBeGreaterThan(0);

    const missing = copy();
    rmSync(path.join(missing, 'dist', 'cli.cache'));
    expect(run(missing, COMPARE)).toEqual({ code: 0, stdout: expected, cached: false });

    // V8 refuses it (as it would one made by another Node version): compiled afresh, no error.
    const truncated = copy();
    const cache = path.join(truncated, 'dist', 'cli.cache');
    writeFileSync(cache, readFileSync(cache).subarray(0, 4096));
    expect(run(truncated, COMPARE)).toEqual({ code: 0, stdout: expected, cached: false });

    // A rebuild stamps a new id into the bundle (same length, so V8's own check would pass).
    const rebuilt = copy();
    const bundle = path.join(rebuilt, 'dist', 'cli.cjs');
    const text = readFileSync(bundle, 'latin1');
    const id = /\/\*build ([0-9a-f]{64})\*\//.exec(text)!.at(1)!;
    writeFileSync(bundle, text.replace(id, [...id].reverse().join('')), 'latin1');
    expect(run(rebuilt, COMPARE)).toEqual({ code: 0, stdout: expected, cached: false });
  });
});
