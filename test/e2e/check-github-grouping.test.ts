import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// GitHub shows about ten annotations of each level per step: past that, one per file with a count,
// and every problem in the job summary.
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'vendorscore-group-'));
  mkdirSync(path.join(tmp, 'evaluations'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const unknown = (n: number) => Array.from({ length: n }, (_, i) => `  nope-${i + 1}: 3`).join('\n');
const evaluation = (name: string, answers: string) => `vendor: {name: ${name}}\nrubric: ai-vendor@1\nevaluator: Ann\nanswers:\n${answers}\n`;

it('more than 10 errors: one annotation per file with its count and first problem; the full list in the job summary', () => {
  writeFileSync(path.join(tmp, 'evaluations', 'a.yaml'), evaluation('A', unknown(11)));
  writeFileSync(path.join(tmp, 'evaluations', 'b.yaml'), evaluation('B', unknown(1)));
  const summary = path.join(tmp, 'summary.md');
  const r = runCli(['check', 'evaluations', '--format', 'github', '--quiet'], { cwd: tmp, env: { GITHUB_STEP_SUMMARY: summary } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(1);
  expect(r.stdout).toBe(
    [
      '::error file=evaluations/a.yaml,line=5,col=3,title=vendorscore%3A 11 errors::11 errors in this file (all of them are in the job summary); the first: unknown question "nope-1" in rubric ai-vendor@1',
      '::error file=evaluations/b.yaml,line=5,col=3,title=vendorscore unknown-question::unknown question "nope-1" in rubric ai-vendor@1',
      '',
    ].join('\n'),
  );
  const md = readFileSync(summary, 'utf8').split('\n');
  expect(md.slice(0, 5)).toEqual(['### vendorscore check: 12 error(s), 0 warning(s)', '', '| File | Level | Problem |', '| --- | --- | --- |', '| evaluations/a.yaml:5:3 | error | unknown question "nope-1" in rubric ai-vendor@<!-- -->1 |']);
  expect(md.filter((l) => l.startsWith('| evaluations/'))).toHaveLength(12);
});

it('10 or fewer of a level: one annotation each, nothing in the job summary', () => {
  writeFileSync(path.join(tmp, 'evaluations', 'a.yaml'), evaluation('A', unknown(10)));
  const summary = path.join(tmp, 'summary.md');
  const r = runCli(['check', 'evaluations', '--format', 'github', '--quiet'], { cwd: tmp, env: { GITHUB_STEP_SUMMARY: summary } });
  expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(10);
  expect(() => readFileSync(summary)).toThrow();
});
