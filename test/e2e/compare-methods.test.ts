/** `compare --method topsis|all` on fixtures: the published TOPSIS check and a winner that depends on the method. */
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const RUBRIC = ['--rubric', fixture('methods', 'rubric.yaml')];

describe('compare --method', () => {
  it('topsis: the published closeness .5037 .6581 .7482 .3340 through --format json, ranked by it', () => {
    const r = runCli(['compare', fixture('methods', 'published'), ...RUBRIC, '--method', 'topsis', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.options.method).toBe('topsis');
    expect(Object.keys(out.vendors[0]).slice(0, 5)).toEqual(['id', 'name', 'rank', 'total', 'closeness']);
    const byId = Object.fromEntries(out.vendors.map((v: { id: string; closeness: number }) => [v.id, v.closeness]));
    [['alpha', 0.5037], ['bravo', 0.6581], ['charlie', 0.7482], ['delta', 0.334]].forEach(([id, e]) => expect(byId[id as string]).toBeCloseTo(e as number, 4));
    expect(out.vendors.map((v: { id: string; rank: number }) => [v.id, v.rank])).toEqual([['charlie', 1], ['bravo', 2], ['alpha', 3], ['delta', 4]]);
  });

  it('all: both rankings side by side, the vendors whose rank differs, and that the winner depends on the method', () => {
    const r = runCli(['compare', fixture('methods', 'differ'), ...RUBRIC, '--method', 'all'], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Echo          81.0         1     0.3994            3  qualified\n');
    expect(r.stdout).toContain('Rank differs for Echo (WSM 1, TOPSIS 3); Foxtrot (WSM 2, TOPSIS 1); Golf (WSM 3, TOPSIS 2).\n');
    expect(r.stdout).toContain('The winner depends on the method: WSM ranks Echo first, TOPSIS ranks Foxtrot first.\n');
    const j = JSON.parse(runCli(['compare', fixture('methods', 'differ'), ...RUBRIC, '--method', 'all', '--format', 'json']).stdout);
    expect(Object.keys(j)).toEqual(['rubric', 'options', 'methods', 'vendors', 'leaders', 'winnerDependsOnMethod', 'rankDiffers']);
    expect(j.leaders).toEqual({ wsm: ['echo'], topsis: ['foxtrot'] });
    expect(j.winnerDependsOnMethod).toBe(true);
    expect(j.vendors[0].ranks).toEqual({ wsm: 1, topsis: 3 });
  });

  it('gates read the method\'s ranking; other formats and --baseline are refused', () => {
    const gate = runCli(['compare', fixture('methods', 'differ'), ...RUBRIC, '--method', 'topsis', '--fail-under', '80.5', '--format', 'json']);
    // The TOPSIS leader (Foxtrot) totals 80 points: below 80.5, so the gate fails.
    expect(gate.code).toBe(1);
    expect(runCli(['compare', fixture('methods', 'differ'), ...RUBRIC, '--method', 'topsis', '--format', 'csv']).stderr).toBe('vendorscore: --method topsis works with --format table, markdown or json, not csv\n');
    expect(runCli(['compare', fixture('methods', 'differ'), ...RUBRIC, '--method', 'best']).stderr).toBe('vendorscore: --method must be one of wsm, topsis, all, not "best"\n');
  });
});

describe('sensitivity --method', () => {
  it('topsis adds the random-weight probe under TOPSIS; JSON gains methods.topsis', () => {
    const r = runCli(['sensitivity', fixture('methods', 'differ'), ...RUBRIC, '--method', 'topsis', '--format', 'json', '--samples', '200']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.leader).toEqual(['echo']);
    expect(j.methods.topsis.leader).toEqual(['foxtrot']);
    expect(Object.keys(j.methods.topsis.draws)).toEqual(Object.keys(j.draws));
    const t = runCli(['sensitivity', fixture('methods', 'differ'), ...RUBRIC, '--method', 'all', '--samples', '200']);
    expect(t.stdout).toMatch(/\nUnder TOPSIS, with the same random weights \(±20% each, 200 draws\): Foxtrot, first under TOPSIS today, stays first in /);
  });
});
