/**
 * The interview never overwrites what it did not write, and one person is one person when an
 * interview resumes: the built CLI in a pseudo-terminal, with the test editing the file, the lock
 * and the folder while a session runs.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HALF_POINTS, halfPoints, loadEvaluationFile } from '../interview/helpers.js';
import { answer, choose, KEY, PtySession } from '../interview/pty.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-interview-merge-'));
const HP = ['--vendor', 'Acme AI', '--evaluator', 'Dana', '--rubric', HALF_POINTS];
const OUT = path.join('evaluations', 'acme-ai', 'dana.yaml');
/** Text as the screen may wrap it: any run of spaces may be a line break. */
const wrapped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));

describe('interview: what it did not write stays', () => {
  it('a hand edit made between two answers survives the next save, and the screen says so', async () => {
    const cwd = tmp();
    const file = path.join(cwd, OUT);
    const s = new PtySession(['interview', ...HP], { cwd });
    await answer(s, '7', 'vault');
    await s.waitFor('(logs)');
    // In an editor, while the next question is on screen: a comment, notes on the first answer, an answer to the last question.
    const edited = readFileSync(file, 'utf8').replace('answers:\n  keys:\n    score: 7\n    notes: vault\n', 'answers:\n  # keys: re-check after the call\n  keys:\n    score: 7\n    notes: vault, manual rotation (Lena)\n  references: 9 # two calls\n');
    expect(edited).not.toBe(readFileSync(file, 'utf8'));
    writeFileSync(file, edited);
    await answer(s, '6');
    await s.waitFor(wrapped(`! ${OUT} was edited outside the interview since the last save; the changes to keys, references are kept.`));
    await s.waitFor('3 of 4 overall · 3 answered');
    await s.waitFor('(shipped)');
    await choose(s, 'q', 'q  Save and quit');
    await s.waitFor('Resume with:');
    expect((await s.exited).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('answers:\n  # keys: re-check after the call\n  keys:\n    score: 7\n    notes: vault, manual rotation (Lena)\n  logs: 6\n  references: 9 # two calls\n');
    expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({
      keys: { score: 7, notes: 'vault, manual rotation (Lena)', evidence: [] },
      logs: { score: 6, evidence: [] },
      references: { score: 9, evidence: [] },
    });
  });

  it('the same field changed by hand and in the interview: the interview value is saved and the hand edit kept as a comment, said on screen', async () => {
    const cwd = tmp();
    const file = path.join(cwd, OUT);
    const s = new PtySession(['interview', ...HP], { cwd });
    await answer(s, '7');
    await s.waitFor('(logs)');
    await choose(s, 'b', 'b  Back');
    await s.waitFor('Current answer: 7');
    writeFileSync(file, readFileSync(file, 'utf8').replace('keys: 7', 'keys: 3'));
    await answer(s, '8');
    await s.waitFor(wrapped("! keys: the score was changed in the file too. The interview's score (8) is saved; the file's (3) is kept in a comment above keys."));
    await choose(s, 'q', 'q  Save and quit');
    expect((await s.exited).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/\nanswers:\n {2}# hand edit kept here: the interview saved its own score over it on \d{4}-\d\d-\d\d \d\d:\d\d: score: 3\n {2}keys: 8\n$/);
  });

  it('the lock taken over by another session: it stops before saving and says so; their file and lock stay', async () => {
    const cwd = tmp();
    const file = path.join(cwd, OUT);
    const s = new PtySession(['interview', ...HP], { cwd });
    await answer(s, '7');
    await s.waitFor('(logs)');
    const theirs = `${JSON.stringify({ pid: 4242, host: 'laptop-of-lena', since: '2026-11-20T10:00:00Z' })}\n`;
    writeFileSync(`${file}.lock`, theirs);
    const before = readFileSync(file, 'utf8');
    await choose(s, '6');
    const msg = await s.waitFor(/vendorscore: .*\n/);
    expect(msg).toBe(
      `vendorscore: ${OUT}: its lock ${OUT}.lock now belongs to another session (process 4242 on laptop-of-lena, since 2026-11-20T10:00:00Z); stopped before saving, so nothing of theirs is overwritten and their lock stays. Not saved: logs, score 6\n`,
    );
    expect((await s.exited).exitCode).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(theirs);
  });

  it('the folder removed while the session runs: it stops before saving and does not write it again', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await answer(s, '7');
    await s.waitFor('(logs)');
    rmSync(path.join(cwd, 'evaluations', 'acme-ai'), { recursive: true });
    await choose(s, '6');
    const msg = await s.waitFor(/vendorscore: .*\n/);
    expect(msg).toBe(`vendorscore: ${OUT}: its folder ${path.dirname(OUT)} was removed while the interview ran; stopped before saving, so nothing of theirs is overwritten and their lock stays. Not saved: logs, score 6\n`);
    expect((await s.exited).exitCode).toBe(2);
    expect(existsSync(path.join(cwd, 'evaluations', 'acme-ai'))).toBe(false);
  });

  it('evidence with commas kept with Enter is unchanged, item for item', async () => {
    const cwd = tmp();
    const file = path.join(cwd, OUT);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = 'vendor:\n  id: acme-ai\n  name: Acme AI\nrubric: pilot-check@2\nevaluator: Dana\nanswers:\n  keys:\n    score: 7\n    evidence: [ "https://x/a?x=1,2", "report, v2.pdf", "a;b.pdf" ]\n';
    writeFileSync(file, text);
    const s = new PtySession(['interview', ...HP], { cwd, cols: 200 });
    await s.waitFor('(logs)');
    await choose(s, 'b', 'b  Back');
    await s.waitFor('(keys)');
    await choose(s, '7.5');
    await s.waitFor('? Notes');
    s.write(KEY.enter);
    await s.waitFor('"https://x/a?x=1,2", "report, v2.pdf", "a;b.pdf"');
    s.write(KEY.enter);
    await s.waitFor('(logs)');
    await choose(s, 'q', 'q  Save and quit');
    expect((await s.exited).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('score: 7', 'score: 7.5'));
    expect(loadEvaluationFile(file, halfPoints()).answers['keys']!.evidence).toEqual(['https://x/a?x=1,2', 'report, v2.pdf', 'a;b.pdf']);
  });
});

describe('interview: one person under any spelling', () => {
  it.each([
    ['a no-break space', 'Ann\u00a0Lee'],
    ['full-width capitals', '\uff21NN LEE'],
  ])('resuming with %s continues the same file', async (_, other) => {
    const cwd = tmp();
    const file = path.join(cwd, 'evaluations', 'acme-ai', 'ann-lee.yaml');
    const first = new PtySession(['interview', '--vendor', 'Acme AI', '--evaluator', 'Ann Lee', '--rubric', HALF_POINTS], { cwd });
    await answer(first, '7');
    await first.waitFor('(logs)');
    await choose(first, 'q', 'q  Save and quit');
    expect((await first.exited).exitCode).toBe(0);

    const again = new PtySession(['interview', '--vendor', 'ACME AI', '--evaluator', other, '--rubric', HALF_POINTS], { cwd });
    await again.waitFor('Area 1 of 2 · question 2 of 2 · 2 of 4 overall · 1 answered');
    await answer(again, '5.5');
    await again.waitFor('(shipped)');
    await choose(again, 'q', 'q  Save and quit');
    const summary = await again.waitFor(/Resume with: .*\n/);
    expect(summary).toBe(`Resume with:  vendorscore interview --vendor 'Acme AI' --evaluator 'Ann Lee' --rubric ${HALF_POINTS} --out ${file}\n`);
    expect((await again.exited).exitCode).toBe(0);
    expect(readdirSync(path.dirname(file))).toEqual(['ann-lee.yaml']);
    const saved = loadEvaluationFile(file, halfPoints());
    expect(saved.evaluator).toBe('Ann Lee');
    expect(saved.answers).toEqual({ keys: { score: 7, evidence: [] }, logs: { score: 5.5, evidence: [] } });
  });
});
