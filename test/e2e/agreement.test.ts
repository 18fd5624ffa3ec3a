import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability": four observers, twelve
// units with missing values, as twelve questions about one vendor on a 1–5 scale.
const dir = fixture('agreement-krippendorff');

describe('agreement (through the CLI, from evaluation files)', () => {
  it('reproduces the published alphas: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797', () => {
    const r = runCli(['agreement', '--format', 'json', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['rubric', 'vendors', 'bootstrap', 'overall', 'areas', 'agenda', 'calibration']);
    expect(j.overall).toMatchObject({ units: 12, pairable: 11, values: 40 });
    expect(j.overall.alpha.nominal.value).toBeCloseTo(0.743, 3);
    expect(j.overall.alpha.ordinal.value).toBeCloseTo(0.815, 3);
    expect(j.overall.alpha.interval.value).toBeCloseTo(0.849, 3);
    expect(j.overall.alpha.ratio.value).toBeCloseTo(0.797, 3);
    expect(j.bootstrap).toEqual({ resample: 'units', samples: 1000, seed: 1, confidence: 0.95 });
    expect(j.areas.map((a: { id: string; units: number }) => [a.id, a.units])).toEqual([['first-half', 6], ['second-half', 6]]);
    expect(j.agenda[0]).toEqual({ vendor: 'published-example', area: 'first-half', question: 'unit-6', spread: 3, importance: 0.5 / 6, flagged: true, scores: { 'Observer A': 1, 'Observer B': 2, 'Observer C': 3, 'Observer D': 4 } });
    expect(j.calibration.test).toBe('t-interval');
    const a = j.calibration.evaluators.find((e: { evaluator: string }) => e.evaluator === 'Observer A');
    // A's offsets on units 1–9 against the mean of the others: 0,−1/3,0,0,0,−2,0,−1/3,0 → mean −0.296.
    expect(a.units).toBe(9);
    expect(a.offset).toBeCloseTo(-8 / 27, 12);
  });

  it('prints the same alphas in the table, and the same report for the same seed', () => {
    const r = runCli(['agreement', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^All areas +0\.743 \[.*\] +0\.815 \[.*\] +0\.849 \[.*\] +0\.797 /m);
    expect(runCli(['agreement', '--quiet'], { cwd: dir }).stdout).toBe(r.stdout);
    expect(runCli(['agreement', '--quiet', '--seed', '2'], { cwd: dir }).stdout).not.toBe(r.stdout);
  });

  it('markdown: a table of alphas, the agenda and the calibration', () => {
    const r = runCli(['agreement', '--quiet', '--format', 'markdown', '--top', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| All areas | 0.743 [');
    expect(r.stdout.match(/^- published-example/gm)).toHaveLength(1);
    expect(r.stdout).toContain('Observer A scores 0.30 points harsher than the panel on average');
  });
});

describe('agreement JSON keys', () => {
  it('every key path is in the table of keys in docs/json.md', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('../helpers/cli.js');
    const keys = readFileSync(path.join(ROOT, 'docs', 'json.md'), 'utf8');
    const paths = new Set<string>();
    const walk = (x: unknown, at: string) => {
      if (Array.isArray(x)) x.forEach((y) => walk(y, `${at}[]`));
      else if (x && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          const p = at ? `${at}.${k}` : k;
          paths.add(p);
          if (p !== 'agenda[].scores') walk(v, p); // keyed by evaluator name
        }
      }
    };
    walk(JSON.parse(runCli(['agreement', '--format', 'json', '--quiet'], { cwd: dir }).stdout), '');
    expect([...paths].filter((p) => !keys.includes(`\`${p}\``))).toEqual([]);
  });
});
