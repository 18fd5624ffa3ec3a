import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixture, ROOT, runCli } from '../helpers/cli.js';
import { KEY, PtySession } from '../interview/pty.js';

// test/fixtures/consensus: rubric panel@1 (0–4): Security (weight 3: logs w2, access w1), Operations (weight 1: uptime).
// Acme: logs Ann 1, Bob 4 (mean 2.5, agreed 2); access 3, 3; uptime 2, 4 (mean 3, the average kept).
// Bolt: logs 3, 3; access 4, 4; uptime 2, 2.
const cwd = fixture('consensus');
const json = (args: string[], dir = cwd) => {
  const r = runCli([...args, '--format', 'json', '--quiet'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const copy = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-consensus-'));
  cpSync(cwd, dir, { recursive: true });
  return dir;
};

describe('agreed scores through the CLI', () => {
  it('compare: totals with the agreed scores, hand-computed, and the agreed key beside the scores', () => {
    const r = json(['compare']);
    const [bolt, acme] = r.vendors;
    // Bolt: Security (3·2 + 4)/3 = 10/3 → 83.33; Operations 2 → 50; total (83.33·3 + 50)/4 = 75.
    expect(bolt.id).toBe('bolt');
    expect(bolt.total).toBeCloseTo(75, 9);
    // Acme: Security (2·2 + 3)/3 = 7/3 → 58.33 (the mean 2.5 would give 66.67); Operations 3 → 75; total (175 + 75)/4 = 62.5.
    expect(acme.total).toBeCloseTo(62.5, 9);
    expect(Object.keys(acme.areas[0].questions[0])).toEqual(['id', 'weight', 'score', 'scores', 'agreed', 'disagreement']);
    expect(acme.areas[0].questions[0]).toEqual({
      id: 'logs', weight: 2, score: 2, scores: { Ann: 1, Bob: 4 },
      agreed: { score: 2, reason: 'The redaction is on a slide only; no policy document.', by: ['Ann', 'Bob'], date: '2026-11-28' },
      disagreement: true,
    });
    expect(acme.areas[1].questions[0].agreed).toEqual({ score: null, reason: 'Both readings of the SLA are fair.', by: ['Ann'], date: '2026-11-28' });
    expect(acme.areas[0].questions[1]).not.toHaveProperty('agreed');
    // score --format json has it too, beside the answers.
    const s = json(['score', 'acme']);
    expect(s.vendor.areas[0].questions[0].agreed.score).toBe(2);
  });

  it('table and markdown mark the agreed score and explain the mark', () => {
    const t = runCli(['compare', '--no-color', '--quiet'], { cwd });
    expect(t.stdout).toContain('✦ 1 agreed');
    expect(t.stdout).toContain('✦ agreed score (consensus) replaces the average');
    const md = runCli(['compare', '--format', 'markdown', '--quiet'], { cwd }).stdout;
    expect(md).toContain('- ✦ **Acme AI**: logs agreed 2 (was mean 2.5) · The redaction is on a slide only; no policy document. · by Ann, Bob on 2026-11-28');
    expect(md).toContain('|  | logs | 2 ✦ | 1 | 4 | ⚠️ spread 3 |');
    const score = runCli(['score', 'acme', '--no-color', '--quiet'], { cwd }).stdout;
    expect(score).toContain('  logs  2 ✦ ⚠ spread 3  (weight 2)');
    expect(score).toContain('    ✦ kept the mean 3 · Both readings of the SLA are fair. · by Ann on 2026-11-28');
  });

  it('check: a settled question is not warned about; an unsettled one is', () => {
    const ok = runCli(['check'], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('disagree');
    const dir = copy();
    rmSync(path.join(dir, 'consensus'), { recursive: true });
    const open = runCli(['check'], { cwd: dir });
    expect(open.stderr).toContain('evaluations/acme/ann.yaml:8:5: warning: vendor acme: evaluators disagree on logs by 3 point(s) (Ann 1, Bob 4; the rubric flags 2 or more)');
    expect(open.stderr).toContain('evaluators disagree on uptime by 2 point(s)');
  });

  it('--max-disagreement passes a question the panel settled', () => {
    expect(runCli(['compare', '--max-disagreement', '2', '--quiet'], { cwd }).code).toBe(0);
    const dir = copy();
    rmSync(path.join(dir, 'consensus'), { recursive: true });
    expect(runCli(['compare', '--max-disagreement', '2', '--quiet'], { cwd: dir }).code).toBe(1);
  });

  it('diff attributes the change to the agreed score', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'new.json'), runCli(['compare', '--format', 'json', '--quiet'], { cwd: dir }).stdout);
    rmSync(path.join(dir, 'consensus'), { recursive: true });
    writeFileSync(path.join(dir, 'old.json'), runCli(['compare', '--format', 'json', '--quiet'], { cwd: dir }).stdout);
    const d = runCli(['diff', 'old.json', 'new.json', '--format', 'json'], { cwd: dir });
    const acme = JSON.parse(d.stdout).vendors.find((v: { id: string }) => v.id === 'acme');
    // Acme without the agreement: Security (2.5·2 + 3)/3 → 66.67, total (200 + 75)/4 = 68.75; with it 62.5.
    expect(acme.changes).toEqual([{ kind: 'agreed', description: 'logs: agreed 2 (was mean 2.5)', effect: expect.closeTo(-6.25, 9) }]);
    expect(JSON.parse(d.stdout).order.at(-1)).toBe('agreed');
  });

  it('sensitivity: the agreed score holds when one evaluator is left out', () => {
    const r = json(['sensitivity', '--samples', '50']);
    const without = r.evaluators.find((e: { evaluator: string; change: string }) => e.evaluator === 'Bob' && e.change === 'without');
    expect(without.leader).toEqual(['bolt']);
  });
});

describe('consensus files', () => {
  it('the bundled example and the fixture pass the committed JSON Schema, and compare takes the example as a path', () => {
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'consensus.schema.json'), 'utf8')));
    for (const f of [path.join(ROOT, 'examples', 'agreed', 'brightloop-labs.yaml'), path.join(cwd, 'consensus', 'acme.yaml')]) {
      expect(schema.safeParse(parse(readFileSync(f, 'utf8'))).success, f).toBe(true);
    }
    const r = json(['compare', 'examples/evaluations', 'examples/agreed'], ROOT);
    const bl = r.vendors.find((v: { id: string }) => v.id === 'brightloop-labs');
    expect(bl.areas.flatMap((a: { questions: unknown[] }) => a.questions).find((q: { id: string }) => q.id === 'legacy-connectivity').agreed.score).toBe(3);
  });
});

describe('consensus without a terminal', () => {
  it('refuses at once (exit 2), pointing to the file format', () => {
    const r = runCli(['consensus', 'acme'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vendorscore: consensus needs an interactive terminal; the outcomes can also be written by hand in consensus/<vendor-id>.yaml (see docs/files.md)\n');
  });
});

describe('consensus in a pseudo-terminal', () => {
  it('answers, a Ctrl-C that keeps the draft, a second facilitator refused, and a resume that finishes', async () => {
    const dir = copy();
    rmSync(path.join(dir, 'consensus'), { recursive: true });
    const s = new PtySession(['consensus', 'acme'], { cwd: dir, cols: 80, rows: 24 });
    // logs first: spread 3 × share 0.5 beats uptime's 2 × 0.25.
    await s.waitFor('Consensus · Acme AI · 1 of 2 flagged (0 settled)');
    await s.waitFor('Security › logs · spread 3 · mean 2.5 · 50.0% of total');
    await s.waitFor('No policy shown.');
    // The scale value nearest the mean comes highlighted.
    await s.waitFor('❯ 2\n  3  A written policy');
    s.write(KEY.enter);
    await s.waitFor('? Reason for the agreed 2');
    s.write('Slide only, no policy');
    await s.waitFor('Slide only, no policy');
    // A second facilitator is refused while the meeting holds the lock.
    const second = new PtySession(['consensus', 'acme'], { cwd: dir, cols: 80, rows: 24 });
    await second.waitFor(/consensus\/acme\.yaml is already open in another session \(process \d+/);
    expect((await second.exited).exitCode).toBe(2);
    s.write(KEY.ctrlC);
    await s.waitFor('Draft kept in consensus/acme.yaml.draft: logs agreed 2, reason so far: Slide only, no policy');
    expect((await s.exited).exitCode).toBe(130);
    expect(JSON.parse(readFileSync(path.join(dir, 'consensus', 'acme.yaml.draft'), 'utf8'))).toEqual({ question: 'logs', score: 2, reason: 'Slide only, no policy' });

    // Resumed: the draft comes back, chosen and typed as it was.
    const r = new PtySession(['consensus', 'acme'], { cwd: dir, cols: 80, rows: 24 });
    await r.waitFor('❯ 2');
    r.write(KEY.enter);
    await r.waitFor('Slide only, no policy');
    r.write(`; nothing written.${KEY.enter}`);
    await r.waitFor('Consensus · Acme AI · 2 of 2 flagged (1 settled)');
    await r.waitFor('k  Keep the mean (3), with a reason');
    r.write('k');
    await r.waitFor('❯ k');
    r.write(KEY.enter);
    await r.waitFor('? Reason for keeping the mean');
    r.write(`Both readings fair${KEY.enter}`);
    await r.waitFor('2 outcomes saved in this meeting: acme logs: agreed 2; acme uptime: kept the mean.');
    expect((await r.exited).exitCode).toBe(0);
    const file = readFileSync(path.join(dir, 'consensus', 'acme.yaml'), 'utf8');
    expect(file).toContain('logs:\n    score: 2\n    reason: Slide only, no policy; nothing written.\n    by: [Ann, Bob]\n');
    expect(file).toContain('uptime:\n    keep: average\n    reason: Both readings fair\n');
    const after = json(['compare'], dir);
    expect(after.vendors.find((v: { id: string }) => v.id === 'acme').total).toBeCloseTo(62.5, 9);
    expect(runCli(['check'], { cwd: dir }).code).toBe(0);
  }, 60_000);
});
