/**
 * A save that fails in the middle of an interview (here: the folder turns read-only) keeps the
 * answer, says in one line what failed, and lets the person try again or quit with the resume
 * command; the lock file is never empty and is gone at the end.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { halfPoints, HALF_POINTS, loadEvaluationFile } from '../interview/helpers.js';
import { answer, choose, KEY, PtySession } from '../interview/pty.js';

// chmod does not stop root: as root the folder is made immutable (chattr +i) instead.
const root = process.getuid?.() === 0;
function probeChattr(): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-chattr-'));
  const ok = spawnSync('chattr', ['+i', dir]).status === 0 && spawnSync('chattr', ['-i', dir]).status === 0;
  rmSync(dir, { recursive: true, force: true });
  return ok;
}
const canLock = !root || probeChattr();
function readOnly(dir: string, on: boolean): void {
  if (root) expect(spawnSync('chattr', [on ? '+i' : '-i', dir]).status).toBe(0);
  else chmodSync(dir, on ? 0o555 : 0o755);
}
const REFUSED = root ? 'operation not permitted (EPERM)' : 'permission denied (EACCES)';

describe.runIf(canLock)('interview: a failed save', () => {
  it('says what failed in one line, keeps the answer, saves it on retry; quitting prints the unsaved answer and the resume command', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'vs-interview-save-'));
    const folder = path.join(cwd, 'evaluations', 'acme-ai');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'dana.yaml');
    const s = new PtySession(['interview', '--vendor', 'Acme AI', '--evaluator', 'Dana', '--rubric', HALF_POINTS], { cwd });
    try {
      await answer(s, '7');
      await s.waitFor('(logs)');
      // The lock is whole while the session holds it.
      expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: expect.any(Number) });

      readOnly(folder, true);
      await choose(s, '5');
      expect(await s.waitFor(/\? Not saved: .*/)).toBe(`? Not saved: evaluations/acme-ai/dana.yaml: cannot write: ${REFUSED}`);
      await s.waitFor('❯ Try again');
      expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({ keys: { score: 7, evidence: [] } });
      readOnly(folder, false);
      s.write(KEY.enter);
      // Saved on the second try; the session goes on to the notes of the same answer.
      await s.waitFor('? Notes');
      expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({ keys: { score: 7, evidence: [] }, logs: { score: 5, evidence: [] } });
      s.write(KEY.enter);
      await s.waitFor('? Evidence');
      s.write(KEY.enter);

      await s.waitFor('(shipped)');
      readOnly(folder, true);
      await choose(s, '9');
      await s.waitFor('❯ Try again');
      readOnly(folder, false);
      s.write(KEY.down);
      await s.waitFor('❯ Quit');
      s.write(KEY.enter);
      const tail = await s.waitFor(/vendorscore: the answer[\s\S]*Resume with: .*\n/);
      expect(tail).toBe(
        [
          `vendorscore: the answer to shipped was not saved: evaluations/acme-ai/dana.yaml: cannot write: ${REFUSED}`,
          'Unsaved answer to shipped: score 9',
          '2 of 4 answers are saved in evaluations/acme-ai/dana.yaml.',
          `Resume with: vendorscore interview --vendor 'Acme AI' --evaluator Dana --rubric ${HALF_POINTS} --out ${file}`,
          '',
        ].join('\n'),
      );
      expect((await s.exited).exitCode).toBe(2);
    } finally {
      readOnly(folder, false);
      s.kill('SIGKILL');
    }
    expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({ keys: { score: 7, evidence: [] }, logs: { score: 5, evidence: [] } });
    // No lock, no temporary file.
    expect(readdirSync(folder)).toEqual(['dana.yaml']);
    expect(existsSync(`${file}.lock`)).toBe(false);
    rmSync(cwd, { recursive: true, force: true });
  });
});
