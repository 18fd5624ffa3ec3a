/**
 * Every byte the CLI prints, proven clean: every command and format run on a hostile rubric,
 * hostile evaluations, a hostile baseline and results files and a hostile CSV import, with
 * colour forced and under GitHub Actions, and everything written scanned (stdout, stderr and
 * --out files). Then the interview screens, byte for byte, in a pseudo-terminal.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';
import { INVISIBLE, OUR_SGR, scan, where, type Scan } from '../helpers/scan.js';
import { choose, KEY, PtySession } from '../interview/pty.js';

interface Run extends Scan {
  args: string[];
  code: number;
  /** A file the run writes with --out, scanned like stdout (but never read by the runner). */
  out?: string;
  /** Text that must be on stdout or stderr: the hostile input was read and shown, not dropped. */
  shows: string;
}

const R = ['--rubric', 'rubric.yaml'];
const EV = 'evaluations';
const GATES = ['--fail-under', '100', '--require-complete', '--max-disagreement', '1'];

const runs: Run[] = [
  ...['table', 'markdown', 'json', 'csv', 'html'].flatMap((f): Run[] => [
    { args: ['compare', EV, ...R, '--format', f], code: 0, csv: f === 'csv', shows: 'Evil' },
    { args: ['shortlist', EV, ...R, '--format', f, '--min-score', '0'], code: 0, csv: f === 'csv', shows: 'Evil' },
    { args: ['compare', EV, ...R, '--format', f, '--out', `report-${f}.${f === 'table' ? 'txt' : f === 'markdown' ? 'md' : f}`, '--force'], code: 0, csv: f === 'csv', out: `report-${f}.${f === 'table' ? 'txt' : f === 'markdown' ? 'md' : f}`, shows: 'wrote' },
  ]),
  ...['table', 'markdown', 'json', 'csv'].flatMap((f): Run[] => [
    { args: ['score', 'evil', EV, ...R, '--format', f], code: 0, csv: f === 'csv', shows: 'Mallory' },
    { args: ['compare', EV, ...R, '--format', f, '--baseline', 'baseline.json'], code: 0, csv: f === 'csv', shows: 'Evil' },
  ]),
  ...['table', 'markdown', 'json'].flatMap((f): Run[] => [
    { args: ['sensitivity', EV, ...R, '--format', f, '--samples', '50'], code: 0, shows: 'Evil' },
    { args: ['rubric', 'show', 'rubric.yaml', '--format', f], code: 0, shows: 'Hostile' },
  ]),
  // wrong-version.yaml also has a hostile unknown question, with a did-you-mean hint.
  { args: ['check', EV, 'wrong-version.yaml', ...R, '--format', 'text'], code: 1, shows: 'did you mean' },
  { args: ['check', EV, 'wrong-version.yaml', ...R, '--format', 'json'], code: 1, shows: 'hostile@2' },
  { args: ['check', EV, 'wrong-version.yaml', ...R, '--format', 'github'], code: 1, annotationsOnly: true, shows: 'hostile@2' },
  ...['text', 'markdown', 'json'].map((f): Run => ({ args: ['diff', 'baseline.json', 'results.json', '--format', f], code: 0, shows: 'Evil' })),
  { args: ['rubric', 'validate', 'rubric.yaml'], code: 0, shows: 'is valid' },
  { args: ['rubric', 'schema', '--kind', 'evaluation', '--rubric', 'rubric.yaml'], code: 0, shows: 'Logging?' },
  { args: ['import', 'answers.csv', ...R, '--vendor', 'Imp \u001b]52;c;eA==\u0007\u202e\n::add-mask::v', '--evaluator', 'Ann \u200b\n##[error]e', '--force'], code: 0, shows: 'ignored column' },
  // Gate failures name the hostile vendor: a plain line, or under GitHub Actions one annotation each.
  { args: ['compare', EV, ...R, ...GATES], code: 1, shows: 'gate' },
  { args: ['shortlist', EV, ...R, '--min-score', '100', '--fail-if-empty'], code: 1, shows: 'gate' },
  // Errors that quote data: a flag value, a did-you-mean hint, the JSON parser's snippet, a results file's keys.
  { args: ['compare', EV, ...R, '--weights', 'logging=\u001b[2J\u202e\n::add-mask::w'], code: 2, shows: '--weights' },
  { args: ['compare', EV, ...R, '--format', 'x\u001b[2J\n::add-mask::f'], code: 2, shows: '--format' },
  { args: ['score', 'evi\u001b[2J\u202e\n::add-mask::s', EV, ...R], code: 2, shows: 'no vendor' },
  { args: ['diff', 'broken.json', 'results.json'], code: 2, shows: 'is not JSON' },
  { args: ['diff', 'bad-keys.json', 'results.json'], code: 2, shows: 'is not a results file' },
  { args: ['compare', EV, ...R, '--out', 'x\u001b[2J\u202e\n::add-mask::o/r.csv'], code: 2, shows: 'does not exist' },
  { args: ['compare', EV, ...R, '--unknown-\u001b[2J\u202e\tx'], code: 2, shows: 'unknown option' },
];

const ENVS: Record<string, Record<string, string | undefined>> = {
  'FORCE_COLOR=1': { FORCE_COLOR: '1', NO_COLOR: undefined },
  'GITHUB_ACTIONS=true': { GITHUB_ACTIONS: 'true', FORCE_COLOR: '1', NO_COLOR: undefined },
};

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'vs-hostile-out-'));
  cpSync(fixture('hostile-output'), cwd, { recursive: true });
  const now = runCli(['compare', EV, ...R, '--format', 'json'], { cwd });
  expect(now.code).toBe(0);
  writeFileSync(path.join(cwd, 'results.json'), now.stdout);
  // The baseline: a hostile rubric id and version, a vendor since removed with a hostile id and
  // name, and an evaluator (a key of `scores`) under a hostile name.
  const H = '\u001b]52;c;eA==\u0007\u001b[2J\u009b31m\u202e\u200b\r\n::add-mask::b\n##[error]b';
  const base = JSON.parse(now.stdout);
  base.rubric.id = `old${H}`;
  base.rubric.version = `0${H}`;
  const gone = structuredClone(base.vendors[0]);
  Object.assign(gone, { id: `gone${H}`, name: `Gone ${H}`, rank: 3 });
  base.vendors.push(gone);
  const q = base.vendors[0].areas[0].questions[0];
  q.scores[`Ex ${H}`] = 2;
  writeFileSync(path.join(cwd, 'baseline.json'), JSON.stringify(base));
  writeFileSync(path.join(cwd, 'broken.json'), `{"vendors": "\u001b]52;c;eA==\u0007\u001b[2J\u202e\n::add-mask::j`);
  const bad = structuredClone(base);
  bad.vendors[0].areas[0].questions[0].scores[`K ${H}`] = 'not a number';
  writeFileSync(path.join(cwd, 'bad-keys.json'), JSON.stringify(bad));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe.each(Object.entries(ENVS))('hostile input, everything printed is clean (%s)', (envName, env) => {
  const github = env.GITHUB_ACTIONS === 'true';
  it.each(runs.map((r) => [r.args.map((a) => JSON.stringify(a).slice(1, -1)).join(' '), r] as const))('%s', (_name, run) => {
    const r = runCli(run.args, { cwd, env });
    expect(r.code, r.stderr).toBe(run.code);
    expect(r.stdout + r.stderr + (run.out ? readFileSync(path.join(cwd, run.out), 'utf8') : '')).toContain(run.shows);
    scan(r.stdout, 'stdout', { csv: run.csv, github, annotationsOnly: run.annotationsOnly && github });
    scan(r.stderr, 'stderr', { github });
    if (run.shows === 'gate') expect(r.stderr).toMatch(github ? /^::error title=vendorscore gate::/m : /^vendorscore: gate failed: /m);
    if (run.out) scan(readFileSync(path.join(cwd, run.out), 'utf8'), run.out, { csv: run.csv });
    // JSON stays JSON: whatever the escaping, a program can still read it.
    if (run.code === 0 && !run.out && (run.args.includes('json') || run.args.includes('schema'))) expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
  it('colour is really on, so the scan saw our SGR beside the hostile text', () => {
    expect(runCli(['compare', EV, ...R], { cwd, env }).stdout).toMatch(OUR_SGR);
  });
  it.runIf(github)('JSON on a runner-read stdout stays valid JSON and parses back to the hostile text', () => {
    const r = runCli(['compare', EV, ...R, '--format', 'json', '--baseline', 'baseline.json'], { cwd, env });
    const data = JSON.parse(r.stdout) as { vendors: Array<{ name: string }> };
    expect(data.vendors[0]!.name).toContain('\n##[error]b');
  });
});

describe('interview screens with a hostile rubric and hostile prefilled answers (pseudo-terminal)', () => {
  /** The hostile --out: a bidi override, a zero-width space and a line break in the file name. */
  const OUT = path.join('evaluations', 'evil', 'm\u202eal\u200b\nlory.yaml');

  it('no hostile escape or bidi byte reaches the terminal; Enter keeps the notes and evidence exactly; the resume line pastes back', async () => {
    // Mallory's answers with `shipped` left open, under a file name that needs $'…' to be typed.
    const source = readFileSync(path.join(cwd, 'evaluations', 'evil', 'mallory.yaml'), 'utf8');
    writeFileSync(path.join(cwd, OUT), source.replace(/  shipped: 5\n/, ''));
    const s = new PtySession(['interview', '--rubric', 'rubric.yaml', '--out', OUT], { cwd, env: { NO_COLOR: '' } });
    await s.waitFor('(shipped)', 'the first open question');
    await choose(s, 'r', 'r  Review');
    await s.waitFor('Review: pick an answer');
    s.write(KEY.down + KEY.down);
    await s.waitFor(/❯ ✓ logging +1/);
    s.write(KEY.enter);
    await s.waitFor('Current answer: 1');
    await choose(s, '4');
    // Not offered for editing (the line would echo them raw, and Enter would keep a changed copy).
    expect.soft(await s.waitFor(/\? Notes.*/)).toContain('? Notes (Enter keeps the current notes');
    s.write(KEY.enter);
    expect.soft(await s.waitFor(/\? Evidence.*/)).toContain('? Evidence (Enter keeps the current 2 item(s)');
    s.write(KEY.enter);
    await s.waitFor('Review: pick an answer');
    s.write(KEY.down);
    await s.waitFor('❯ Save and quit (1 unanswered');
    s.write(KEY.enter);
    const resume = (await s.waitFor(/Resume with: +.*\n/)).replace(/^Resume with: +/, '').trimEnd();
    expect((await s.exited).exitCode).toBe(0);

    const raw = s.rawOutput();
    // Our colour and the clear-screen are there, and inquirer's cursor moves; nothing from the data.
    expect.soft(raw).toMatch(OUR_SGR);
    expect.soft(raw.match(/\x1b\[2J/g)?.length).toBe(raw.match(/\x1b\[H\x1b\[2J/g)?.length);
    for (const [what, re] of [
      ['an OSC sequence (hyperlink, clipboard)', /\x1b\]/],
      ['a C1 control (8-bit CSI, NEL)', /[\x80-\x9f]/],
      ['hidden, blinking or 256-colour text', /\x1b\[(?:8|5|38;5;1)m/],
      ['a bell, ^A or DEL', /[\x01\x07\x7f]/],
      ['a bidi, zero-width or invisible character', INVISIBLE],
    ] as const) {
      const i = raw.search(re);
      expect.soft(i, `${what} at ${where(raw, i)}`).toBe(-1);
    }
    // The hostile text was on screen, escaped.
    expect(s.text()).toContain('Logging? L \\u{202e}');

    // Enter kept the hostile notes and evidence exactly as they were; only the score changed.
    const before = runCli(['score', 'evil', 'evaluations/evil/mallory.yaml', ...R, '--format', 'json'], { cwd });
    const after = runCli(['score', 'evil', OUT, ...R, '--format', 'json'], { cwd });
    type Answer = { score: number; notes: string; evidence: string[] };
    const logging = (out: string) => (JSON.parse(out) as { vendor: { areas: Array<{ questions: Array<{ answers: Answer[] }> }> } }).vendor.areas[0]!.questions[0]!.answers[0]!;
    const was = logging(before.stdout);
    expect(was.notes).toContain('\u001b]52;c;');
    expect(logging(after.stdout)).toMatchObject({ score: 4, notes: was.notes, evidence: was.evidence });

    // The resume command is one clean line that a shell turns back into the same --out.
    expect(resume).toBe(`vendorscore interview --rubric ${path.join(cwd, 'rubric.yaml')} --out $'${path.join(cwd, 'evaluations/evil/m\\u202eal\\u200b\\x0alory.yaml')}'`);
    const arg = execFileSync('bash', ['-c', `printf %s ${resume.slice(resume.indexOf('--out ') + 6)}`], { encoding: 'utf8' });
    expect(arg).toBe(path.join(cwd, OUT));
  });
});
