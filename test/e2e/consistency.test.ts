/**
 * Things that must agree with each other: a workspace's schema with its rubric, what --help says
 * with what a command does, a threshold in the rubric with the same number as a flag, what a
 * format flag promises with what is written.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vendorscore-consistency-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh workspace as init lays it out. */
function workspace(name: string): string {
  const dir = path.join(root, name);
  expect(runCli(['init', dir, '--quiet']).code).toBe(0);
  return dir;
}

const edit = (file: string, from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
const REFRESH = 'vendorscore rubric schema --kind evaluation --rubric rubric.yaml --out schemas/evaluation.schema.json --force';
const ONE_EVALUATOR = 'evaluations/example-vendor/your-name.yaml:10:12: warning: vendor example-vendor is scored by one evaluator only (Your Name); a second view catches misreadings';

describe('check: the workspace schema and the rubric', () => {
  it('a fresh workspace has no warning about its schema', () => {
    const cwd = workspace('fresh');
    expect(runCli(['check'], { cwd })).toEqual({ code: 0, stdout: '', stderr: `using ./rubric.yaml\n${ONE_EVALUATOR}\n0 error(s), 1 warning(s) in 1 file(s)\n` });
  });

  it('questions renamed and the scale widened: one warning that says how to refresh, and the refresh clears it', () => {
    const cwd = workspace('changed');
    edit(path.join(cwd, 'rubric.yaml'), '  max: 5\n', '  max: 10\n');
    edit(path.join(cwd, 'rubric.yaml'), '- id: restate-problem\n', '- id: restate-the-problem\n');
    edit(path.join(cwd, 'evaluations/example-vendor/your-name.yaml'), '  restate-problem:\n', '  restate-the-problem:\n');
    const stale = `schemas/evaluation.schema.json: warning: no longer matches rubric.yaml: a question new in the rubric (restate-the-problem); a question no longer in the rubric (restate-problem); scores 0–5 where the rubric's scale is 0–10; editors complete and check answers by it, so refresh it: ${REFRESH}`;
    expect(runCli(['check', '--rubric', 'rubric.yaml', 'evaluations'], { cwd })).toEqual({ code: 0, stdout: '', stderr: `${ONE_EVALUATOR}\n${stale}\n0 error(s), 2 warning(s) in 1 file(s)\n` });
    // Found the same way when the rubric is the workspace's own ./rubric.yaml; a warning, so --strict fails on it.
    expect(runCli(['check', '--strict'], { cwd }).code).toBe(1);
    const json = JSON.parse(runCli(['check', '--format', 'json'], { cwd }).stdout) as Array<{ file: string; line: number; code: string; severity: string }>;
    expect(json.find((p) => p.code === 'stale-schema')).toMatchObject({ file: 'schemas/evaluation.schema.json', line: 0, severity: 'warning' });
    expect(runCli(REFRESH.split(' ').slice(1), { cwd }).code).toBe(0);
    expect(runCli(['check'], { cwd }).stderr).toBe(`using ./rubric.yaml\n${ONE_EVALUATOR}\n0 error(s), 1 warning(s) in 1 file(s)\n`);
  });

  it('a change of step is named; formatting alone is not a change', () => {
    const cwd = workspace('step');
    const schema = path.join(cwd, 'schemas/evaluation.schema.json');
    writeFileSync(schema, JSON.stringify(JSON.parse(readFileSync(schema, 'utf8'))));
    expect(runCli(['check'], { cwd }).stderr).not.toMatch(/stale|no longer matches/);
    edit(path.join(cwd, 'rubric.yaml'), '  step: 1\n', '  step: 0.5\n');
    expect(runCli(['check'], { cwd }).stderr).toContain("schemas/evaluation.schema.json: warning: no longer matches rubric.yaml: a step of 1 where the rubric's is 0.5;");
  });

  it('a schema that is not JSON is named too; the general schema (made for no rubric) is left alone', () => {
    const cwd = workspace('broken');
    const schema = path.join(cwd, 'schemas/evaluation.schema.json');
    writeFileSync(schema, '{ "oops": ');
    expect(runCli(['check'], { cwd }).stderr).toContain(`schemas/evaluation.schema.json: warning: no longer matches rubric.yaml: it is not valid JSON; editors complete and check answers by it, so refresh it: ${REFRESH}\n`);
    expect(runCli(['rubric', 'schema', '--kind', 'evaluation', '--out', 'schemas/evaluation.schema.json', '--force'], { cwd }).code).toBe(0);
    expect(runCli(['check'], { cwd }).stderr).toBe(`using ./rubric.yaml\n${ONE_EVALUATOR}\n0 error(s), 1 warning(s) in 1 file(s)\n`);
  });
});

describe('--help shows every default as it is typed, and says what a missing option means', () => {
  const COMMANDS = [['compare'], ['shortlist'], ['score'], ['check'], ['diff'], ['init'], ['sensitivity'], ['rubric', 'show'], ['rubric', 'validate'], ['rubric', 'schema'], ['interview'], ['import']];
  /** Help text with commander's line wrapping undone, one option a line. */
  const help = (cmd: string[]) => {
    const r = runCli([...cmd, '--help']);
    expect(r.code).toBe(0);
    return r.stdout.replace(/\n {10,}/g, ' ');
  };

  it('no default is printed in quotes', () => {
    for (const cmd of COMMANDS) expect(help(cmd), cmd.join(' ')).not.toMatch(/\(default: "/);
  });

  it('the defaults a command applies are the ones its help names', async () => {
    const { DEFAULT_SENSITIVITY } = await import('../../src/core/sensitivity.js');
    const s = help(['sensitivity']);
    expect(s).toMatch(new RegExp(`--spread <percent> .*\\(default: ${DEFAULT_SENSITIVITY.spread * 100}\\)`));
    expect(s).toMatch(new RegExp(`--samples <n> .*\\(default: ${DEFAULT_SENSITIVITY.samples}\\)`));
    expect(s).toMatch(new RegExp(`--seed <n> .*\\(default: ${DEFAULT_SENSITIVITY.seed}\\)`));
    expect(s).toMatch(new RegExp(`--bias <points> .*\\(default: ${DEFAULT_SENSITIVITY.bias}\\)`));
    expect(help(['rubric', 'schema'])).toMatch(/--kind <kind> +rubric, evaluation or consensus \(default: rubric\)/);
    expect(help(['init'])).toMatch(/dir +folder to create the workspace in \(default: the current folder\)/);
    expect(help(['shortlist'])).toMatch(/--top <n> .*\(default: no limit\)\n.*--min-score <total> .*\(default: 0\)/);
    expect(help(['check'])).toMatch(/--format <format> +output format: text, json, github \(default: text; github when GITHUB_ACTIONS=true\)/);
    for (const cmd of ['compare', 'shortlist', 'score', 'check', 'sensitivity']) expect(help([cmd]), cmd).toMatch(/paths +evaluation files or folders \(default: \.\/evaluations\)/);
    for (const cmd of ['compare', 'shortlist', 'score', 'sensitivity']) {
      const h = help([cmd]);
      expect(h, cmd).toMatch(/--format <format> .*\(default: table, or the format --out's extension names\)/);
      expect(h, cmd).toMatch(/--aggregate <how> .*\(default: the rubric's aggregate, else mean\)/);
      expect(h, cmd).toMatch(/--missing <policy> .*\(default: the rubric's missing, else min\)/);
      expect(h, cmd).toMatch(/--weights <id=w,...> .*\(default: the rubric's weights\)/);
    }
  });

  it('running with the defaults is running with the values the help names', () => {
    const examples = path.join(ROOT, 'examples', 'evaluations');
    const plain = runCli(['sensitivity', examples, '--format', 'json']);
    const named = runCli(['sensitivity', examples, '--format', 'json', '--spread', '20', '--samples', '2000', '--seed', '1', '--bias', '1']);
    expect(plain.code).toBe(0);
    expect(named.stdout).toBe(plain.stdout);
  });
});

describe('what --out promises is what is written', () => {
  const examples = path.join(ROOT, 'examples', 'evaluations');

  it('score --out x.html writes an HTML page of that vendor', () => {
    const out = path.join(root, 'quanta.html');
    const r = runCli(['score', 'quanta-forge', examples, '--out', out, '--quiet']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Quanta Forge');
    expect(html).not.toContain('Northwind Applied AI');
    expect(html.match(/<tr class=/g)).toHaveLength(1);
    expect(runCli(['score', 'quanta-forge', examples, '--format', 'html']).stdout).toBe(html);
  });

  it('an --out extension that names a format the command does not write is refused, not filled with a table', () => {
    const out = path.join(root, 'sens.csv');
    const r = runCli(['sensitivity', examples, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vendorscore: --out "${out}": this command does not write csv (it writes table, markdown, json); choose another extension, or give --format\n`);
    expect(() => readFileSync(out)).toThrow();
    // --format says what to write, whatever the file is called; an extension that names no format is a table.
    expect(runCli(['sensitivity', examples, '--out', out, '--format', 'json', '--quiet']).code).toBe(0);
    expect(runCli(['score', 'quanta-forge', examples, '--out', path.join(root, 'quanta.out'), '--quiet']).code).toBe(0);
    expect(readFileSync(path.join(root, 'quanta.out'), 'utf8')).toMatch(/^Quanta Forge \(quanta-forge\)/);
  });
});

describe('diff and --baseline never suggest writing over the file they could not read', () => {
  it('an evaluation given as a result: the hint names no file', () => {
    const file = path.join(ROOT, 'examples', 'evaluations', 'quanta-forge', 'lena-ortiz.yaml');
    for (const args of [['diff', file, file], ['compare', path.join(ROOT, 'examples', 'evaluations'), '--baseline', file]]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/: is not JSON: .*; a results file is what `vendorscore compare --format json` writes \(save one to a new file with --out\)\n$/);
      expect(r.stderr).not.toContain('--out examples');
      expect(r.stderr).not.toContain(`--out ${file}`);
    }
  });
});

describe('Markdown for pull requests and job summaries pings nobody', () => {
  it('@mentions in vendor-written names and notes reach no one, in every Markdown report', () => {
    const dir = path.join(root, 'mentions', 'evaluations', 'acme');
    mkdirSync(dir, { recursive: true });
    const answers = 'answers:\n  prompt-logging:\n    score: 4\n    notes: "cc @octocat and @acme/security-team"\n  restate-problem: 2\n';
    writeFileSync(path.join(dir, 'ann.yaml'), `vendor:\n  id: acme\n  name: "Acme @devrel"\nrubric: ai-vendor@1\nevaluator: "@ann"\n${answers}`);
    writeFileSync(path.join(dir, 'bob.yaml'), `vendor:\n  id: acme\n  name: "Acme @devrel"\nrubric: ai-vendor@1\nevaluator: Bob\n${answers.replace('score: 4', 'score: 1')}`);
    const cwd = path.join(root, 'mentions');
    for (const args of [['compare'], ['score', 'acme'], ['sensitivity']]) {
      const r = runCli([...args, '--format', 'markdown', '--quiet'], { cwd });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('@<!-- -->ann');
      if (args[0] !== 'sensitivity') expect(r.stdout, args.join(' ')).toContain('Acme @<!-- -->devrel');
      expect(r.stdout, args.join(' ')).not.toMatch(/@(?!<!-- -->)[A-Za-z0-9_-]/);
    }
    expect(runCli(['score', 'acme', '--format', 'markdown'], { cwd }).stdout).toContain('cc @<!-- -->octocat and @<!-- -->acme/security-team');
  });
});
