import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

// before/ → after/: exactly two edits. The rubric's security weight 60 → 75 (share 50% → 55.6%)
// and Bob's score for Acme AI on `logging` 4 → 2.
let dir: string;
const run = (args: string[]) => runCli(args, { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-diff-'));
  cpSync(fixture('ci-diff'), dir, { recursive: true });
  expect(run(['compare', 'before', '--format', 'json', '--out', 'before.json', '--quiet']).code).toBe(0);
  expect(run(['compare', 'after', '--format', 'json', '--out', 'after.json', '--quiet']).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diff', () => {
  it('explains the movement: the answer and the weight, with what each did, largest first', () => {
    // Acme AI by hand: before 725/9 = 80.56; at the new shares (5/9, 8/27, 4/27) with the old
    // answers 6520/81 = 80.49, so the weight moved it −5/81 = −0.06; then logging 4 → 3 moves
    // security 80 → 70, worth 5/9 · −10 = −5.56; after 6070/81 = 74.94. Printed: 80.6 → 74.9, so
    // the printed change is 74.9 − 80.6 = −5.7 (not round(−5.62) = −5.6), and the parts, −55.6 and
    // −0.6 tenths, round down to −56 and −1, which already sum to −57: −5.6 and −0.1.
    const r = run(['diff', 'before.json', 'after.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'What changed: before.json → after.json',
        '',
        'Globex: rank 2 → 1 ↑1, 77.5 → 77.2 (−0.3)',
        '    −0.3  security weight 50% → 55.6%',
        '',
        'Acme AI: rank 1 → 2 ↓1, 80.6 → 74.9 (−5.7)',
        '    −5.6  logging: Bob 4 → 2',
        '    −0.1  security weight 50% → 55.6%',
        '',
        'Initech: disqualified, 30.6 → 30.5 (−0.1)',
        '    −0.1  security weight 50% → 55.6%',
        '',
        "Each change is valued when applied in this order: scoring rules, rubric questions, area weights, question weights, evaluators removed, evaluators added, answers, agreed scores; the parts add up to each vendor's change.",
        '',
      ].join('\n'),
    );
  });

  it('json: exact effects that add up to the change', () => {
    const j = JSON.parse(run(['diff', 'before.json', 'after.json', '--format', 'json']).stdout);
    expect(j.method).toBe('sequential-substitution');
    const acme = j.vendors.find((v: { id: string }) => v.id === 'acme-ai');
    expect(acme.before).toMatchObject({ rank: 1, total: expect.closeTo(725 / 9, 9) });
    expect(acme.after).toMatchObject({ rank: 2, total: expect.closeTo(6070 / 81, 9) });
    expect(acme.changes).toEqual([
      { kind: 'answer', description: 'logging: Bob 4 → 2', effect: expect.closeTo(-50 / 9, 9) },
      { kind: 'area-weight', description: 'security weight 50% → 55.6%', effect: expect.closeTo(-5 / 81, 9) },
    ]);
    expect(acme.changes[0].effect + acme.changes[1].effect).toBeCloseTo(acme.delta, 12);
  });

  it('markdown for the pull request', () => {
    const r = run(['diff', 'before.json', 'after.json', '--format', 'markdown']);
    expect(r.stdout).toContain('| Acme AI | 1 → 2 ↓1 | 80.6 → 74.9 | −5.7 |\n');
    expect(r.stdout).toContain('**Acme AI**: 80.6 → 74.9 (−5.7)\n\n- −5.6: logging: Bob 4 → 2\n- −0.1: security weight 50% → 55.6%\n');
  });

  it('new and removed vendors, and unchanged ones', () => {
    const before = JSON.parse(readFileSync(path.join(dir, 'before.json'), 'utf8'));
    const same = { ...before, vendors: before.vendors.filter((v: { id: string }) => v.id !== 'initech') };
    writeFileSync(path.join(dir, 'same.json'), JSON.stringify(same));
    const r = run(['diff', 'before.json', 'same.json']);
    expect(r.stdout).toContain('\nInitech: no longer evaluated (was disqualified, 30.6)\n');
    expect(r.stdout).toContain('\nUnchanged: Acme AI (rank 1, 80.6), Globex (rank 2, 77.5)\n');
    const back = run(['diff', 'same.json', 'before.json']);
    expect(back.stdout).toContain('\nInitech: new, disqualified, 30.6\n');
  });

  it('compare --baseline adds movement to every format', () => {
    const table = run(['compare', 'after', '--baseline', 'before.json']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ # │ Vendor +│ Total │ Move │ +Δ │/);
    expect(table.stdout).toMatch(/│ 1 │ Globex +│ +77\.2 │ +↑1 │ −0\.3 │/);
    expect(table.stdout).toMatch(/│ 2 │ Acme AI +│ +74\.9 │ +↓1 │ −5\.6 │/);
    const md = run(['compare', 'after', '--baseline', 'before.json', '--format', 'markdown']).stdout;
    expect(md).toContain('| 2 | Acme AI | **74.9** | ↓1 | −5.6 | 70.0 | 76.7 | 90.0 | ✓ qualified |\n');
    const csv = run(['compare', 'after', '--baseline', 'before.json', '--format', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toBe('rank,vendor_id,vendor,total,status,complete,Security,Delivery,Ownership,knockouts,previous_rank,rank_change,previous_total,total_delta');
    expect(csv[2]).toMatch(/^2,acme-ai,Acme AI,74\.938\d+,qualified,true,70,76\.66\d+,90,,1,-1,80\.55\d+,-5\.617\d+$/);
    const json = JSON.parse(run(['compare', 'after', '--baseline', 'before.json', '--format', 'json']).stdout);
    expect(json.baseline).toEqual({ file: 'before.json', removed: [] });
    expect(json.vendors[1].movement).toEqual({ previousRank: 1, rankChange: -1, previousTotal: expect.closeTo(725 / 9, 9), totalDelta: expect.closeTo(6070 / 81 - 725 / 9, 9), previousStatus: 'qualified', new: false });
    // docs/json.md keys are all still there.
    expect(Object.keys(json.vendors[1])).toEqual(['id', 'name', 'rank', 'total', 'quality', 'status', 'complete', 'evaluators', 'areas', 'knockouts', 'flags', 'movement']);
  });

  it('a file that is not a results file: one line, exit 2', () => {
    writeFileSync(path.join(dir, 'check.json'), '[]');
    expect(run(['diff', 'check.json', 'after.json'])).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: check.json: is not a results file written by `vendorscore compare --format json`: the top level must be an object, not a list\n' });
    writeFileSync(path.join(dir, 'broken.json'), '{"rubric":');
    const r = run(['compare', 'after', '--baseline', 'broken.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('using ./after/rubric.yaml\nbroken.json:1:11: is not JSON: the text ends before the value is complete; a results file is what `vendorscore compare --format json` writes (save one to a new file with --out)\n');
    expect(run(['diff', 'nope.json', 'after.json'])).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: nope.json: no such file\n' });
  });
});
