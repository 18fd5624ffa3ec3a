import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const OTHER = ['compare', fixture('other-scale', 'evaluations'), '--rubric', fixture('other-scale', 'rubric.yaml')];
const json = (args: string[]) => {
  const r = runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { options: unknown; rubric: unknown; vendors: Array<Record<string, unknown> & { areas: Array<Record<string, unknown> & { questions: unknown[] }>; knockouts: unknown[] }> };
};

describe('compare on the bundled examples', () => {
  it('prints the ranked table with knockout, incomplete and legend, exit 0', () => {
    const r = runCli(['compare', 'examples/evaluations']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\n').filter((l) => /^│ [0-9–]/.test(l));
    expect(rows.map((l) => l.split('│').map((c) => c.trim())[2])).toEqual([
      'Northwind Applied AI',
      'Quanta Forge',
      'Brightloop Labs',
      'Société Lumière IA',
      'Meridian Data Works',
    ]);
    expect(rows[0]).toMatch(/^│ 1 │ Northwind Applied AI │ +87\.6 │/);
    expect(rows[3]).toContain('◐ incomplete (3 unanswered)');
    expect(rows[4]).toMatch(/^│ – │ Meridian Data Works +│ +75\.7 │.*⊘ 46\.7.*✗ knockout: prompt-logging · ⚑ 1 disagreement │$/);
    expect(rows[2]).toMatch(/│ ✓ qualified · ⚑ 1 disagreement +│$/);
    expect(r.stdout).toContain('Weights: Problem definition 15% · Delivery experience 12% · Data security 20%');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('totals match the values computed independently when the examples were written', () => {
    const j = json(['compare', 'examples/evaluations']);
    expect(j.vendors.map((v) => [v.id, v.rank, Number((v.total as number).toFixed(2)), v.status, v.complete])).toEqual([
      ['northwind-applied-ai', 1, 87.6, 'qualified', true],
      ['quanta-forge', 2, 71.38, 'qualified', true],
      ['brightloop-labs', 3, 70.14, 'qualified', true],
      ['societe-lumiere-ia', 4, 63.95, 'qualified', false],
      ['meridian-data-works', null, 75.71, 'disqualified', true],
    ]);
  });
});

describe('compare with another rubric (1–10, half steps, median, missing: ignore)', () => {
  it('gives the hand-computed totals, ranks, statuses and completeness', () => {
    const j = json(OTHER);
    expect(j.rubric).toEqual({ id: 'team-fit', version: '2.0.0', scale: { min: 1, max: 10 } });
    expect(j.options).toEqual({ aggregate: 'median', missing: 'ignore' });
    const v = Object.fromEntries(j.vendors.map((x) => [x.id as string, x]));
    // Alpha: t1 = median(8, 9, 6.5) = 8, t2 = 7 → tech 23/3 → 2000/27; c1 = 7 → 600/9; cost (6 + 9)/2 → 650/9.
    expect(v['alpha-co']!.total).toBeCloseTo(19450 / 270, 10);
    expect(v['alpha-co']!.areas.map((a) => a.normalized)).toEqual([expect.closeTo(2000 / 27, 10), expect.closeTo(600 / 9, 10), expect.closeTo(650 / 9, 10)]);
    // Gamma and Delta: only t1 = 7 and c1 = 8; cost unscored, weights renormalised over 5 + 2.
    expect(v.gamma!.total).toBeCloseTo(4400 / 63, 10);
    expect(v.delta!.total).toBe(v.gamma!.total);
    expect(v.gamma!.areas[2]).toMatchObject({ id: 'cost', score: null, normalized: null });
    expect(j.vendors.map((x) => [x.id, x.rank, x.status, x.complete])).toEqual([
      ['alpha-co', 1, 'qualified', true],
      ['delta', 2, 'qualified', false],
      ['gamma', 2, 'qualified', false],
      ['beta', null, 'disqualified', true],
    ]);
    expect(v.beta!.knockouts).toEqual([
      { rule: 'question', area: 'comms', question: 'c1', score: 2.5, below: 3, reason: 'c1 scored 2.5, below the knockout threshold 3' },
      { rule: 'area', area: 'comms', score: 2.5, below: 4, reason: 'Communication below what a remote team needs' },
    ]);
    expect(v['alpha-co']!.areas[1]!.questions).toEqual([{ id: 'c1', score: 7, scores: { X: 7, Y: 5, Z: 9 }, disagreement: true }]);
    expect(v['alpha-co']!.areas.map((a) => a.weight)).toEqual([0.5, 0.2, 0.3]);
  });

  it('--aggregate, --missing and --weights override the rubric', () => {
    const mean = json([...OTHER, '--aggregate', 'mean']);
    expect(mean.vendors.find((x) => x.id === 'alpha-co')!.total).toBeCloseTo(58700 / 810, 10);
    const min = json([...OTHER, '--missing', 'min']);
    // Gamma with missing = 1: tech (7·2 + 1)/3 = 5 → 400/9; comms 8 → 700/9; cost 1 → 0.
    expect(min.vendors.find((x) => x.id === 'gamma')!.total).toBeCloseTo((5 * 400 / 9 + 2 * 700 / 9) / 10, 10);
    const w = json([...OTHER, '--weights', 'tech=1,comms=1,cost=1']);
    expect(w.vendors.find((x) => x.id === 'alpha-co')!.total).toBeCloseTo((2000 / 27 + 600 / 9 + 650 / 9) / 3, 10);
  });

  it('csv: one row per vendor, one column per area by name, numbers to 10 decimals (no binary noise)', () => {
    const r = runCli([...OTHER, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toEqual([
      'rank,vendor_id,vendor,total,status,complete,Technical depth,Communication,Cost,knockouts',
      '1,alpha-co,Alpha Co,72.037037037,qualified,true,74.0740740741,66.6666666667,72.2222222222,',
      '2,delta,Delta,69.8412698413,qualified,false,66.6666666667,77.7777777778,,',
      '2,gamma,Gamma,69.8412698413,qualified,false,66.6666666667,77.7777777778,,',
      ',beta,Beta Ltd,83.3333333333,disqualified,true,100,16.6666666667,100,"c1 scored 2.5, below the knockout threshold 3; Communication below what a remote team needs"',
      '',
    ]);
  });

  it('markdown: a GitHub table with one row per vendor and a note per knockout and flag', () => {
    const r = runCli([...OTHER, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const table = r.stdout.split('\n').filter((l) => l.startsWith('|'));
    expect(table[0]).toBe('| Rank | Vendor | Total | Technical depth (50%) | Communication (20%) | Cost (30%) | Status |');
    expect(table[1]).toBe('| ---: | :--- | ---: | ---: | ---: | ---: | :--- |');
    expect(table[2]).toBe('| 1 | **Alpha Co** | **72.0** | 74.1 | 66.7 | 72.2 | ✓ qualified |');
    expect(table[5]).toBe('| — | ~~Beta Ltd~~ | **83.3** | 100.0 | ❌ 16.7 | 100.0 | ✗ knockout: c1, comms |');
    expect(r.stdout).toContain('- ⚠️ **Alpha Co**: evaluators disagree on c1: scores range 5–9');
  });

  it('table: ties share a rank; unscored areas show –', () => {
    const r = runCli(OTHER);
    expect(r.stdout).toContain('│ 2 │ Delta    │  69.8 │      66.7 │          77.8 │     – │ ◐ incomplete (3 unanswered)     │');
    expect(r.stdout).toContain('│ 1 │ Alpha Co │  72.0 │      74.1 │          66.7 │  72.2 │ ✓ qualified · ⚑ 2 disagreements │');
    expect(r.stdout).toContain('│ 2 │ Gamma    │  69.8 │');
  });
});

describe('workspace defaults', () => {
  it('with no paths and no --rubric: ./evaluations scored against ./rubric.yaml (the layout init makes)', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'vs-ws-'));
    cpSync(fixture('other-scale', 'rubric.yaml'), path.join(cwd, 'rubric.yaml'));
    cpSync(fixture('other-scale', 'evaluations'), path.join(cwd, 'evaluations'), { recursive: true });
    const r = runCli(['compare', '--format', 'json'], { cwd });
    expect(r.stderr).toBe('using ./rubric.yaml\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rubric.id).toBe('team-fit');
    // Without one, the bundled rubric is used, and these evaluations do not belong to it.
    rmSync(path.join(cwd, 'rubric.yaml'));
    const bundled = runCli(['compare'], { cwd });
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toContain('answers were given against rubric team-fit@2.0.0, but the rubric in use is ai-vendor@1');
  });
});

describe('colour', () => {
  const colored = (s: string) => s.includes('\u001b[');
  it('off when piped, on with FORCE_COLOR, off again with NO_COLOR or --no-color (borders included)', () => {
    expect(colored(runCli(['compare', 'examples/evaluations'], { env: { NO_COLOR: undefined } }).stdout)).toBe(false);
    const forced = runCli(['compare', 'examples/evaluations'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout;
    expect(colored(forced)).toBe(true);
    expect(forced).toMatch(/\u001b\[90m┌─/); // dimmed border
    expect(colored(runCli(['compare', 'examples/evaluations'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout)).toBe(false);
    expect(colored(runCli(['compare', 'examples/evaluations', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout)).toBe(false);
  });
});

describe('shortlist and score', () => {
  it('shortlist keeps qualified vendors at or above --min-score, at most --top', () => {
    const r = runCli(['shortlist', 'examples/evaluations', '--top', '2', '--min-score', '70', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).vendors.map((v: { id: string }) => v.id)).toEqual(['northwind-applied-ai', 'quanta-forge']);
    const all = runCli(['shortlist', 'examples/evaluations', '--min-score', '65', '--format', 'json']);
    expect(JSON.parse(all.stdout).vendors.map((v: { id: string }) => v.id)).toEqual(['northwind-applied-ai', 'quanta-forge', 'brightloop-labs']);
  });

  it('shortlist says when --top cuts through a tie', () => {
    const r = runCli(['shortlist', fixture('other-scale', 'evaluations'), '--rubric', fixture('other-scale', 'rubric.yaml'), '--top', '2', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).vendors.map((v: { id: string }) => v.id)).toEqual(['alpha-co', 'delta']);
    expect(r.stderr).toBe('vendorscore: note: Gamma ties at rank 2 but is beyond --top 2\n');
  });

  it('score shows every question with each evaluator, notes and evidence', () => {
    const r = runCli(['score', 'gamma', fixture('other-scale', 'evaluations'), '--rubric', fixture('other-scale', 'rubric.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Gamma (gamma) · rank 2 of 3 · total 69.8 / 100');
    expect(r.stdout).toMatch(/ t1 {2}7 {2}\(weight 2\)\n {4}Architecture review\n {4}Y: 7 · solid\n/);
    const d = runCli(['score', 'delta', fixture('other-scale', 'evaluations'), '--rubric', fixture('other-scale', 'rubric.yaml')]);
    expect(d.stdout).toContain('evidence: minutes.md');
    const j = JSON.parse(runCli(['score', 'beta', fixture('other-scale', 'evaluations'), '--rubric', fixture('other-scale', 'rubric.yaml'), '--format', 'json']).stdout);
    expect(j.vendor.status).toBe('disqualified');
    expect(j.vendor.areas[1].questions[0].answers).toEqual([{ evaluator: 'X', score: 2.5, notes: null, evidence: [], flag: null, file: expect.stringMatching(/beta[\\/]x\.yaml$/) }]);
  });

  it('score of an unknown vendor suggests the closest id, exit 2', () => {
    const r = runCli(['score', 'quanta-forg', 'examples/evaluations']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vendorscore: no vendor "quanta-forg" in the evaluations (did you mean "quanta-forge"?)\n');
  });
});

describe('bad input and usage', () => {
  it('reports every problem in every file as path:line:col, exit 2, no stack', () => {
    const r = runCli(['compare', 'test/fixtures/invalid/evals']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toContain('test/fixtures/invalid/evals/one.yaml:6:20: score 7 for restate-problem is off the scale 0–5');
    expect(lines).toContain("test/fixtures/invalid/evals/one.yaml:7:26: score 2.5 for push-back-vague-brief is off the step 1");
    expect(lines).toContain('test/fixtures/invalid/evals/one.yaml:8:3: unknown question "prompt-loging" in rubric ai-vendor@1 (did you mean "prompt-logging"?)');
    expect(lines).toContain('test/fixtures/invalid/evals/one.yaml:14:5: unknown key "note" in answers.baseline-metric (did you mean "notes"?)');
    expect(lines).toContain('test/fixtures/invalid/evals/two.yaml:2:9: answers were given against rubric ai-vendor@2, but the rubric in use is ai-vendor@1 (choose it with --rubric)');
    expect(lines).toContain('test/fixtures/invalid/evals/three.yaml:3:12: evaluator "dana" already scored vendor acme-ai-labs in test/fixtures/invalid/evals/one.yaml, written there as "Dana"; one file per evaluator per vendor');
    expect(lines.some((l) => l.startsWith('test/fixtures/invalid/evals/notes.yaml:1:1: is neither an evaluation'))).toBe(true);
    expect(lines.some((l) => l.startsWith('test/fixtures/invalid/evals/syntax.yaml:'))).toBe(true);
    for (const l of lines) expect(l).toMatch(/^test\/fixtures\/invalid\/evals\/[a-z]+\.yaml:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an invalid rubric: every problem, located', () => {
    const r = runCli(['compare', 'examples/evaluations', '--rubric', 'test/fixtures/invalid/rubric-bad.yaml']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => l.split(': ')[0])).toEqual([
      'test/fixtures/invalid/rubric-bad.yaml:1:5',
      'test/fixtures/invalid/rubric-bad.yaml:2:10',
      'test/fixtures/invalid/rubric-bad.yaml:5:10',
      'test/fixtures/invalid/rubric-bad.yaml:9:13',
      'test/fixtures/invalid/rubric-bad.yaml:13:9',
      'test/fixtures/invalid/rubric-bad.yaml:14:13',
    ]);
    expect(lines[4]).toContain('unknown key "wieght" in areas.0.questions.0 (did you mean "weight"?)');
    expect(lines[5]).toContain('duplicate question id "q1"');
  });

  it.each([
    [['compare', 'examples/evaluations', '--aggregate', 'mode'], 'vendorscore: --aggregate must be one of mean, median, not "mode"\n'],
    [['compare', 'examples/evaluations', '--weights', 'data-securty=3'], 'vendorscore: --weights: no area or question "data-securty" in rubric ai-vendor (did you mean "data-security"?)\n'],
    [['compare', 'examples/evaluations', '--weights', 'ownership=-1'], 'vendorscore: --weights: weight for ownership must be a positive finite number, not "-1"\n'],
    [['compare', 'examples/evaluations', '--format', 'xml'], /^vendorscore: --format must be one of table, markdown, json, csv(, html)?, not "xml"\n$/],
    [['compare', 'no/such/dir'], 'vendorscore: no/such/dir: no such file or folder\n'],
    [['shortlist', 'examples/evaluations', '--top', '0'], 'vendorscore: --top must be a whole number of at least 1, not "0"\n'],
  ])('%j → exit 2 with one clear line', (args, stderr) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
  });

  it('an unknown command or option is a usage error (exit 2)', () => {
    expect(runCli(['compair']).code).toBe(2);
    expect(runCli(['compare', '--frobnicate']).code).toBe(2);
  });
});

describe('rubric and check', () => {
  it('rubric validate accepts the bundled rubric; rubric show prints its areas and guidance', () => {
    const v = runCli(['rubric', 'validate']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/rubric ai-vendor@1 is valid \(7 areas, \d+ questions\)/);
    const s = runCli(['rubric', 'show']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('Data security (data-security) weight 20 = 20% knockout below 2');
    expect(s.stdout).toMatch(/prompt-logging \(.*knockout below 2.*\)/);
  });

  it('rubric validate on a broken rubric: located problems, exit 1', () => {
    const r = runCli(['rubric', 'validate', 'test/fixtures/invalid/rubric-bad.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^test\/fixtures\/invalid\/rubric-bad\.yaml:1:5: /);
  });

  it('check: exit 0 on the examples, 1 on broken files', () => {
    expect(runCli(['check', 'examples/evaluations']).code).toBe(0);
    expect(runCli(['check', 'test/fixtures/invalid/evals']).code).toBe(1);
  });
});
