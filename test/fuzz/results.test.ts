/**
 * Seeded fuzzing of the numbers `diff` and `--baseline` read back, and of rubric scales: a
 * mutant results file is either refused with one line naming a key, or diffed to finite effects
 * that add up; a mutant scale is either refused or has at most MAX_SCALE_VALUES values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffResults, type Results } from '../../src/core/diff.js';
import { rubricFromSource } from '../../src/io/load.js';
import { parseYaml } from '../../src/io/yaml.js';
import { scaleValues } from '../../src/interview/session.js';
import { MAX_SCALE_VALUES } from '../../src/schema/rubric.js';
import { parseResults } from '../../src/schema/results.js';
import { fixture } from '../helpers/cli.js';
import { rng, SEED } from './mutate.js';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);
const PREFIX = 'is not a results file written by `vendorscore compare --format json`: ';
const NUMBERS = [1e308, -1e308, 1e-320, -1, 0, 0.5, 1, 5, 6, 50, 100, 101, 1e9, 1e12, 'NaN', 'Infinity', '4', null, true, [], {}, '1e999'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a leaf (or a small container) of the JSON tree. */
function paths(v: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Array.isArray(v) ? v.entries() : Object.entries(v)) paths(x, [...at, k], out);
  }
  out.push(at);
  return out;
}

function mutant(base: Json, next: () => number): string {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  for (let k = 0, n = 1 + Math.floor(next() * 3); k < n; k++) {
    const all = paths(copy).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const p = all[Math.floor(next() * all.length)]!;
    const parent = p.slice(0, -1).reduce<Json>((o, s) => (o as Record<string, Json>)[s as string]!, copy) as Record<string, Json>;
    const key = p[p.length - 1] as string;
    const r = next();
    if (r < 0.1) delete parent[key];
    else if (r < 0.2 && Array.isArray(parent)) parent.push(parent[Number(key)] ?? null);
    else parent[key] = NUMBERS[Math.floor(next() * NUMBERS.length)] as Json;
  }
  // JSON reads 1e999 as Infinity: write it as a bare number.
  return JSON.stringify(copy).replace(/"1e999"/g, '1e999');
}

describe(`results-file fuzz (seed ${SEED}, ${MUTANTS} mutants)`, () => {
  it('each mutant is refused with one line naming a key, or diffs to finite effects that add up', () => {
    const base = JSON.parse(readFileSync(fixture('bad', 'results', 'ok.json'), 'utf8')) as Json;
    const ok = parseResults(base).results!;
    const next = rng(SEED);
    const tally = { refused: 0, diffed: 0 };
    for (let n = 0; n < MUTANTS; n++) {
      const text = mutant(base, next);
      const { results, error } = parseResults(JSON.parse(text));
      if (!results) {
        tally.refused++;
        expect(error, text).toMatch(new RegExp(`^${PREFIX.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}\\S`));
        expect(error).not.toContain('\n');
        continue;
      }
      tally.diffed++;
      for (const [a, b] of [[ok, results], [results, ok]] as Array<[Results, Results]>) {
        for (const d of diffResults(a, b)) {
          for (const c of d.changes) expect(Number.isFinite(c.effect), text).toBe(true);
          if (d.before && d.after) expect(Math.abs(d.changes.reduce((s, c) => s + c.effect, 0) - d.delta), text).toBeLessThan(1e-6);
        }
      }
    }
    expect(tally.refused).toBeGreaterThan(MUTANTS / 4);
    expect(tally.diffed).toBeGreaterThan(MUTANTS / 20);
  });
});

describe(`scale fuzz (seed ${SEED})`, () => {
  it('a scale is refused, or lists at most MAX_SCALE_VALUES values from min to max', () => {
    const next = rng(SEED + 1);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const ends = ['0', '1', '5', '-5', '10', '100', '1000', '1001', '1e9', '-1e308', '1e308', '0.1', '3'];
    const steps = ['1', '0.5', '0.1', '0.01', '0.001', '1e-9', '1e-10', '2', '3', '1e9', '0.3', '.inf', '0'];
    for (let n = 0; n < 1000; n++) {
      const [min, max, step] = [pick(ends), pick(ends), pick(steps)];
      const text = `id: r\nversion: 1\ntitle: R\nscale: {min: ${min}, max: ${max}, step: ${step}}\nareas: [{id: a, name: A, weight: 1, questions: [{id: q, text: Q}]}]\n`;
      const { rubric, problems } = rubricFromSource(parseYaml('r.yaml', text).source!);
      if (!rubric) {
        expect(problems.length, text).toBeGreaterThan(0);
        continue;
      }
      const values = scaleValues(rubric.scale);
      expect(values.length, text).toBeLessThanOrEqual(MAX_SCALE_VALUES);
      expect(values[0]).toBe(rubric.scale.min);
      expect(values[values.length - 1]).toBeCloseTo(rubric.scale.max, 9);
    }
  });
});
