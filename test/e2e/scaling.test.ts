/**
 * Cost stays proportional to input: big generated inputs (scripts/big-inputs.mjs), each run
 * through the built CLI with a generous timeout. These assert completion and correct output,
 * never speed; `npm run bench` measures the growth.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsPair, writeWorkspace, type ResultsFile } from '../../scripts/big-inputs.mjs';
import { runCli } from '../helpers/cli.js';

const TIMEOUT = 30_000;
const BIG = ['--max-file-size', String(64 * 1024 * 1024)];

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vendorscore-scaling-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function run(args: string[], cwd: string) {
  const r = runCli(args, { cwd, timeout: TIMEOUT });
  // A timeout kills the child: status null, which fails here with the command in the message.
  expect(r.code, `${args.join(' ')}\n${r.stderr.slice(0, 2000)}`).not.toBeNull();
  return r;
}

interface DiffJson {
  vendors: Array<{ id: string; delta: number; before: { total: number }; after: { total: number }; changes: Array<{ kind: string; effect: number }> }>;
}

/** Writes the pair and runs diff --format json; every vendor's parts add up to its change, nothing unexplained. */
function diffPair(name: string, opts: Parameters<typeof resultsPair>[0]): { json: DiffJson; before: ResultsFile; after: ResultsFile } {
  const dir = folder(name);
  const { before, after } = resultsPair(opts);
  writeFileSync(path.join(dir, 'old.json'), JSON.stringify(before));
  writeFileSync(path.join(dir, 'new.json'), JSON.stringify(after));
  const r = run(['diff', 'old.json', 'new.json', '--format', 'json', ...BIG], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const json = JSON.parse(r.stdout) as DiffJson;
  const totals = new Map(after.vendors.map((v) => [v.id, v.total]));
  for (const v of json.vendors) {
    expect(v.changes.filter((c) => c.kind === 'unexplained')).toEqual([]);
    expect(v.after.total).toBe(totals.get(v.id));
    expect(v.changes.reduce((s, c) => s + c.effect, 0)).toBeCloseTo(v.delta, 9);
  }
  return { json, before, after };
}

const kinds = (changes: Array<{ kind: string }>) => {
  const n: Record<string, number> = {};
  for (const c of changes) n[c.kind] = (n[c.kind] ?? 0) + 1;
  return n;
};

describe('diff', () => {
  it('8,000 evaluators on one vendor: 1,000 leave, 1,000 join, 2,333 answers change', () => {
    const { json } = diffPair('diff-evaluators', { evaluators: 8000 });
    expect(json.vendors).toHaveLength(1);
    expect(kinds(json.vendors[0]!.changes)).toEqual({ 'evaluator-removed': 1000, 'evaluator-added': 1000, answer: 2333 });
  });

  it('2,000 vendors: one answer change each, explained vendor by vendor', () => {
    const { json } = diffPair('diff-vendors', { vendors: 2000, evaluators: 4 });
    expect(json.vendors).toHaveLength(2000);
    for (const v of json.vendors) expect(kinds(v.changes)).toEqual({ answer: 1 });
  });

  it('6,000 questions in 60 areas, 16 evaluators (96,000 answers)', () => {
    const { json } = diffPair('diff-questions', { evaluators: 16, areas: 60, questions: 6000 });
    expect(kinds(json.vendors[0]!.changes)).toEqual({ 'evaluator-removed': 2, 'evaluator-added': 2, answer: 5 });
  });

  it('the text report folds thousands of changes into one line', () => {
    const dir = folder('diff-text');
    const { before, after } = resultsPair({ evaluators: 8000 });
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify(before));
    writeFileSync(path.join(dir, 'new.json'), JSON.stringify(after));
    const r = run(['diff', 'old.json', 'new.json'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['What changed: old.json → new.json', '', `Vendor 0: rank 1, ${before.vendors[0]!.total.toFixed(1)} → ${after.vendors[0]!.total.toFixed(1)} (−0.2)`]);
    expect(lines.filter((l) => /^\s+\S+\s+4325 smaller change\(s\)$/.test(l))).toHaveLength(1);
  });

  it('compare --baseline with the 8,000-evaluator results file', () => {
    const dir = folder('baseline');
    const totals = writeWorkspace(dir, { evaluators: 3 });
    const { before } = resultsPair({ evaluators: 8000 });
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify(before));
    const r = run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--baseline', 'old.json', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout).vendors[0];
    expect(v.total).toBeCloseTo(totals.get('vendor-0')!, 9);
    expect(v.movement).toEqual({ previousRank: 1, rankChange: 0, previousTotal: before.vendors[0]!.total, totalDelta: expect.closeTo(v.total - before.vendors[0]!.total, 9), previousStatus: 'qualified', new: false });
    expect(run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--baseline', 'old.json'], dir).code).toBe(0);
  });
});

describe('sensitivity', () => {
  it('2,000 evaluators (two vendors, 1,000 each): every evaluator probed, as compare sees the files without them', () => {
    const dir = folder('sensitivity-evaluators');
    writeWorkspace(dir, { vendors: 2, evaluators: 1000 });
    const r = run(['sensitivity', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { leader: string[]; evaluators: Array<{ evaluator: string; change: string; leader: string[]; moved: unknown[] }> };
    expect(j.evaluators).toHaveLength(3000);
    expect(new Set(j.evaluators.map((e) => e.evaluator)).size).toBe(1000);
    // One probe redone the slow way: the files without that evaluator, scored by compare.
    const without = path.join(root, 'sensitivity-without');
    cpSync(dir, without, { recursive: true });
    for (const v of ['vendor-0', 'vendor-1']) rmSync(path.join(without, 'evaluations', v, 'e7.yaml'));
    const c = JSON.parse(run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], without).stdout) as { vendors: Array<{ id: string; rank: number }> };
    const probe = j.evaluators.find((e) => e.evaluator === 'Evaluator 7' && e.change === 'without')!;
    expect(probe.leader).toEqual(c.vendors.filter((v) => v.rank === 1).map((v) => v.id));
  });

  it('a 6,000-question rubric', () => {
    const dir = folder('sensitivity-questions');
    writeWorkspace(dir, { vendors: 3, evaluators: 2, areas: 60, questions: 6000 });
    const r = run(['sensitivity', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { leader: string[]; evaluators: unknown[] };
    expect(j.leader).toHaveLength(1);
    expect(j.evaluators).toHaveLength(6);
  });
});

describe('compare, check and score', () => {
  it('2,000 evaluators on one vendor', () => {
    const dir = folder('one-vendor');
    const totals = writeWorkspace(dir, { evaluators: 2000 });
    const c = run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], dir);
    expect(c.code).toBe(0);
    const v = JSON.parse(c.stdout).vendors[0];
    expect(v.total).toBeCloseTo(totals.get('vendor-0')!, 9);
    expect(v.evaluators).toHaveLength(2000);
    const check = run(['check', '--rubric', 'rubric.yaml', 'evaluations'], dir);
    expect(check.code).toBe(0);
    // Scores 0–5 at random: every question's evaluators disagree, one warning each.
    expect(check.stderr.split('\n').slice(-2)).toEqual(['0 error(s), 28 warning(s) in 2000 file(s)', '']);
    const s = run(['score', 'vendor-0', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], dir);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).vendor.total).toBeCloseTo(totals.get('vendor-0')!, 9);
  });

  it('6,000 questions', () => {
    const dir = folder('many-questions');
    const totals = writeWorkspace(dir, { vendors: 3, evaluators: 2, areas: 60, questions: 6000 });
    const c = run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], dir);
    expect(c.code).toBe(0);
    const vendors = JSON.parse(c.stdout).vendors as Array<{ id: string; total: number }>;
    for (const v of vendors) expect(v.total).toBeCloseTo(totals.get(v.id)!, 9);
    const check = run(['check', '--rubric', 'rubric.yaml', 'evaluations', '--quiet'], dir);
    expect(check.code).toBe(0);
    const csv = run(['score', 'vendor-1', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'csv'], dir);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trimEnd().split('\n').length).toBeGreaterThanOrEqual(6000);
  });

  it('6,000 question ids to suggest from: 2,000 files with a typo each, and one file with 40,000 unknown keys', () => {
    const dir = folder('typos');
    writeWorkspace(dir, { evaluators: 0, areas: 60, questions: 6000 });
    for (let e = 0; e < 2000; e++) writeFileSync(path.join(dir, 'evaluations', 'vendor-0', `t${e}.yaml`), `vendor: {name: Acme}\nrubric: big@1\nevaluator: E${e}\nanswers:\n  qq${e}: 3\n`);
    const r = run(['check', '--rubric', 'rubric.yaml', 'evaluations'], dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[0]).toBe('evaluations/vendor-0/t0.yaml:5:3: unknown question "qq0" in rubric big@1 from ./rubric.yaml (did you mean "q0"?)');
    expect(lines.filter((l) => l.includes('(did you mean "q'))).toHaveLength(2000);
    let text = 'vendor: {name: Acme}\nrubric: big@1\nevaluator: Ann\nanswers:\n';
    for (let i = 0; i < 40_000; i++) text += `  x${i}: 3\n`;
    writeFileSync(path.join(dir, 'many.yaml'), text);
    const many = run(['check', '--rubric', 'rubric.yaml', 'many.yaml'], dir);
    expect(many.code).toBe(1);
    const out = many.stderr.trimEnd().split('\n');
    expect(out).toHaveLength(40_001);
    expect(out[0]).toBe('many.yaml:5:3: unknown question "x0" in rubric big@1 from ./rubric.yaml (did you mean "q0"?)');
    expect(out[40_000]).toBe('40000 error(s), 0 warning(s) in 1 file(s)');
  });
});
