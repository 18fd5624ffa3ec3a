import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    await s.waitFor(/KNOCKOUT: 2 is below 4, which disqualifies the vendor \(API keys are not protected\)\. Press y to\s+save this score/);
    // A key other than y goes back to the list; nothing is saved.
    s.write(KEY.enter);
    await s.waitFor(/Score 2\s*\n❯ +2/);
    s.write(`\x7f6${KEY.enter}`);
    await s.waitFor('✔ Score 6');
    s.write(KEY.ctrlC);
    expect((await s.exited).exitCode).toBe(130);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 6, evidence: [] } });
  });

  it('ten whole answers written in one burst are all saved exactly', async () => {
    const cwd = tmp();
    const questions = Array.from({ length: 10 }, (_, k) => `      - id: q${k + 1}\n        text: Question ${k + 1}?\n`).join('');
    const rubricFile = path.join(cwd, 'rapid.yaml');
    writeFileSync(rubricFile, `id: rapid\nversion: 1\ntitle: Rapid\nscale: {min: 0, max: 5, step: 1}\nmissing: min\nareas:\n  - id: all\n    name: All\n    weight: 1\n    questions:\n${questions}`);
    const s = new PtySession(['interview', '--vendor', 'Quanta Forge', '--evaluator', 'Ravi', '--rubric', rubricFile], { cwd });
    await s.waitFor('? Score');
    const want = Array.from({ length: 10 }, (_, k) => ({ score: k % 6, notes: `note ${k + 1}`, evidence: [`ev${k + 1}.pdf`] }));
    s.write(want.map((a) => `${a.score}\r${a.notes}\r${a.evidence[0]}\r`).join(''));
    await s.waitFor('❯ Finish: save and show the summary');
    s.write(KEY.enter);
    await s.waitFor('Next:');
    expect((await s.exited).exitCode).toBe(0);
    const { loadRubric } = await import('../../src/io/load.js');
    const saved = loadEvaluationFile(path.join(cwd, 'evaluations', 'quanta-forge', 'ravi.yaml'), loadRubric(rubricFile).rubric!).answers;
    expect(saved).toEqual(Object.fromEntries(want.map((a, k) => [`q${k + 1}`, a])));
  });

  it('a two-line paste into notes is kept whole in that note, as a block scalar', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write(`7\r\x1b[200~Vault in place.\rRotation is manual.\x1b[201~\rvault.pdf\r`);
    await s.waitFor('(logs)\n');
    s.write(KEY.ctrlC);
    expect((await s.exited).exitCode).toBe(130);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 7, notes: 'Vault in place.\nRotation is manual.', evidence: ['vault.pdf'] } });
    expect(readFileSync(path.join(cwd, OUT), 'utf8')).toContain('    notes: |-\n      Vault in place.\n      Rotation is manual.\n');
  });

  it.each([
    ['Ctrl-C', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s while typing notes keeps what was typed with the score; resume shows it prefilled', async (how, code) => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write('8\rHalf a thou');
    await s.waitFor('Half a thou');
    if (how === 'Ctrl-C') s.write(KEY.ctrlC);
    else s.kill(how);
    expect((await s.exited).exitCode).toBe(code);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 8, notes: 'Half a thou', evidence: [] } });
    const again = new PtySession(['interview', ...HP, '--out', OUT], { cwd });
    await again.waitFor('(logs)\n');
    again.write(`b${KEY.enter}`);
    await again.waitFor('(keys)\n');
    again.write(KEY.enter);
    await again.waitFor('? Notes (edit, Enter to keep; - removes them) Half a thou');
    again.write(KEY.ctrlC);
    await again.exited;
  });

  it('Ctrl-Z suspends; fg (SIGCONT) continues the same question with the text typed', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write('7');
    await s.waitFor(/Score 7\s*\n❯/);
    s.write('\x1a');
    // Stopped: nothing is read until it continues.
    await new Promise((r) => setTimeout(r, 300));
    process.kill(s.pid, 'SIGCONT');
    await s.waitFor(/\(keys\)\n[\s\S]*Score 7\s*\n❯ +7/, 'the question drawn again with 7 typed');
    s.write(`.5${KEY.enter}`);
    await s.waitFor('✔ Score 7.5');
    s.write(KEY.ctrlC);
    expect((await s.exited).exitCode).toBe(130);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 7.5, evidence: [] } });
  });

  it('the resume command, pasted in another folder, continues the same file; started by npx it says npx', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd, env: { npm_command: 'exec' } });
    await s.waitFor('? Score');
    s.write(`6\r\r\r`);
    await s.waitFor('(logs)\n');
    s.write(KEY.ctrlC);
    const line = (await s.waitFor(/Resume with: .*\n/)).slice('Resume with: '.length, -1);
    expect(line).toBe(`npx vendorscore interview --vendor 'Acme AI' --evaluator Dana --rubric ${HALF_POINTS} --out ${path.join(cwd, OUT)}`);
    await s.exited;
    // Elsewhere, in a new terminal: the same arguments (the shell's reading of the line).
    const args = line.replace(/^npx vendorscore /, '').replace("'Acme AI'", 'Acme_AI').split(' ').map((a) => a.replace('Acme_AI', 'Acme AI'));
    const again = new PtySession(args, { cwd: tmp() });
    await again.waitFor('2 of 4 overall · 1 answered');
    await again.waitFor('(logs)\n');
    await again.waitFor('? Score');
    again.write(`4\r\r\r`);
    await again.waitFor('(shipped)\n');
    again.write(KEY.ctrlC);
    await again.exited;
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 6, evidence: [] }, logs: { score: 4, evidence: [] } });
  });

  it('an interview stopped before the first answer leaves no empty file', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write(KEY.ctrlC);
    expect((await s.exited).exitCode).toBe(130);
    expect(existsSync(path.join(cwd, OUT))).toBe(false);
    expect(existsSync(path.join(cwd, 'evaluations', 'acme-ai'))).toBe(false);
  });

  it('a resize to 60×20 draws the question again: area, position, question and score prompt visible, no line wider', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd, cols: 100, rows: 40 });
    await s.waitFor('? Score');
    s.write('7');
    await s.waitFor(/Score 7\s*\n❯/);
    s.resize(60, 20);
    await s.waitFor(/── Security[\s\S]*Score 7\s*\n❯ +7/, 'the question drawn again');
    await s.waitFor('type a score');
    const screen = s.screen();
    const lines = screen.split("\n");
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(60);
    expect(screen).toContain('── Security · weight 75% ──');
    expect(screen).toContain('Area 1 of 2 · question 1 of 2 · 1 of 4 overall · 0');
    expect(screen).toContain('How are API keys stored and rotated?');
    expect(screen).toMatch(/\? Score 7/);
    s.write(`.5${KEY.enter}`);
    await s.waitFor('✔ Score 7.5');
    s.write(KEY.ctrlC);
    await s.exited;
  });

  it('clearing a prefilled note (Ctrl-U, Enter) clears it; a comma inside a link stays in it', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write(`6\rold note\rhttps://x/a?x=1,2, b.pdf\r`);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    s.write(`b${KEY.enter}`);
    await s.waitFor('(keys)\n');
    await s.waitFor('? Score');
    s.write(KEY.enter);
    await s.waitFor('? Notes (edit, Enter to keep; - removes them) old note');
    s.write(`\x15${KEY.enter}${KEY.enter}`);
    await s.waitFor('(logs)\n');
    s.write(KEY.ctrlC);
    await s.exited;
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 6, evidence: ['https://x/a?x=1,2', 'b.pdf'] } });
  });

  it('while scoring: the score so far for the area and the total, and a nudge when expected evidence is left out', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write(`8\r\r\r`);
    await s.waitFor('(logs)\n');
    await s.waitFor(/Score so far: Security \d+\.\d · total \d+\.\d of 100\n/);
    await s.waitFor('? Score');
    s.write(`6\r\r\r`);
    await s.waitFor('logs: no evidence given, and this question expects it; ask for a document or a link (b goes back to it).');
    await s.waitFor('(shipped)\n');
    s.write(KEY.ctrlC);
    await s.exited;
  });

  it('g goes to a question by number or id; PageDown moves a page down the 19-value scale', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write(`g${KEY.enter}`);
    await s.waitFor('? Go to question (1 to 4, or an id; Esc: stay)');
    s.write(`references${KEY.enter}`);
    await s.waitFor('(references)\n');
    await s.waitFor('? Score');
    s.write('\x1b[6~\x1b[6~\x1b[6~\x1b[6~');
    await s.waitFor(/❯ +10 +Excellent/, 'pages down stop on the last score');
    s.write('\x1b[5~');
    await s.waitFor(/❯ +No score yet/, 'a page up, back at the top');
    s.write(`g${KEY.enter}`);
    await s.waitFor('? Go to question');
    s.write(`2${KEY.enter}`);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    s.write(`5\r\r\r`);
    await s.waitFor('(shipped)\n');
    s.write(KEY.ctrlC);
    await s.exited;
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ logs: { score: 5, evidence: [] } });
  });

  it('a new vendor name close to a vendor in the folder asks before creating a new vendor', async () => {
    const cwd = tmp();
    mkdirSync(path.join(cwd, 'evaluations', 'acme-ai-labs'), { recursive: true });
    const s = new PtySession(['interview', '--vendor', 'ACME AI Labs Inc', '--evaluator', 'Dana', '--rubric', HALF_POINTS], { cwd });
    await s.waitFor('ACME AI Labs Inc is a new vendor (acme-ai-labs-inc), but acme-ai-labs is already in this folder');
    await s.waitFor('❯ Same vendor: add these answers to acme-ai-labs');
    s.write(KEY.enter);
    await s.waitFor('? Score');
    s.write(`6\r\r\r`);
    await s.waitFor('(logs)\n');
    s.write(KEY.ctrlC);
    expect((await s.exited).exitCode).toBe(130);
    expect(readdirSync(path.join(cwd, 'evaluations'))).toEqual(['acme-ai-labs']);
    expect(readFileSync(path.join(cwd, 'evaluations', 'acme-ai-labs', 'dana.yaml'), 'utf8')).toContain('vendor:\n  id: acme-ai-labs\n  name: ACME AI Labs Inc\n');
  });
});
