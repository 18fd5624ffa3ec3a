import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const RUBRIC = fixture('interview', 'half-points.yaml');
const sheet = (name: string) => fixture('import', name);

/** Runs `import` in a fresh folder with the fixture copied in, so messages show the short name. */
function importIn(name: string, extra: string[] = [], dir = mkdtempSync(path.join(tmpdir(), 'vs-import-'))) {
  writeFileSync(path.join(dir, name), readFileSync(sheet(name)));
  const r = runCli(['import', name, '--vendor', 'Acme AI', '--evaluator', 'Dana Whitfield', '--rubric', RUBRIC, ...extra], { cwd: dir });
  return { ...r, dir, out: path.join(dir, 'evaluations', 'acme-ai', 'dana-whitfield.yaml') };
}

describe('import: every problem with its line, exit 2, nothing written', () => {
  it('CSV rows: unknown question, non-numeric, off-scale, off-step, duplicate, extra field', () => {
    const r = importIn('bad.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        `bad.csv:4:1: unknown question "logz" in rubric pilot-check@2 from ${RUBRIC} (did you mean "logs"?)`,
        'bad.csv:5:9: score "high" for shipped is not a number',
        `bad.csv:6:12: score 11 for references is off the scale 1–10 of rubric ${RUBRIC}`,
        `bad.csv:7:6: score 6.25 for logs is off the step 0.5 of rubric ${RUBRIC}`,
        'bad.csv:8:1: question keys is answered twice (first on line 2)',
        'bad.csv:9:13: this row has 5 fields but the header has 4; quote fields that contain ","',
        '',
      ].join('\n'),
    );
    expect(existsSync(path.join(r.dir, 'evaluations'))).toBe(false);
  });

  it('CSV header: a misspelt column and the missing required one', () => {
    const r = importIn('bad-header.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'bad-header.csv:1:1: missing required column "score"; the first line must name the columns question, score, notes, evidence (notes and evidence are optional)\n' +
        'bad-header.csv:1:10: unknown column "scor" (did you mean "score"?)\n',
    );
  });

  it('CSV header without a score column', () => {
    const r = importIn('missing-column.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing-column.csv:1:1: missing required column "score"');
  });

  it('CSV with a quote that is never closed', () => {
    const r = importIn('unclosed.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('unclosed.csv:2:6: this quoted field is never closed (a " is missing)\n');
  });

  it('YAML map: non-numeric score, unknown key, unknown question, wrong shape', () => {
    const r = importIn('bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        'bad.yaml:3:10: score "six" for logs is not a number',
        'bad.yaml:4:3: unknown key "note" in the answer to logs (did you mean "notes"?); expected score, notes, evidence',
        `bad.yaml:5:1: unknown question "shiped" in rubric pilot-check@2 from ${RUBRIC} (did you mean "shipped"?)`,
        'bad.yaml:6:13: the answer to references must be a score or a map with score, notes and evidence',
        '',
      ].join('\n'),
    );
  });

  it('JSON map with a question given twice', () => {
    const r = importIn('bad.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.json:4:3: .*"keys"/);
  });

  it('a file of another kind is refused by name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-import-'));
    writeFileSync(path.join(dir, 'answers.ods'), 'PK');
    const r = runCli(['import', 'answers.ods', '--vendor', 'A', '--evaluator', 'B'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vendorscore: answers.ods: cannot tell the format from the name; use a .csv, .tsv, .xlsx, .yaml, .yml or .json file\n');
  });
});

describe('import: a spreadsheet export becomes an evaluation that check accepts and compare ranks', () => {
  it('CSV with quoted line breaks, full question texts, unanswered rows and extra columns', () => {
    const r = importIn('good.csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: ignored column(s) "Question text"\nwrote evaluations/acme-ai/dana-whitfield.yaml: 3 of 4 questions scored\nnext: vendorscore compare evaluations --rubric ' + RUBRIC + '\n');
    const text = readFileSync(r.out, 'utf8');
    expect(text).toContain(`answers:
  keys:
    score: 7.5
    notes: |-
      Vault, manual rotation.
      Rotation is "quarterly" at best.
    evidence: [ vault-policy.pdf, https://example.com/audit ]
  logs: 6
  shipped:
    score: 9
    notes: Two systems live
  references:
    score: null
    notes: not called yet
`);
    const check = runCli(['check', 'evaluations', '--rubric', RUBRIC], { cwd: r.dir });
    expect(check.code).toBe(0);
    const compare = runCli(['compare', 'evaluations', '--rubric', RUBRIC, '--format', 'json'], { cwd: r.dir });
    expect(compare.code).toBe(0);
    const v = JSON.parse(compare.stdout).vendors[0];
    expect(v).toMatchObject({ id: 'acme-ai', name: 'Acme AI', rank: 1, status: 'qualified', complete: false, evaluators: ['Dana Whitfield'] });
    // security = (7.5 + 6) / 2 = 6.75 → 100·5.75/9; delivery = (9 + 1) / 2 = 5 (references unanswered counts as 1) → 100·4/9
    expect(v.total).toBeCloseTo((3 * (100 * 5.75) / 9 + (100 * 4) / 9) / 4, 9);
  });

  it('YAML and JSON maps import the same way', () => {
    const y = importIn('good.yaml');
    expect(y.code).toBe(0);
    expect(readFileSync(y.out, 'utf8')).toContain('  logs:\n    score: 6\n    notes: Only the platform team can read them.\n    evidence: [ access-review.pdf ]\n');
    const j = importIn('good.json');
    expect(j.code).toBe(0);
    expect(readFileSync(j.out, 'utf8')).toContain('answers:\n  keys: 4\n  logs:\n    score: 5.5\n    notes: ok\n  shipped: 8\n  references: 10\n');
  });

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const first = importIn('good.json');
    const again = importIn('good.yaml', [], first.dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('vendorscore: evaluations/acme-ai/dana-whitfield.yaml: already exists; pass --force to overwrite it\n');
    expect(readFileSync(first.out, 'utf8')).toContain('references: 10');
    const forced = importIn('good.yaml', ['--force'], first.dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(first.out, 'utf8')).not.toContain('references');
  });

  it('a UTF-8 export with a byte-order mark and upper-case ids (as Excel writes it) imports cleanly', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-import-'));
    writeFileSync(path.join(dir, 'excel.csv'), '\ufeffQuestion,Score,Notes\r\nKEYS,6,"Vault; rotation ""soon"""\r\n');
    const r = runCli(['import', 'excel.csv', '--vendor', 'Acme AI', '--evaluator', 'Dana', '--rubric', RUBRIC], { cwd: dir });
    expect(r.stderr).toContain('wrote evaluations/acme-ai/dana.yaml: 1 of 4 questions scored');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'evaluations', 'acme-ai', 'dana.yaml'), 'utf8')).toContain('answers:\n  keys:\n    score: 6\n    notes: Vault; rotation "soon"\n');
  });

  it('--out chooses the file', () => {
    const r = importIn('semicolons.csv', ['--out', 'mine.yaml']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(r.dir, 'mine.yaml'), 'utf8')).toContain('answers:\n  keys:\n    score: 7.5\n    notes: Vault\n  logs: 6\n');
  });
});
