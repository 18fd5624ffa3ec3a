/** `vendorscore weights --method`: the interactive session in a pseudo-terminal. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { KEY, PtySession } from '../interview/pty.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-weights-'));
const ARGS = ['weights', '--method', 'ahp', '--save', 'judgments.yaml'];

describe('weights --method ahp in a pseudo-terminal (80 × 24)', () => {
  it('21 questions for the seven bundled areas; Ctrl-C keeps every judgment; the same command resumes; weights go into a copy of the rubric, comments intact', async () => {
    const cwd = tmp();
    const s = new PtySession(ARGS, { cwd, cols: 80, rows: 24 });
    await s.waitFor('AHP · question 1 of 21 · saved in judgments.yaml');
    await s.waitFor('? How much more important is Problem definition than Delivery experience?');
    s.write(`${KEY.up}${KEY.up}${KEY.enter}`); // 3: problem definition moderately more important
    await s.waitFor('AHP · question 2 of 21');
    s.write(KEY.enter);
    await s.waitFor('AHP · question 3 of 21');
    expect(readFileSync(path.join(cwd, 'judgments.yaml'), 'utf8')).toContain('  - [ 1, 3, 1, null, null, null, null ]\n  - [ "1/3", 1, null, null, null, null, null ]\n');
    s.write(KEY.ctrlC);
    await s.waitFor('Interrupted. 2 of 21 judgments are saved in judgments.yaml.');
    await s.waitFor(`Resume with: vendorscore weights --method ahp --save ${path.join(cwd, 'judgments.yaml')}`);
    expect((await s.exited).exitCode).toBe(130);
    expect(existsSync(path.join(cwd, 'rubric.yaml'))).toBe(false);

    const r = new PtySession(ARGS, { cwd, cols: 80, rows: 24 });
    await r.waitFor('AHP · question 3 of 21');
    for (let q = 3; q <= 21; q++) {
      await r.waitFor(/\? How much more important is .+ than .+\?/, `question ${q}`);
      r.write(KEY.enter);
    }
    await r.waitFor(/CR 0\.\d+ ≤ 0\.10, consistent/);
    await r.waitFor('the weights are written into rubric.yaml, its comments kept.');
    expect((await r.exited).exitCode).toBe(0);

    const rubric = readFileSync(path.join(cwd, 'rubric.yaml'), 'utf8');
    const bundled = readFileSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), 'utf8');
    expect(rubric).toContain('# weights derived by vendorscore: AHP (principal eigenvector; CR 0.');
    // Every line of the bundled rubric but the weights and the modeline is still there, comments included.
    const kept = new Set(rubric.split('\n'));
    for (const line of bundled.split('\n')) if (!/weight: |yaml-language-server/.test(line)) expect(kept.has(line), line).toBe(true);
    expect(rubric).toMatch(/weight: 17\.5 +# a vague problem is the first failure mode/);
    expect(runCli(['weights', '--from', 'judgments.yaml', '--check', '--quiet'], { cwd }).code).toBe(0);
  }, 60_000);

  it('refuses when stdin is not a terminal, pointing to --from', () => {
    const r = runCli(ARGS, { cwd: tmp() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vendorscore: weights --method asks its questions in an interactive terminal, and stdin is not one; to derive weights from judgments kept in a file, use: vendorscore weights --from judgments.yaml\n');
  });
});
