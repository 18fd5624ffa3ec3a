/**
 * The file reader at its edges: the size limit to the byte, BOM and CRLF, and special files met
 * while walking a folder (a FIFO or a link to /dev/zero must be refused, never read or waited on).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/io/files.js';
import { fixture, runCli } from '../helpers/cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'vendorscore-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('reads a file of exactly the limit and refuses one byte more', () => {
    const f = path.join(root, 'exact.yaml');
    writeFileSync(f, 'a'.repeat(100));
    expect(readTextFile(f, 100)).toEqual({ text: 'a'.repeat(100) });
    writeFileSync(f, 'a'.repeat(101));
    expect(readTextFile(f, 100).problem).toMatchObject({ line: 1, col: 1, code: 'too-large', message: 'is 101 bytes, over the 100-byte limit (raise it with --max-file-size)' });
  });

  it('drops a byte-order mark and leaves CRLF to the parser', () => {
    const f = path.join(root, 'bom.yaml');
    writeFileSync(f, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('a: 1\r\nb: 2\r\n')]));
    expect(readTextFile(f)).toEqual({ text: 'a: 1\r\nb: 2\r\n' });
  });

  it('locates invalid UTF-8 at its line and column; a truncated character at the end too', () => {
    const f = path.join(root, 'latin1.yaml');
    writeFileSync(f, Buffer.concat([Buffer.from('a: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(readTextFile(f).problem).toMatchObject({ line: 2, col: 10, code: 'encoding', message: 'is not valid UTF-8 text; save it as UTF-8' });
    writeFileSync(f, Buffer.concat([Buffer.from('a: é'), Buffer.from([0xe2, 0x82])]));
    expect(readTextFile(f).problem).toMatchObject({ line: 1, col: 5, code: 'encoding' });
  });

  it('refuses a FIFO without waiting for a writer, and /dev/zero without reading it', () => {
    const fifo = path.join(root, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(readTextFile(fifo).problem).toMatchObject({ code: 'not-a-file', message: 'is a FIFO (named pipe), not a regular file' });
    expect(readTextFile('/dev/zero').problem).toMatchObject({ line: 0, code: 'system-file', message: 'is under /dev; vendorscore never reads files under /proc, /sys or /dev' });
    expect(readTextFile(path.join(root, 'missing.yaml')).problem).toMatchObject({ line: 0, code: 'not-found' });
  });
});

describe('special files inside a folder', () => {
  it('a FIFO and a link to /dev/zero among evaluations are refused by name; the other files are still checked', () => {
    const dir = path.join(root, 'ws');
    cpSync(fixture('bad', 'mixed', 'e-good.yaml'), path.join(dir, 'evaluations', 'good.yaml'));
    cpSync(fixture('bad', 'off-scale.yaml'), path.join(dir, 'evaluations', 'off-scale.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'evaluations', 'fifo.yaml')]);
    symlinkSync('/dev/zero', path.join(dir, 'evaluations', 'zero.yaml'));
    const r = runCli(['compare', 'evaluations'], { cwd: dir, timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'vendorscore: evaluations/zero.yaml: is a link into /dev; vendorscore never reads files under /proc, /sys or /dev',
      'evaluations/fifo.yaml:1:1: is a FIFO (named pipe), not a regular file',
      'evaluations/off-scale.yaml:6:19: score 7 for prompt-logging is off the scale 0–5',
      'evaluations/off-scale.yaml:7:20: score -1 for restate-problem is off the scale 0–5',
      "evaluations/off-scale.yaml:8:26: score 2.5 for push-back-vague-brief is not on the scale's step of 1 (from 0)",
      'evaluations/off-scale.yaml:9:27: score 5.0000001 for data-readiness is off the scale 0–5',
    ]);
  });
});
