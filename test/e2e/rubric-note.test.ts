/** Which rubric is used, said whenever it was found rather than named and is not the bundled one. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

/** A workspace as init lays it out: ./rubric.yaml (team-fit, 1–10 in half points) and ./evaluations. */
function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'vs-note-'));
  cpSync(fixture('other-scale', 'rubric.yaml'), path.join(cwd, 'rubric.yaml'));
  cpSync(fixture('other-scale', 'evaluations'), path.join(cwd, 'evaluations'), { recursive: true });
  return cwd;
}

describe('using ./rubric.yaml', () => {
  const cwd = workspace();

  it.each([
    [['compare', '--format', 'json']],
    [['shortlist', '--format', 'csv']],
    [['score', 'alpha-co', '--format', 'json']],
    [['sensitivity', '--format', 'json', '--samples', '10']],
    [['check']],
    [['rubric', 'show', '--format', 'json']],
  ])('%j: one note line on stderr', (args) => {
    const r = runCli(args, { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('using ./rubric.yaml');
    expect(r.stderr.match(/using /g)).toHaveLength(1);
  });

  it('--quiet suppresses it; naming the rubric with --rubric, or the bundled rubric, needs none', () => {
    expect(runCli(['compare', '--format', 'json', '--quiet'], { cwd }).stderr).toBe('');
    expect(runCli(['compare', '--format', 'json', '--rubric', 'rubric.yaml'], { cwd }).stderr).toBe('');
    expect(runCli(['compare', fixture('bad', 'bom-crlf.yaml'), '--format', 'json']).stderr).toBe('');
  });

  it('a rubric found among the paths is named the same way', () => {
    const r = runCli(['compare', 'test/fixtures/ci-diff/after', '--format', 'json']);
    expect(r.stderr).toBe('using ./test/fixtures/ci-diff/after/rubric.yaml\n');
  });

  it('import names it too, and its errors name the rubric file', () => {
    writeFileSync(path.join(cwd, 'answers.csv'), 'question,score\nt1,3.25\nt9,4\n');
    const r = runCli(['import', 'answers.csv', '--vendor', 'Acme', '--evaluator', 'Ann'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'using ./rubric.yaml\n' +
        'answers.csv:2:4: score 3.25 for t1 is off the step 0.5 of rubric ./rubric.yaml\n' +
        'answers.csv:3:1: unknown question "t9" in rubric team-fit@2.0.0 from ./rubric.yaml (did you mean "t1"?)\n',
    );
  });

  it('an evaluation error that depends on the rubric names its file', () => {
    writeFileSync(path.join(cwd, 'evaluations', 'bad.yaml'), 'vendor: {name: Zed}\nrubric: team-fit@2.0.0\nevaluator: Ann\nanswers: {t1: 11, t2: 7.25}\n');
    const r = runCli(['compare'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'evaluations/bad.yaml:4:15: score 11 for t1 is off the scale 1–10 of rubric ./rubric.yaml\n' +
        'evaluations/bad.yaml:4:23: score 7.25 for t2 is off the step 0.5 of rubric ./rubric.yaml\n',
    );
  });
});

describe('help states how the rubric is found', () => {
  it.each([
    [['compare', '--help'], 'default: the one rubric among the paths, else ./rubric.yaml if there is one, else the bundled ai-vendor rubric'],
    [['import', '--help'], 'default: ./rubric.yaml if there is one, else the bundled ai-vendor rubric'],
    [['interview', '--help'], 'default: ./rubric.yaml if there is one, else the bundled ai-vendor rubric'],
  ])('%j', (args, text) => {
    const r = runCli(args, { env: { COLUMNS: '400' } });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(text);
    expect(r.stdout).not.toContain('default: the bundled');
  });
});
