import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

// A rubric with a panel (security scores data-security, engineering scores engineering),
// min-evaluators: 2 and require-declaration: true.
const dir = fixture('panel');

describe('panel roles and declarations', () => {
  it('check: a missing declaration is an error, a score outside the role a warning', () => {
    const r = runCli(['check', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => /declared|role/.test(l))).toEqual([
      'evaluations/acme-ai/ann.yaml:8:15: warning: Ann Lee (role security) scored api-design in area engineering, which the role does not score (its areas: data-security)',
      'evaluations/acme-ai/bob.yaml:3:12: Bob Stone has not declared any conflict of interest; the rubric requires it (add conflict-of-interest: none, or what the interest is)',
    ]);
    const j = JSON.parse(runCli(['check', '--format', 'json', '--quiet'], { cwd: dir }).stdout);
    expect(j.map((p: { code: string; severity: string }) => `${p.severity} ${p.code}`)).toEqual(expect.arrayContaining(['error no-declaration', 'warning outside-role']));
  });

  it('min-evaluators: a vendor with fewer is incomplete, and --require-complete fails on it', () => {
    const r = runCli(['compare', '--format', 'json', '--require-complete', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    const bravo = JSON.parse(r.stdout).vendors.find((v: { id: string }) => v.id === 'bravo');
    expect(bravo.complete).toBe(false);
    expect(bravo.flags).toContainEqual({ code: 'few-evaluators', message: 'scored by 1 evaluator(s); the rubric asks for at least 2' });
    expect(r.stderr).toContain('vendorscore: gate failed: --require-complete: Bravo is scored by 1 evaluator(s); the rubric asks for at least 2\n');
    const acme = JSON.parse(r.stdout).vendors.find((v: { id: string }) => v.id === 'acme-ai');
    expect(acme.complete).toBe(true);
  });

  it('score shows the declarations and the agreement on the vendor', () => {
    const r = runCli(['score', 'bravo', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Panel\n  Ann Lee (security): conflict of interest: My brother works at Bravo as a sales engineer.\n');
    const t = runCli(['score', 'acme-ai', '--quiet'], { cwd: dir }).stdout;
    expect(t).toContain('  Bob Stone (engineering): conflict of interest: not declared\n');
    expect(t).toContain('  to discuss: acme-ai · api-design: spread 2 (Ann Lee 2, Bob Stone 4) — flagged\n');
    const j = JSON.parse(runCli(['score', 'acme-ai', '--format', 'json', '--quiet'], { cwd: dir }).stdout);
    expect(Object.keys(j)).toEqual(['rubric', 'options', 'vendor', 'declarations', 'agreement']);
    expect(j.declarations).toEqual([
      { evaluator: 'Ann Lee', role: 'security', conflictOfInterest: 'none' },
      { evaluator: 'Bob Stone', role: 'engineering', conflictOfInterest: null },
    ]);
    expect(j.agreement.vendors).toEqual(['acme-ai']);
    const md = runCli(['compare', '--format', 'markdown', '--quiet'], { cwd: dir }).stdout;
    expect(md).toContain('### Panel and declarations\n\n| Vendor | Evaluator | Role | Conflict of interest |\n');
    expect(md).toContain('| Bravo | Ann Lee | security | My brother works at Bravo as a sales engineer. |\n');
    expect(md).toContain('### Agreement\n');
  });
});

describe('--normalise z', () => {
  it('moves each evaluator to the panel mean and spread before aggregating, and says so', () => {
    // Ann gives 4, 2, 3 (mean 3, sd √(2/3)); Bob gives 4 (one score: only the level moves).
    // Panel: 4, 2, 3, 4: mean 3.25, sd √(0.6875). Ann's 4 → 3.25 + √0.6875·1/√(2/3) = 4.2653.
    const r = runCli(['compare', '--format', 'json', '--normalise', 'z', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.options).toEqual({ aggregate: 'mean', missing: 'min', normalise: 'z' });
    const acme = j.vendors.find((v: { id: string }) => v.id === 'acme-ai');
    const q = (id: string) => acme.areas.flatMap((a: { questions: unknown[] }) => a.questions).find((x: { id: string }) => x.id === id);
    expect(q('prompt-logging').scores['Ann Lee']).toBeCloseTo(3.25 + Math.sqrt(0.6875 / (2 / 3)), 12);
    expect(q('api-design').scores['Bob Stone']).toBeCloseTo(3.25, 12);
    expect(runCli(['compare', '--normalise', 'z', '--quiet'], { cwd: dir }).stdout).toContain('aggregate mean of normalised scores (--normalise z)');
  });
});
