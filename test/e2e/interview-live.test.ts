import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HALF_POINTS, halfPoints, loadEvaluationFile } from '../interview/helpers.js';
import { KEY, PtySession } from '../interview/pty.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-live-'));
const HP = ['--vendor', 'Acme AI', '--evaluator', 'Dana', '--rubric', HALF_POINTS];
const OUT = path.join('evaluations', 'acme-ai', 'dana.yaml');

describe('the interview at the speed of a live call', () => {
  it('a stray Enter saves nothing; a knockout score is shown at once and needs y', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('(keys)\n');
    await s.waitFor('❯   No score yet');
    s.write(`${KEY.enter}${KEY.enter}`);
    await s.waitFor('Nothing chosen yet: type a score, or s to skip.');
    s.write(`2${KEY.enter}`);
    await s.waitFor('KNOCKOUT: 2 is below 4, which disqualifies the vendor (API keys are not protected).');
    // A key other than y goes back to the list; nothing is saved.
    s.write(KEY.enter);
    await s.waitFor(/Score 2\s*\n❯ +2/);
    s.write(`\x7f6${KEY.enter}`);
    await s.waitFor('✔ Score 6');
    s.write(KEY.ctrlC);
    expect((await s.exited).exitCode).toBe(130);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 6, evidence: [] } });
  });
});
