/**
 * Bounds on sizes and numbers that every command shares: a scale's number of values, checked
 * where a rubric is read, so that nothing that lists the scale (the interview above all) ever
 * sees one of a billion values.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/cli.js';
import { answer, KEY, PtySession } from '../interview/pty.js';

describe('a scale with too many values', () => {
  it('the interview refuses it at its line:col, at once, writing nothing', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'vs-bounds-'));
    const s = new PtySession(['interview', '--rubric', fixture('bad', 'huge-scale.yaml'), '--vendor', 'Acme AI', '--evaluator', 'Dana'], { cwd });
    await s.waitFor(/huge-scale\.yaml:6:8: scale\.max makes 1000000001 scale values \(0–1000000000 in steps of 1\); at most 1001 are allowed, as in 0–100 in steps of 0\.1\n/);
    expect((await s.exited).exitCode).toBe(2);
  });

  it('a scale of exactly 1,001 values (0–100 in tenths) is interviewed, every value a choice', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'vs-bounds-'));
    writeFileSync(path.join(cwd, 'tenths.yaml'), 'id: tenths\nversion: 1\ntitle: Tenths\nscale: {min: 0, max: 100, step: 0.1}\nareas:\n  - id: a\n    name: A\n    weight: 1\n    questions:\n      - {id: q, text: How good?}\n');
    const s = new PtySession(['interview', '--rubric', 'tenths.yaml', '--vendor', 'Acme AI', '--evaluator', 'Dana'], { cwd });
    await s.waitFor('How good?');
    await answer(s, '99.9');
    await s.waitFor('❯ Finish: save and show the summary');
    s.write(KEY.enter);
    expect((await s.exited).exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'evaluations', 'acme-ai', 'dana.yaml'), 'utf8')).toMatch(/\n {2}q:\n {4}score: 99\.9\n|\n {2}q: 99\.9\n/);
  });
});
