/**
 * The bad-input catalogue (test/fixtures/bad/cases.json): one file per case, each run as a
 * subprocess of the built CLI, each with its exact exit code and messages.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigRubric, resultsPair } from '../../scripts/big-inputs.mjs';
import { fixture, runCli } from '../helpers/cli.js';
import { linkSetups, type LinkSetup } from './link-setups.js';

interface Case {
  name: string;
  args: string[];
  setup?: 'big-map' | 'over-default-size' | 'fifo' | 'existing-output' | 'big-results' | 'many-ids' | LinkSetup;
  code: number;
  /** Every stderr line, exactly. */
  stderr?: string[];
  /** Or: the first lines exactly, and how many lines there are in all. */
  stderrHead?: string[];
  stderrLineCount?: number;
  /** Exact stdout, when the case is about what gets through. */
  stdout?: string;
}

// cases.json, then cases-<class>.json (one file per class of hostile input, so they grow apart).
const cases = readdirSync(fixture('bad'))
  .filter((f) => /^cases(-[\w-]+)?\.json$/.test(f))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(fixture('bad', f), 'utf8')) as Case[]);
const HEADER = 'vendor:\n  name: Acme AI\nrubric: ai-vendor@1\nevaluator: Ann\n';

const setups: Record<NonNullable<Case['setup']>, (dir: string) => void> = {
  'big-map': (dir) => {
    let text = `${HEADER}answers:\n`;
    for (let i = 0; i < 50_000; i++) text += `  question-${i}: 3\n`;
    text += '  question-17: 4\n';
    writeFileSync(path.join(dir, 'big-map.yaml'), text);
  },
  'over-default-size': (dir) => {
    // One byte over 1 MiB, and otherwise a valid file: only the size is wrong.
    const body = `${HEADER}answers:\n  prompt-logging:\n    score: 3\n    notes: "`;
    writeFileSync(path.join(dir, 'huge.yaml'), body + 'x'.repeat(1024 * 1024 + 1 - body.length - 2) + '"\n');
  },
  fifo: (dir) => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
  },
  'existing-output': (dir) => {
    writeFileSync(path.join(dir, 'report.csv'), 'keep me\n');
  },
  // Cost (cases-cost.json): 8,000 evaluators in results files, one of them holding an impossible score.
  'big-results': (dir) => {
    const { before, after } = resultsPair({ evaluators: 8000 });
    writeFileSync(path.join(dir, 'big-old.json'), JSON.stringify(before));
    writeFileSync(path.join(dir, 'big-new.json'), JSON.stringify(after));
    after.vendors[0]!.areas[1]!.questions[1]!.scores.n999 = 1e308;
    writeFileSync(path.join(dir, 'big-bad.json'), JSON.stringify(after));
  },
  // 40,000 unknown keys against a rubric of 6,000 question ids.
  'many-ids': (dir) => {
    writeFileSync(path.join(dir, 'rubric-6000.yaml'), bigRubric(60, 6000));
    let text = 'vendor: {name: Acme}\nrubric: big@1\nevaluator: Ann\nanswers:\n';
    for (let i = 0; i < 40_000; i++) text += `  x${i}: 3\n`;
    writeFileSync(path.join(dir, 'typos.yaml'), text);
  },
  ...linkSetups,
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vendorscore-bad-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Each case gets its own copy of the catalogue, so setups cannot meet. */
function workspace(c: Case, i: number): string {
  const dir = path.join(root, String(i));
  cpSync(fixture('bad'), dir, { recursive: true });
  if (c.setup) setups[c.setup](dir);
  return dir;
}

describe('bad-input catalogue', () => {
  it('has the cases the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    for (const c of cases) expect(c.stderr ?? c.stderrHead, c.name).toBeDefined();
  });

  // Every case on both reading paths: the fast reader (the default) and the full one alone
  // (VENDORSCORE_SLOW_PATH=1, src/io/load.ts): the same code, the same lines, the same output.
  cases.flatMap((c) => [false, true].map((slow) => ({ c, slow }))).forEach(({ c, slow }, i) => {
    it(`${c.name}${slow ? ' (full reader only)' : ''}`, () => {
      const cwd = workspace(c, i);
      const r = runCli(c.args, { cwd, timeout: 20_000, env: slow ? { VENDORSCORE_SLOW_PATH: '1' } : {} });
      const lines = r.stderr === '' ? [] : r.stderr.replace(/\n$/, '').split('\n');
      expect(r.code, `${c.name}\n${r.stderr}`).toBe(c.code);
      if (c.stderr) expect(lines).toEqual(c.stderr);
      if (c.stderrHead) expect(lines.slice(0, c.stderrHead.length)).toEqual(c.stderrHead);
      if (c.stderrLineCount !== undefined) expect(lines.length).toBe(c.stderrLineCount);
      if (c.stdout !== undefined) expect(r.stdout).toBe(c.stdout);
      // Never a stack trace, never an internal error, whatever the input.
      expect(r.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
      if (c.setup === 'existing-output') expect(readFileSync(path.join(cwd, 'report.csv'), 'utf8')).toBe('keep me\n');
      // Hundreds of copies of the catalogue: each goes as soon as its case passes.
      rmSync(cwd, { recursive: true, force: true });
    });
  });
});

describe('ids never become paths outside the evaluations folder', () => {
  it('import slugs hostile vendor and evaluator names into evaluations/<vendor>/<evaluator>.yaml', () => {
    const dir = mkdtempSync(path.join(root, 'import-'));
    writeFileSync(path.join(dir, 'answers.yaml'), 'prompt-logging: 3\n');
    const r = runCli(['import', 'answers.yaml', '--vendor', '../../x', '--evaluator', '../../../etc/passwd', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'evaluations', 'x', 'etc-passwd.yaml'))).toBe(true);
    expect(existsSync(path.join(dir, '..', 'x'))).toBe(false);
  });
});
