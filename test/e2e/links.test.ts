/**
 * Links never lead out, and nothing leaks: a workspace whose evaluations folder holds a link to
 * /proc/self/environ (the process's environment, with a secret in it) and a link to a .env file
 * outside the folder. Every command, in every format, refuses them by name and prints neither
 * secret; named directly (as an evaluation, --rubric, --baseline, a diff results file, import's
 * input, interview's --out), /proc is refused and the .env file is refused without being quoted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { PtySession } from '../interview/pty.js';
import { DOTENV, DOTENV_SECRET, GOOD, layout } from './link-setups.js';

const ENV_SECRET = `env-SECRET-${process.pid}-must-not-leak`;
const env = { VENDORSCORE_TEST_TOKEN: ENV_SECRET };
const NEVER = 'vendorscore never reads files under /proc, /sys or /dev';
const REFUSED = [
  `vendorscore: ev/dotenv.yaml: is a link to secret.env, outside ev; it is not read (name it on the command line to read it)`,
  `vendorscore: ev/environ.yaml: is a link into /proc; ${NEVER}`,
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-links-'));
  layout(dir, { 'ev/good.yaml': GOOD, 'secret.env': DOTENV, 'direct/good.yaml': GOOD }, { 'ev/environ.yaml': '/proc/self/environ', 'ev/dotenv.yaml': '../secret.env', 'direct/environ.yaml': '/proc/self/environ', 'direct/dotenv.yaml': '../secret.env' });
  // A results file, so that --baseline and diff have a good file on the other side.
  writeFileSync(path.join(dir, 'results.json'), runCli(['compare', 'direct/good.yaml', '--format', 'json'], { cwd: dir }).stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], extraEnv: Record<string, string> = {}) {
  const r = runCli(args, { cwd: dir, env: { ...env, ...extraEnv } });
  const all = r.stdout + r.stderr;
  expect(all, args.join(' ')).not.toContain(ENV_SECRET);
  expect(all, args.join(' ')).not.toContain(DOTENV_SECRET);
  expect(all, args.join(' ')).not.toContain('DB_PASSWORD');
  return { ...r, lines: r.stderr.replace(/\n$/, '').split('\n') };
}

/** check --format json|github also puts a refusal where CI reads it: the JSON array, or an annotation. Every other command writes nothing to stdout. */
function machineForm(args: readonly string[], lines: readonly string[]): string {
  const format = args[0] === 'check' ? args[args.indexOf('--format') + 1] : undefined;
  const problems = lines.map((l) => {
    const [, file, message] = /^vendorscore: (.+?): (.*)$/.exec(l)!;
    return { file: file!, line: 0, col: 0, severity: 'error', code: message!.startsWith('is a link into') ? 'system-file' : 'link-outside', message: message! };
  });
  if (format === 'json') return JSON.stringify(problems, null, 2) + '\n';
  if (format === 'github') return problems.map((p) => `::error file=${p.file},title=vendorscore ${p.code}::${p.message}\n`).join('');
  return '';
}

describe('links met while walking a folder', () => {
  const walking: Array<[string, string[]]> = [
    ...['table', 'markdown', 'json', 'csv', 'html'].flatMap((f): Array<[string, string[]]> => [
      [`compare --format ${f}`, ['compare', 'ev', '--format', f]],
      [`shortlist --format ${f}`, ['shortlist', 'ev', '--format', f]],
    ]),
    ...['table', 'markdown', 'json', 'csv'].map((f): [string, string[]] => [`score --format ${f}`, ['score', 'acme-ai', 'ev', '--format', f]]),
    ...['table', 'markdown', 'json'].map((f): [string, string[]] => [`sensitivity --format ${f}`, ['sensitivity', 'ev', '--format', f]]),
    ...['text', 'json', 'github'].map((f): [string, string[]] => [`check --format ${f}`, ['check', 'ev', '--format', f]]),
  ];
  for (const [name, args] of walking) {
    it(`${name}: both links refused by name, before reading, exit 2, no secret`, () => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe(machineForm(args, REFUSED));
      expect(r.lines).toEqual(REFUSED);
    });
  }

  it('under GitHub Actions too (check and compare): the same two lines, no secret', () => {
    for (const args of [['check', 'ev'], ['compare', 'ev', '--fail-under', '90']]) {
      const r = run(args, { GITHUB_ACTIONS: 'true' });
      expect(r.code).toBe(2);
      expect(r.lines).toEqual(REFUSED);
    }
  });
});

describe('the same files named directly', () => {
  const environ = 'direct/environ.yaml';
  const dotenv = 'direct/dotenv.yaml';
  const refusedEnviron = [`vendorscore: ${environ}: is a link into /proc; ${NEVER}`];
  const notAMapping = [`${dotenv}:2:1: the top level must be a mapping of key: value lines, not a single value`];
  const notJson = [`${dotenv}:1:1: is not JSON: expected a value here (quoted text, a number, true, false, null, a list or an object); a results file is what \`vendorscore compare --format json\` writes (save one to a new file with --out)`];
  const uses = (f: string): Array<[string, string[]]> => [
    ['as an evaluation', ['compare', f]],
    ['to check', ['check', f, '--format', 'json']],
    ['as --rubric', ['compare', 'direct/good.yaml', '--rubric', f]],
    ['as --baseline', ['compare', 'direct/good.yaml', '--baseline', f, '--format', 'markdown']],
    ['as the first diff file', ['diff', f, 'results.json']],
    ['as the second diff file', ['diff', 'results.json', f, '--format', 'json']],
    ['as import input', ['import', f, '--vendor', 'Acme AI', '--evaluator', 'Ann']],
    ['to rubric show', ['rubric', 'show', f, '--format', 'markdown']],
    ['to rubric validate', ['rubric', 'validate', f]],
    ['to rubric schema --rubric', ['rubric', 'schema', '--kind', 'evaluation', '--rubric', f]],
  ];
  for (const [what, args] of uses(environ)) {
    it(`a link to /proc/self/environ ${what}: refused, exit 2, no secret`, () => {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe(machineForm(args, refusedEnviron));
      expect(r.lines).toEqual(refusedEnviron);
    });
  }
  for (const [what, args] of uses(dotenv)) {
    it(`a link to a .env file ${what}: read, refused without quoting it`, () => {
      const r = run(args);
      const json = args[0] === 'diff' || args.includes('--baseline');
      // check and rubric validate report an invalid file (exit 1); everything else cannot go on (exit 2).
      expect(r.code).toBe(args[0] === 'check' || args[1] === 'validate' ? 1 : 2);
      if (args[0] === 'check') expect(JSON.parse(r.stdout)).toEqual([{ file: dotenv, line: 2, col: 1, severity: 'error', code: 'not-a-mapping', message: 'the top level must be a mapping of key: value lines, not a single value' }]);
      else expect(r.lines).toEqual(json ? notJson : notAMapping);
    });
  }
});

describe('interview --out', () => {
  for (const [what, out, expected] of [
    // --out replaces only a regular file: a link is refused before anything is read through it.
    ['a link to /proc/self/environ', 'direct/environ.yaml', 'vendorscore: direct/environ.yaml: is a symbolic link, not a regular file; refusing to replace it (name the file it points to instead)'],
    ['a link to a .env file', 'direct/dotenv.yaml', 'vendorscore: direct/dotenv.yaml: is a symbolic link, not a regular file; refusing to replace it (name the file it points to instead)'],
  ] as const) {
    it(`${what}: refused before the first question, no secret, exit 2`, async () => {
      const s = new PtySession(['interview', '--vendor', 'Acme AI', '--evaluator', 'Ann', '--out', out], { cwd: dir, env });
      const exit = await s.exited;
      const screen = s.text();
      expect(exit.exitCode).toBe(2);
      expect(screen.trim()).toBe(expected);
      expect(screen).not.toContain(ENV_SECRET);
      expect(screen).not.toContain(DOTENV_SECRET);
    });
  }
});
