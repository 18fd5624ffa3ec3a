import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRubric } from '../../src/io/load.js';
import { renderJsonSchema } from '../../src/schema/json-schema.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

const VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const FILES = [
  'rubric.yaml',
  'evaluations/example-vendor/your-name.yaml',
  'schemas/rubric.schema.json',
  'schemas/evaluation.schema.json',
  'README.md',
  '.github/workflows/vendorscore.yml',
];

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'vendorscore-init-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const read = (...p: string[]) => readFileSync(path.join(tmp, ...p), 'utf8');

describe('init', () => {
  it('scaffolds an empty folder: rubric copy, example, schemas, README, workflow', () => {
    const r = runCli(['init', 'ws'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Created a vendorscore workspace in ws:',
        '  rubric.yaml                                the rubric, a copy of ai-vendor@1: edit questions and weights here',
        '  evaluations/example-vendor/your-name.yaml  an annotated example evaluation',
        '  schemas/rubric.schema.json                 JSON Schema for editors',
        "  schemas/evaluation.schema.json             JSON Schema for editors, with this rubric's questions",
        '  README.md                                  how the folder works',
        '  .github/workflows/vendorscore.yml          check, ranking in the job summary, gate',
        '',
        'Next: cd ws && vendorscore check --rubric rubric.yaml evaluations',
        '',
      ].join('\n'),
    );
    for (const f of FILES) expect(existsSync(path.join(tmp, 'ws', f)), f).toBe(true);
    // The rubric is the bundled one, with its modeline pointing at the scaffold's schemas.
    const bundled = readFileSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), 'utf8').split('\n');
    const copy = read('ws', 'rubric.yaml').split('\n');
    expect(copy.slice(1)).toEqual(bundled.slice(1));
    // Every YAML file's modeline resolves to a schema that init wrote, identical to the committed one.
    for (const [file, kind] of [['rubric.yaml', 'rubric'], ['evaluations/example-vendor/your-name.yaml', 'evaluation']] as const) {
      const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(read('ws', file));
      expect(m, file).not.toBeNull();
      const target = path.resolve(path.join(tmp, 'ws', path.dirname(file)), m![1]!);
      expect(target).toBe(path.join(tmp, 'ws', 'schemas', `${kind}.schema.json`));
      // The evaluation schema knows the rubric's questions (completion and hovers).
      expect(readFileSync(target, 'utf8')).toBe(kind === 'rubric' ? renderJsonSchema('rubric') : renderJsonSchema('evaluation', loadRubric(path.join(ROOT, 'rubrics', 'ai-vendor.yaml')).rubric));
    }
    expect(read('ws', '.github/workflows/vendorscore.yml')).toContain(`npm install --global vendorscore@${VERSION}\n`);
    expect(read('ws', 'README.md')).not.toMatch(/\{\{/);
  });

  it('the example answers every question of the rubric and passes check with one expected warning', () => {
    expect(runCli(['init', '.', '--quiet'], { cwd: tmp })).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = runCli(['check', '--rubric', 'rubric.yaml', 'evaluations'], { cwd: tmp });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'evaluations/example-vendor/your-name.yaml:10:12: warning: vendor example-vendor is scored by one evaluator only (Your Name); a second view catches misreadings\n0 error(s), 1 warning(s) in 1 file(s)\n',
    });
    const j = JSON.parse(runCli(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], { cwd: tmp }).stdout);
    expect(j.vendors.map((v: { name: string; total: number; complete: boolean }) => [v.name, v.total, v.complete])).toEqual([['Example Vendor', 80, true]]);
  });

  it('refuses a folder with any of its files, listing every conflict; writes nothing', () => {
    mkdirSync(path.join(tmp, 'evaluations'));
    writeFileSync(path.join(tmp, 'README.md'), 'mine\n');
    writeFileSync(path.join(tmp, 'evaluations', 'example-vendor'), 'a file where a folder goes\n');
    const r = runCli(['init'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `vendorscore: ${tmp}: not initialised; these files already exist and vendorscore init never overwrites:`,
        '  evaluations/example-vendor',
        '  README.md',
        'Move them away, or run init in an empty folder.',
        '',
      ].join('\n'),
    );
    expect(read('README.md')).toBe('mine\n');
    expect(existsSync(path.join(tmp, 'rubric.yaml'))).toBe(false);
  });

  it('adds to a folder that holds other things (an existing repository)', () => {
    writeFileSync(path.join(tmp, 'package.json'), '{}\n');
    mkdirSync(path.join(tmp, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(tmp, '.github', 'workflows', 'ci.yml'), 'name: ci\n');
    expect(runCli(['init', '--quiet'], { cwd: tmp }).code).toBe(0);
    expect(read('.github', 'workflows', 'ci.yml')).toBe('name: ci\n');
    expect(existsSync(path.join(tmp, '.github', 'workflows', 'vendorscore.yml'))).toBe(true);
  });

  it('a file where the folder should be is a usage error', () => {
    writeFileSync(path.join(tmp, 'ws'), '');
    expect(runCli(['init', 'ws'], { cwd: tmp })).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: ws: is not a folder\n' });
  });
});

// ---------------------------------------------------------------------------------------------
// The generated workflow, run step by step on this machine. The install step is replaced by a
// `vendorscore` on PATH that runs the built CLI; `uses:` steps (checkout, setup-node) are what
// the test's own set-up stands in for.

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}

interface RunResult {
  step: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function runWorkflow(ws: string, event: 'push' | 'pull_request', env: Record<string, string> = {}): { results: RunResult[]; summary: string } {
  const wf = parse(readFileSync(path.join(ws, '.github/workflows/vendorscore.yml'), 'utf8')) as { env: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(wf.jobs)[0]!.steps;
  const runner = mkdtempSync(path.join(tmpdir(), 'vendorscore-runner-'));
  const bin = path.join(runner, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'vendorscore'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'vendorscore'), 0o755);
  const files = { summary: path.join(runner, 'summary.md'), env: path.join(runner, 'env') };
  writeFileSync(files.summary, '');
  writeFileSync(files.env, '');
  const base: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...wf.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    RUNNER_TEMP: runner,
    ...(event === 'pull_request' ? { GITHUB_BASE_REF: 'main' } : {}),
    ...env,
  };
  const results: RunResult[] = [];
  for (const step of steps) {
    if (step.uses || step.run === undefined) continue;
    if (step.name === 'Install vendorscore') {
      expect(step.run).toBe(`npm install --global vendorscore@${VERSION}`);
      continue;
    }
    if (step.if !== undefined) {
      expect(step.if).toBe("github.event_name == 'pull_request'");
      if (event !== 'pull_request') continue;
    }
    // What GitHub's runner does with $GITHUB_ENV between steps.
    const exported = Object.fromEntries(
      readFileSync(files.env, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: ws, env: { ...base, ...exported }, encoding: 'utf8' });
    results.push({ step: step.name ?? step.run, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break; // later steps are skipped, as on GitHub
  }
  const summary = readFileSync(files.summary, 'utf8');
  rmSync(runner, { recursive: true, force: true });
  return { results, summary };
}

describe('the workflow that init writes, run locally', () => {
  let ws: string;
  beforeEach(() => {
    ws = path.join(tmp, 'repo');
    expect(runCli(['init', ws, '--quiet']).code).toBe(0);
    git(ws, 'init', '--quiet');
    git(ws, 'add', '.');
    git(ws, 'commit', '--quiet', '-m', 'vendorscore init');
    // actions/checkout with fetch-depth 0 leaves the base branch at origin/<base>.
    git(ws, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  });

  it('on a push: checks (annotating the warning), writes the ranking to the summary, and passes the gate', () => {
    const { results, summary } = runWorkflow(ws, 'push');
    expect(results.map((r) => [r.step, r.code])).toEqual([
      ['Check the rubric and the evaluations', 0],
      ['Ranking in the job summary', 0],
      ["Gate on the leader's total", 0],
    ]);
    expect(results[0]!.stdout).toBe(
      '::warning file=evaluations/example-vendor/your-name.yaml,line=10,col=12,title=vendorscore single-evaluator::vendor example-vendor is scored by one evaluator only (Your Name); a second view catches misreadings\n',
    );
    expect(summary).toMatch(/^### Vendor ranking: AI development vendor evaluation\n\n\| Rank \| Vendor \| Total \|/);
    expect(summary).toContain('| 1 | **Example Vendor** | **80.0** | 80.0 | 80.0 | 80.0 | 80.0 | 80.0 | 80.0 | 80.0 | ✓ qualified |\n');
    expect(summary).toContain('<details><summary>Example Vendor: 80.0 (rank 1)</summary>');
    expect(results.map((r) => r.stderr).join('')).toBe('');
  });

  it('on a pull request: movement against the base branch and why, in the summary', () => {
    const example = path.join(ws, 'evaluations/example-vendor/your-name.yaml');
    writeFileSync(example, readFileSync(example, 'utf8').replace('  prompt-logging:\n    score: 4', '  prompt-logging:\n    score: 2'));
    mkdirSync(path.join(ws, 'evaluations/acme-ai'));
    writeFileSync(path.join(ws, 'evaluations/acme-ai/ann.yaml'), 'vendor: {name: Acme AI}\nrubric: ai-vendor@1\nevaluator: Ann\nanswers: {restate-problem: 5}\n');
    const { results, summary } = runWorkflow(ws, 'pull_request');
    expect(results.map((r) => [r.step, r.code])).toEqual([
      ['Check the rubric and the evaluations', 0],
      ["Score the pull request's base branch", 0],
      ['Ranking in the job summary', 0],
      ["Gate on the leader's total", 0],
    ]);
    // prompt-logging weighs 2 of the 6 question weight in data security (20% of the total):
    // 4 → 2 moves that area by 2/6 · 2 points of 5 = 13.3, and the total by 20% of that = 2.7.
    expect(summary).toContain('| Rank | Vendor | Total | Move | Δ |');
    expect(summary).toContain('| 1 | **Example Vendor** | **77.3** | = | −2.7 | 80.0 | 80.0 | 66.7 | 80.0 |');
    expect(summary).toContain('| — | ~~Acme AI~~ | **6.0** | new | — |');
    expect(summary).toContain('### What changed in the vendor ranking\n');
    expect(summary).toContain('**Example Vendor**: 80.0 → 77.3 (−2.7)\n\n- −2.7: prompt-logging: Your Name 4 → 2\n');
  });

  it('the pull request that adds the workspace: no base to compare with, so the ranking alone', () => {
    // origin/main points at a commit from before `init`.
    git(ws, 'rm', '-r', '--quiet', '--cached', '.');
    git(ws, 'commit', '--quiet', '--allow-empty', '-m', 'empty base');
    git(ws, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    const { results, summary } = runWorkflow(ws, 'pull_request');
    expect(results.map((r) => [r.step, r.code])).toEqual([
      ['Check the rubric and the evaluations', 0],
      ["Score the pull request's base branch", 0],
      ['Ranking in the job summary', 0],
      ["Gate on the leader's total", 0],
    ]);
    expect(summary).toContain('| Rank | Vendor | Total | Problem definition (15%) |');
    expect(summary).not.toContain('What changed');
  });

  it('the gate fails the job below VENDORSCORE_MIN_TOTAL, as an annotation naming the vendor', () => {
    const { results } = runWorkflow(ws, 'push', { VENDORSCORE_MIN_TOTAL: '85' });
    const gate = results[results.length - 1]!;
    expect([gate.step, gate.code]).toEqual(["Gate on the leader's total", 1]);
    expect(gate.stdout).toBe('');
    expect(gate.stderr).toBe('::error title=vendorscore gate::--fail-under 85: the leader, Example Vendor, has 80.0, below 85\n');
  });

  it('a broken evaluation fails the check step with an ::error on its line; nothing after runs', () => {
    writeFileSync(path.join(ws, 'evaluations/example-vendor/other.yaml'), 'vendor: {name: Example Vendor}\nrubric: ai-vendor@1\nevaluator: Bo\nanswers:\n  prompt-loging: 3\n');
    const { results, summary } = runWorkflow(ws, 'push');
    expect(results.map((r) => [r.step, r.code])).toEqual([['Check the rubric and the evaluations', 1]]);
    expect(results[0]!.stdout).toBe(
      '::error file=evaluations/example-vendor/other.yaml,line=5,col=3,title=vendorscore unknown-question::unknown question "prompt-loging" in rubric ai-vendor@1 from ./rubric.yaml (did you mean "prompt-logging"?)\n',
    );
    expect(summary).toBe('');
  });
});
