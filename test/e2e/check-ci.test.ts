import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const cwd = fixture('ci-check');
const check = (args: string[], env: Record<string, string | undefined> = {}) => runCli(['check', '--rubric', 'rubric.yaml', ...args], { cwd, env });

const WARNINGS_TEXT = [
  'warnings/acme/ann.yaml:5:12: warning: vendor acme-ai: logging asks for evidence, but no evaluator cited any (add evidence: [a document or link])',
  'warnings/acme/ann.yaml:5:12: warning: vendor acme-ai: evaluators disagree on logging by 3 point(s) (Ann 5, Bob 2; the rubric flags 2 or more)',
  'warnings/acme/bob.yaml:1:16: warning: vendor acme-ai is named "Acme-AI" here but "Acme AI" in warnings/acme/ann.yaml',
  'warnings/globex/carl.yaml:3:12: warning: vendor globex is scored by one evaluator only (Carl); a second view catches misreadings',
];

const BROKEN_TEXT = [
  'broken/acme/ann.yaml:3:12: evaluator "Ann" already scored vendor acme-ai in broken/acme/ann-again.yaml, written there as "ann"; one file per evaluator per vendor',
  'broken/acme/ann.yaml:5:23: unknown key "evidense" in answers.logging (did you mean "evidence"?)',
  'broken/acme/ann.yaml:6:11: score 7 for access is off the scale 0–5 of rubric ./rubric.yaml',
  'broken/acme/ann.yaml:7:3: unknown question "shiped" in rubric mini@1 from ./rubric.yaml (did you mean "shipped"?)',
  'broken/acme/ann.yaml:8:15: answers.references must be a number, not the quoted text "4" (write 4 without quotes)',
  'broken/initech/dee.yaml:2:9: answers were given against rubric mini@2, but the rubric in use is mini@1 from ./rubric.yaml (choose it with --rubric)',
  'broken/initech/dee.yaml:5:12: score 3.5 for logging is off the step 1 of rubric ./rubric.yaml',
  'broken/initech/syntax.yaml:2:1: Flow map in block collection must be sufficiently indented and end with a }',
];

describe('check: text', () => {
  it('a clean workspace: exit 0 and a one-line summary', () => {
    const r = check(['good']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '✓ 2 file(s) valid\n' });
  });

  it('warnings (one evaluator, missing evidence, disagreement, name mismatch) are listed but pass', () => {
    const r = check(['warnings']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: [...WARNINGS_TEXT, '0 error(s), 4 warning(s) in 3 file(s)', ''].join('\n') });
  });

  it('--strict makes warnings fail, and one line says that is why, --quiet or not, in every format', () => {
    const why = 'vendorscore: check failed: 4 warning(s), and --strict makes warnings fail\n';
    expect(check(['warnings', '--strict', '--quiet'])).toEqual({ code: 1, stdout: '', stderr: WARNINGS_TEXT.join('\n') + '\n' + why });
    expect(check(['warnings', '--strict'])).toEqual({ code: 1, stdout: '', stderr: [...WARNINGS_TEXT, '0 error(s), 4 warning(s) in 3 file(s)', ''].join('\n') + why });
    for (const format of ['json', 'github']) {
      const r = check(['warnings', '--strict', '--quiet', '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(why);
    }
    // Errors say why by themselves; clean files under --strict pass silently.
    expect(check(['broken/initech', '--strict', '--quiet']).stderr).not.toContain('--strict makes');
    expect(check(['good', '--strict', '--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('every problem in every broken file, in one run, exit 1', () => {
    const r = check(['broken']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: [...BROKEN_TEXT, '8 error(s), 0 warning(s) in 4 file(s)', ''].join('\n') });
  });

  it('a broken file hides nothing in the good ones, and no single-evaluator guess is made', () => {
    // warnings/globex has one evaluator, but with a broken file about we cannot know that.
    const r = check(['warnings/globex', 'broken/initech', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(BROKEN_TEXT.slice(5).join('\n') + '\n');
  });

  it('a path that matches nothing is a usage error, never a silent pass', () => {
    expect(check(['good', 'nope'])).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: nope: no such file or folder\n' });
    expect(check(['no-yaml'])).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: no-yaml: folder holds no .yaml or .yml file\n' });
  });

  it('an unknown format is a usage error', () => {
    expect(check(['good', '--format', 'xml'])).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: --format must be one of text, json, github, not "xml"\n' });
  });
});

describe('check: json', () => {
  it('is a list of {file, line, col, severity, code, message}', () => {
    const r = check(['broken/initech', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      { file: 'broken/initech/dee.yaml', line: 2, col: 9, severity: 'error', code: 'rubric-mismatch', message: 'answers were given against rubric mini@2, but the rubric in use is mini@1 from ./rubric.yaml (choose it with --rubric)' },
      { file: 'broken/initech/dee.yaml', line: 5, col: 12, severity: 'error', code: 'off-step', message: "score 3.5 for logging is off the step 1 of rubric ./rubric.yaml" },
      { file: 'broken/initech/syntax.yaml', line: 2, col: 1, severity: 'error', code: 'yaml-syntax', message: 'Flow map in block collection must be sufficiently indented and end with a }' },
    ]);
  });

  it('a clean run is an empty list', () => {
    expect(check(['good', '--format', 'json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('warnings carry their codes', () => {
    const r = check(['warnings', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((p: { code: string; severity: string }) => `${p.severity}:${p.code}`)).toEqual([
      'warning:no-evidence',
      'warning:disagreement',
      'warning:vendor-name',
      'warning:single-evaluator',
    ]);
  });
});

describe('check: GitHub workflow commands', () => {
  const expected = [
    '::warning file=warnings/acme/ann.yaml,line=5,col=12,title=vendorscore no-evidence::vendor acme-ai: logging asks for evidence, but no evaluator cited any (add evidence: [a document or link])',
    '::warning file=warnings/acme/ann.yaml,line=5,col=12,title=vendorscore disagreement::vendor acme-ai: evaluators disagree on logging by 3 point(s) (Ann 5, Bob 2; the rubric flags 2 or more)',
    '::warning file=warnings/acme/bob.yaml,line=1,col=16,title=vendorscore vendor-name::vendor acme-ai is named "Acme-AI" here but "Acme AI" in warnings/acme/ann.yaml',
    '::warning file=warnings/globex/carl.yaml,line=3,col=12,title=vendorscore single-evaluator::vendor globex is scored by one evaluator only (Carl); a second view catches misreadings',
    '',
  ].join('\n');

  it('--format github prints ::warning / ::error lines on stdout', () => {
    expect(check(['warnings', '--format', 'github'])).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('is the default when GITHUB_ACTIONS=true', () => {
    expect(check(['warnings'], { GITHUB_ACTIONS: 'true' })).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('errors become ::error with file, line and col; exit 1', () => {
    const r = check(['broken/initech', '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '::error file=broken/initech/dee.yaml,line=2,col=9,title=vendorscore rubric-mismatch::answers were given against rubric mini@2, but the rubric in use is mini@1 from ./rubric.yaml (choose it with --rubric)',
        "::error file=broken/initech/dee.yaml,line=5,col=12,title=vendorscore off-step::score 3.5 for logging is off the step 1 of rubric ./rubric.yaml",
        '::error file=broken/initech/syntax.yaml,line=2,col=1,title=vendorscore yaml-syntax::Flow map in block collection must be sufficiently indented and end with a }',
        '',
      ].join('\n'),
    );
  });
});
