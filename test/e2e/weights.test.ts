/** `vendorscore weights --from`: the published checks through --format json, --write and --check. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli } from '../helpers/cli.js';

const W = (f: string) => fixture('weights', f);
const json = (args: string[], cwd?: string) => {
  const r = runCli([...args, '--format', 'json'], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
};
const values = (o: Record<string, number>) => Object.values(o);

describe('weights --from: the published checks', () => {
  it("Saaty's drinks: weights, λmax 7.1766, CR .0223", () => {
    const r = json(['weights', '--from', W('drinks.yaml'), '--rubric', W('rubric-drinks.yaml')]);
    expect(Object.keys(r)).toEqual(['file', 'rubric', 'method', 'criteria', 'weights', 'rubricWeights', 'ahp']);
    [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327].forEach((e, i) => expect(values(r.weights)[i]).toBeCloseTo(e, 3));
    expect(r.ahp).toMatchObject({ judges: 1, ri: 1.32, randomIndex: 'Saaty 1980', limit: 0.1, consistent: true, worst: [] });
    expect(r.ahp.lambdaMax).toBeCloseTo(7.1766, 4);
    expect(r.ahp.cr).toBeCloseTo(0.0223, 4);
  });

  it('Wang & Chin: CR ≈ 0.23, flagged, with repairs; a warning on stderr', () => {
    const r = runCli(['weights', '--from', W('wang-chin.yaml'), '--rubric', W('rubric-six.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391].forEach((e, i) => expect(values(out.weights)[i]).toBeCloseTo(e, 4));
    expect(out.ahp.cr).toBeCloseTo(0.23, 2);
    expect(out.ahp.consistent).toBe(false);
    expect(out.ahp.worst[0]).toMatchObject({ row: 'c1', column: 'c3', value: 3, repair: 9 });
    expect(r.stderr).toMatch(/^warning: .*CR 0\.2290 > 0\.10, inconsistent/);
    expect(r.stderr).toContain('\n  C1 vs C3: 3 given, weights imply 9.23, repair 9\n');
  });

  it('rank order centroid, n = 4: 25/48, 13/48, 7/48, 3/48', () => {
    const r = json(['weights', '--from', W('roc.yaml'), '--rubric', W('rubric-four.yaml')]);
    [25, 13, 7, 3].forEach((e, i) => expect(values(r.weights)[i]).toBeCloseTo(e / 48, 12));
    expect(r.roc).toEqual({ order: ['a', 'b', 'c', 'd'] });
  });

  it('swing: points over their sum', () => {
    const r = json(['weights', '--from', W('swing.yaml'), '--rubric', W('rubric-four.yaml')]);
    [100, 60, 30, 10].forEach((e, i) => expect(values(r.weights)[i]).toBeCloseTo(e / 200, 12));
  });

  it('BWM, Rezaei (2015): w ≈ (0.0714, 0.3387, 0.5899), ξ* ≈ 0.2583, CR ≈ 0.058', () => {
    const r = json(['weights', '--from', W('bwm.yaml'), '--rubric', W('rubric-three.yaml')]);
    [0.0714, 0.3387, 0.5899].forEach((e, i) => expect(values(r.weights)[i]).toBeCloseTo(e, 4));
    expect(r.bwm).toMatchObject({ model: 'non-linear', best: 'comfort', worst: 'quality', ci: 4.47, consistencyIndex: 'Rezaei 2015' });
    expect(r.bwm.xi).toBeCloseTo(0.2583, 4);
    expect(r.bwm.cr).toBeCloseTo(0.058, 3);
  });

  it('BWM linear model (Rezaei 2016): its own ξᴸ, the same CR', () => {
    const r = json(['weights', '--from', W('bwm-linear.yaml'), '--rubric', W('rubric-three.yaml')]);
    expect(r.bwm.model).toBe('linear');
    expect(r.bwm.xi).toBeCloseTo(1 / 28, 6);
    expect(r.bwm.xiNonLinear).toBeCloseTo(0.2583, 4);
    expect(r.bwm.cr).toBeCloseTo(0.058, 3);
  });

  it('a panel: two matrices, element-wise geometric mean', () => {
    const r = json(['weights', '--from', W('panel.yaml'), '--rubric', W('rubric-three.yaml')]);
    expect(r.ahp.judges).toBe(2);
    [0.5, 0.25, 0.25].forEach((e, i) => expect(values(r.weights)[i]).toBeCloseTo(e, 9));
  });
});

describe('weights --write and --check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-weights-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the weights in place, only the weight values and one comment line changing; --check then passes', () => {
    cpSync(W('rubric-drinks.yaml'), path.join(dir, 'rubric.yaml'));
    cpSync(W('drinks.yaml'), path.join(dir, 'drinks.yaml'));
    const before = readFileSync(path.join(dir, 'rubric.yaml'), 'utf8');
    const fail = runCli(['weights', '--from', 'drinks.yaml', '--check'], { cwd: dir });
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain("vendorscore: check failed: the rubric's weights differ from the derived ones: coffee 14.29% (derived 17.75%), wine 14.29% (derived 1.91%)");
    const w = runCli(['weights', '--from', 'drinks.yaml', '--write', '--quiet'], { cwd: dir });
    expect(w.code, w.stderr).toBe(0);
    const after = readFileSync(path.join(dir, 'rubric.yaml'), 'utf8');
    const changed = after.split('\n').filter((l) => !before.split('\n').includes(l));
    expect(changed[0]).toBe('# weights derived by vendorscore: AHP (principal eigenvector; CR 0.022, Saaty 1980 random index) from drinks.yaml; verify with vendorscore weights --from drinks.yaml --check');
    expect(changed.slice(1)).toEqual(['17.75', '1.91', '4.18', '11.64', '18.96', '12.88', '32.68'].map((w) => `    weight: ${w}   # equal until derived`));
    expect(after.replace(/^# weights derived.*\n/m, '').replace(/weight: [\d.]+/g, 'weight: 10')).toBe(before);
    const ok = runCli(['weights', '--from', 'drinks.yaml', '--check'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toBe("using ./rubric.yaml\n✓ the rubric's weights are the derived ones\n");
    // A second --write replaces its comment rather than adding another.
    runCli(['weights', '--from', 'drinks.yaml', '--write', '--quiet'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'rubric.yaml'), 'utf8')).toBe(after);
  });

  it('the bundled rubric is never changed: --write makes ./rubric.yaml, a copy with its comments', () => {
    const ws = mkdtempSync(path.join(dir, 'bundled-'));
    const areas = ['problem-definition', 'delivery-experience', 'data-security', 'evaluation-testing', 'engineering-breadth', 'ownership', 'pilot-structure'];
    writeFileSync(path.join(ws, 'j.yaml'), `method: roc\ncriteria: [${areas.join(', ')}]\norder: [data-security, ownership, evaluation-testing, problem-definition, delivery-experience, engineering-breadth, pilot-structure]\n`);
    const bundled = readFileSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), 'utf8');
    const r = runCli(['weights', '--from', 'j.yaml', '--write'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('wrote the weights into rubric.yaml (a copy of the bundled rubric ai-vendor)\n');
    const copy = readFileSync(path.join(ws, 'rubric.yaml'), 'utf8');
    expect(copy).toContain('# The comment next to each weight explains the choice');
    expect(copy).toMatch(/weight: 37\.04 +# /);
    expect(readFileSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), 'utf8')).toBe(bundled);
    expect(runCli(['weights', '--from', 'j.yaml', '--check', '--quiet'], { cwd: ws }).code).toBe(0);
  });
});
