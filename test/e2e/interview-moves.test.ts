// Moving around at speed (issue 9, point 6): f flags, l lists, the review list's keys, Esc, continue.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HALF_POINTS, halfPoints, loadEvaluationFile } from '../interview/helpers.js';
import { KEY, PtySession } from '../interview/pty.js';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-moves-'));
const HP = ['--vendor', 'Acme AI', '--evaluator', 'Dana', '--rubric', HALF_POINTS];
const OUT = path.join('evaluations', 'acme-ai', 'dana.yaml');
const ESC = '\x1b';
const KEYS = { pageDown: '\x1b[6~', pageUp: '\x1b[5~', home: '\x1b[H', end: '\x1b[F' };

describe('moving around the interview at speed', () => {
  it('f flags the question with a note; score lists it, check warns; f again clears it; Esc at the note changes nothing', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    s.write(`f${KEY.enter}`);
    await s.waitFor('? Follow-up note for keys (Enter: flag without a note · Esc: cancel)');
    s.write(`ask for the rotation policy${KEY.enter}`);
    await s.waitFor('⚑ Flagged for follow-up: ask for the rotation policy (f clears it)');
    await s.waitFor('? Score');
    s.write(`6\r\r\r`);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    // Esc at the note: the question as it was, not flagged.
    s.write(`f${KEY.enter}`);
    await s.waitFor('? Follow-up note for logs');
    s.write(`half typed${ESC}`);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    s.write(`q${KEY.enter}`);
    expect((await s.exited).exitCode).toBe(0);
    const file = path.join(cwd, OUT);
    expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({ keys: { score: 6, evidence: [], flag: 'ask for the rotation policy' } });
    expect(readFileSync(file, 'utf8')).toContain('  keys:\n    score: 6\n    flag: ask for the rotation policy\n');

    const score = runCli(['score', 'acme-ai', 'evaluations', '--rubric', HALF_POINTS], { cwd });
    expect(score.stdout).toContain('      ⚑ follow up: ask for the rotation policy\n');
    expect(score.stdout).toContain('Flagged for follow-up (1):\n  ⚑ keys (Dana): ask for the rotation policy\n');
    const json = JSON.parse(runCli(['score', 'acme-ai', 'evaluations', '--rubric', HALF_POINTS, '--format', 'json'], { cwd }).stdout);
    expect(json.vendor['follow-up']).toEqual([{ question: 'keys', evaluator: 'Dana', flag: 'ask for the rotation policy', file: OUT }]);
    const check = runCli(['check', 'evaluations', '--rubric', HALF_POINTS], { cwd });
    expect(check.stderr).toContain(`${OUT}:10:11: warning: vendor acme-ai: keys is flagged for follow-up by Dana: "ask for the rotation policy" (clear it with f on the question in the interview, or delete the flag line)\n`);

    // f again on the flagged question clears the flag; check no longer warns about it.
    const again = new PtySession(['interview', ...HP, '--out', OUT], { cwd });
    await again.waitFor('(logs)\n');
    again.write(`g${KEY.enter}`);
    await again.waitFor('? Go to question');
    again.write(`1${KEY.enter}`);
    await again.waitFor('⚑ Flagged for follow-up: ask for the rotation policy');
    await again.waitFor('? Score');
    again.write('f');
    await again.waitFor('f  Clear the follow-up flag');
    again.write(KEY.enter);
    await again.waitFor('! keys: the follow-up flag is cleared.');
    await again.waitFor('? Score');
    again.write(`q${KEY.enter}`);
    expect((await again.exited).exitCode).toBe(0);
    expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({ keys: { score: 6, evidence: [] } });
    expect(runCli(['check', 'evaluations', '--rubric', HALF_POINTS], { cwd }).stderr).not.toContain('follow-up');
  });

  it('l lists the open, skipped and flagged questions; type-to-find and Enter open one; Esc continues where you were', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('? Score');
    // keys: a knockout score, with notes.
    s.write(`2\rynot in a vault\r\r`);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    s.write(`s${KEY.enter}`);
    await s.waitFor('(shipped)\n');
    await s.waitFor('? Score');
    s.write(`f\rcall back on this\r`);
    await s.waitFor('⚑ Flagged for follow-up: call back on this');
    await s.waitFor('? Score');
    s.write(`l${KEY.enter}`);
    await s.waitFor('── To do · 3 open or skipped · 1 flagged ──');
    await s.waitFor('❯ Continue where you were (shipped)');
    const list = await s.waitFor(/↑↓ PgUp PgDn Home End · type to find · ⏎ open · Esc continue/);
    expect(list).toBeTruthy();
    const screen = s.screen();
    expect(screen).toMatch(/↷ logs +skipped\n/);
    expect(screen).toMatch(/· shipped +unanswered · ⚑ call back on this\n/);
    expect(screen).toMatch(/· references +unanswered\n/);
    expect(screen).not.toContain('✓ keys');
    // Type-to-find: "ref" picks references; Enter opens it; answering it comes back to the list.
    s.write('ref');
    await s.waitFor(/find: ref\n[\s\S]*❯ · references/);
    s.write(KEY.enter);
    await s.waitFor('(references)\n');
    await s.waitFor('? Score');
    s.write(`7\r\r\r`);
    await s.waitFor('── To do · 2 open or skipped · 1 flagged ──');
    // Esc: back to the question the list was opened from.
    s.write(ESC);
    await s.waitFor('(shipped)\n');
    await s.waitFor('? Score');
    // The full review marks the knockout score and notes.
    s.write(`r${KEY.enter}`);
    await s.waitFor('── Review · 2 of 4 answered · 1 flagged ──');
    await s.waitFor('? Review');
    expect(s.screen()).toMatch(/✓ keys +2 · KNOCKOUT · notes\n/);
    s.write(`${KEYS.end}${KEY.enter}`);
    await s.waitFor('(references)\n');
    await s.waitFor('Current answer: 7');
    s.write(`q${KEY.enter}`);
    expect((await s.exited).exitCode).toBe(0);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({
      keys: { score: 2, notes: 'not in a vault', evidence: [] },
      shipped: { score: null, evidence: [], flag: 'call back on this' },
      references: { score: 7, evidence: [] },
    });
  });

  it('the review list pages with PageUp/PageDown, Home/End on the 28-question rubric at 80×24; Esc at go-to stays', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', '--vendor', 'Acme AI', '--evaluator', 'Dana'], { cwd, cols: 80, rows: 24 });
    await s.waitFor('(restate-problem)\n');
    await s.waitFor('? Score');
    s.write(`g${KEY.enter}`);
    await s.waitFor('? Go to question (1 to 28, or an id; Esc: stay)');
    s.write(`12${ESC}`);
    await s.waitFor('(restate-problem)\n');
    await s.waitFor('? Score');
    s.write(`r${KEY.enter}`);
    await s.waitFor('? Review');
    await s.waitFor('Esc continue');
    expect(s.screen()).toContain('❯ Continue where you were (restate-problem)');
    s.write(KEYS.pageDown);
    await s.waitFor(/❯ · (?!restate)[a-z-]+ +unanswered/, 'a page down');
    const first = s.screen().match(/❯ · ([a-z-]+)/)![1];
    s.write(KEYS.end);
    await s.waitFor('❯ · pilot-cost-range');
    s.write(KEYS.pageUp);
    await s.waitFor(/❯ · (?!pilot-cost-range)[a-z-]+ +unanswered/, 'a page up');
    s.write(KEYS.home);
    await s.waitFor('❯ Continue where you were (restate-problem)');
    s.write('llmops');
    await s.waitFor('❯ · llmops-setup');
    s.write(KEY.enter);
    await s.waitFor('(llmops-setup)\n');
    // Every screen fits 80 columns.
    expect(s.screen().split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(first).not.toBe('pilot-cost-range');
    s.write(KEY.ctrlC);
    await s.exited;
  });

  it('after a resize the choice names wrap to the new width; at 80×24 and 60×20 area, position, question and score prompt stay visible', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', '--vendor', 'Acme AI', '--evaluator', 'Dana'], { cwd, cols: 120, rows: 40 });
    await s.waitFor('? Score');
    await s.waitFor('b back');
    const wide = s.screen();
    expect(wide).toMatch(/  0  No evidence — Did not try; went straight to a technology pitch or a product demo\.?\n/);
    for (const [cols, rows] of [
      [80, 24],
      [60, 20],
    ] as const) {
      s.resize(cols, rows);
      await s.waitFor('? Score');
      // The help last: in full, or on the shortest screens the keys alone.
      await s.waitFor(/q save\s+and\s+quit|keys: s b n r l g f q/);
      const screen = s.screen();
      const lines = screen.split('\n');
      expect(lines.every((l) => l.length <= cols), `every line fits ${cols} columns:\n${screen}`).toBe(true);
      // The choice is cut at the new width (it was whole at 120).
      expect(screen).toMatch(new RegExp(`  0  No evidence — Did not try;[^\\n]*…\\n`));
      // What a screen of `rows` lines still shows: the last `rows` lines drawn (more would scroll the top away).
      const top = lines.length > rows ? lines.slice(lines.length - rows) : lines;
      expect(top.some((l) => l.startsWith('── Problem definition'))).toBe(true);
      expect(top.some((l) => l.startsWith('Area 1 of 7'))).toBe(true);
      expect(top.some((l) => l.includes('(restate-problem)'))).toBe(true);
      expect(top.some((l) => l.startsWith('? Score'))).toBe(true);
    }
    // The tallest header at 60×20: an answer given (the score so far), a knockout question that expects evidence.
    s.write(`4\r\r\rg\rprompt-logging\r`);
    await s.waitFor('(prompt-logging)');
    await s.waitFor('keys: s b n r l g f q');
    const lines = s.screen().split('\n');
    const top = lines.length > 20 ? lines.slice(lines.length - 20) : lines;
    expect(top[0], s.screen()).toMatch(/^── Data security/);
    expect(top.some((l) => l.startsWith('Area 3 of 7 · question 1 of 5'))).toBe(true);
    expect(top.some((l) => l.startsWith('? Score'))).toBe(true);
    s.write(KEY.ctrlC);
    await s.exited;
  });
});
