import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTarget, tempPrefix, writeFileAtomic, WriteError } from '../../src/io/atomic.js';
import { acquireLock, lockPath, removeStaleTemps } from '../../src/io/evaluation-doc.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-atomic-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function refusal(f: () => void): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WriteError);
    return { code: (e as WriteError).code, message: (e as WriteError).message };
  }
  throw new Error('expected a WriteError');
}

describe('writeFileAtomic', () => {
  it('replaces a regular file and leaves only it', () => {
    const dir = tmp();
    const f = path.join(dir, 'a.txt');
    writeFileSync(f, 'old');
    writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('overwrite: false never replaces an existing file', () => {
    const dir = tmp();
    const f = path.join(dir, 'a.txt');
    writeFileAtomic(f, 'first', { overwrite: false });
    expect(readFileSync(f, 'utf8')).toBe('first');
    expect(refusal(() => writeFileAtomic(f, 'second', { overwrite: false })).code).toBe('EEXIST');
    expect(readFileSync(f, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('refuses a FIFO, a folder and symbolic links, and names the kind', () => {
    const dir = tmp();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    mkdirSync(path.join(dir, 'folder'));
    writeFileSync(path.join(dir, 'real'), 'keep');
    symlinkSync('real', path.join(dir, 'link'));
    for (const [name, kind] of [['fifo', 'a FIFO (named pipe)'], ['folder', 'a folder'], ['link', 'a symbolic link']]) {
      expect(refusal(() => writeFileAtomic(path.join(dir, name!), 'x')).message).toContain(`is ${kind}, not a regular file; refusing to replace it`);
    }
    expect(readFileSync(path.join(dir, 'real'), 'utf8')).toBe('keep');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('creates a missing folder only when asked', () => {
    const dir = tmp();
    const f = path.join(dir, 'x', 'y', 'a.txt');
    expect(refusal(() => checkTarget(f)).code).toBe('ENOENT');
    writeFileAtomic(f, 'made', { createParent: true });
    expect(readFileSync(f, 'utf8')).toBe('made');
  });
});

describe('temporary names', () => {
  it('keep the whole name when it is short, so removeStaleTemps finds them as before', () => {
    expect(tempPrefix('/x/dana.yaml')).toBe('.dana.yaml.');
  });

  it('fit in 255 bytes whatever the name, without splitting a character', () => {
    for (const name of ['r'.repeat(255), 'é'.repeat(127), '漢'.repeat(85), '😀'.repeat(63)]) {
      const longest = `${tempPrefix(name)}4194304.ffffffff.tmp`;
      expect(Buffer.byteLength(longest)).toBeLessThanOrEqual(255);
      expect(longest).not.toContain('\ufffd');
      expect(Buffer.from(longest).toString('utf8')).toBe(longest);
    }
  });

  it('removeStaleTemps finds the cut names of a long file name', () => {
    const dir = tmp();
    const file = path.join(dir, `${'e'.repeat(245)}.yaml`);
    const dead = path.join(dir, `${tempPrefix(file)}999999.a1b2c3d4.tmp`);
    writeFileSync(dead, 'x');
    expect(removeStaleTemps(file)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the lock file', () => {
  it('is written whole (never empty), and a second session is refused', () => {
    const dir = tmp();
    const file = path.join(dir, 'dana.yaml');
    const lock = acquireLock(file);
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => acquireLock(file)).toThrow(/is already open in another session/);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('in a folder that does not exist: a WriteError, and nothing created', () => {
    const dir = tmp();
    expect(refusal(() => acquireLock(path.join(dir, 'missing', 'dana.yaml'))).code).toBe('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });
});
