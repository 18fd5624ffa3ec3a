/**
 * The default table on a real terminal (a pseudo-terminal) fits its width; piped, it is the
 * full table, since a file or a CI log needs no wrapping.
 */
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli } from '../helpers/cli.js';
import { PtySession } from '../interview/pty.js';
import { columns } from '../helpers/columns.js';

const ARGS = ['compare', fixture('table', 'evaluations'), '--rubric', fixture('table', 'rubric.yaml'), '--quiet'];

async function onTerminal(args: string[], opts: { cols: number; env?: Record<string, string> }): Promise<{ code: number; lines: string[] }> {
  const s = new PtySession(args, { cwd: ROOT, cols: opts.cols, rows: 60, env: opts.env });
  const { exitCode } = await s.exited;
  return { code: exitCode, lines: s.text().replace(/\n$/, '').split('\n') };
}

const ROWS = [/^1 서울 데이터 랩 /, /^2 東京エーアイ研究所… /, /^3 Zürich Ångström Ana… /, /^– 🚀 Rocket Machine L… /];

describe('compare on a terminal', () => {
  it('COLUMNS=80 on a wider terminal: every line fits 80 columns and every vendor is one row', async () => {
    const { code, lines } = await onTerminal(ARGS, { cols: 132, env: { COLUMNS: '80' } });
    expect(code).toBe(0);
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe('# Vendor               Total Prob. Deli. Secu. Eval. Engi. Owne. Pilot');
    expect(lines.slice(2, 6).map((l, i) => ROWS[i]!.test(l))).toEqual([true, true, true, true]);
    expect(lines[2]).toBe('1 서울 데이터 랩        89.0   100   100   100   100   100   100   0.0 ◐1');
    expect(lines).toContain('2 東京エーアイ研究所株式会社: ✓ qualified · ⚑ 1 disagreement');
    expect(lines).toContain('Marks: ⊘ knockout area · ✓ qualified · ◐ incomplete · ✗ disqualified');
  });

  it('the terminal\'s own width when COLUMNS is not set, with colour on', async () => {
    const { code, lines } = await onTerminal(ARGS, { cols: 60, env: { NO_COLOR: '', FORCE_COLOR: '1', COLUMNS: '' } });
    expect(code).toBe(0);
    const plain = lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    for (const line of plain) expect(columns(line), line).toBeLessThanOrEqual(60);
    expect(plain[0]).toMatch(/^# Vendor +Total Pro\. Del\. Secu\. Eva\. Eng\. Own\. Pil\.$/);
  });

  it('--wide: the full table on the terminal', async () => {
    const { code, lines } = await onTerminal([...ARGS, '--wide'], { cols: 80, env: { COLUMNS: '80' } });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^┌───┬/);
    expect(columns(lines[0]!)).toBe(183);
  });
});

describe('compare with stdout piped', () => {
  it('writes the full box table whatever COLUMNS says', () => {
    const r = runCli(ARGS, { env: { COLUMNS: '80' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('│ # │ Vendor                           │ Total │          Problem │   Delivery │ Data security │  Evaluation │ Engineering │   Ownership │     Pilot │ Status                         │');
    expect(lines[5]).toBe('│ 2 │ 東京エーアイ研究所株式会社       │  75.5 │             50.0 │       80.0 │          80.0 │        80.0 │        80.0 │        80.0 │      80.0 │ ✓ qualified · ⚑ 1 disagreement │');
    expect(lines[7]).toBe('│ – │ 🚀 Rocket Machine Learning Coll… │  52.0 │             60.0 │       60.0 │        ⊘ 20.0 │        60.0 │        60.0 │        60.0 │      60.0 │ ✗ knockout: security           │');
    for (const line of lines.slice(0, 9)) expect(columns(line)).toBe(183);
  });
});
