/**
 * `sheet` writes a blank answer sheet; `import` reads it back, blank or filled in, as CSV, TSV,
 * CSV with Excel's sep= line, or .xlsx. Cells stay text: nothing in a sheet runs as a formula.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, runCli } from '../helpers/cli.js';
import { parseCsv } from '../report/csv-read.js';

const HEADER = ['id', 'area', 'question', 'guidance', 'score', 'notes', 'evidence'];
const ANSWERS: Record<string, [string, string, string]> = {
  logs: ['7.5', 'Audited monthly, "all" environments', 'audit.pdf; https://x.example/logs'],
  keys: ['', 'not asked yet', ''],
  shipped: ['9', '', ''],
};

/** A folder holding the rubric as ./rubric.yaml, so the sheet and the import find it. */
function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-sheet-'));
  cpSync(fixture('sheet', 'rubric.yaml'), path.join(dir, 'rubric.yaml'));
  return dir;
}

const importIn = (dir: string, file: string) => runCli(['import', file, '--vendor', 'Acme AI', '--evaluator', 'Ann', '--quiet'], { cwd: dir });
const evaluation = (dir: string) => parse(readFileSync(path.join(dir, 'evaluations', 'acme-ai', 'ann.yaml'), 'utf8')) as { rubric: string; answers: Record<string, unknown> };

/** What a person does in a spreadsheet: type a score, notes and evidence into each row. */
function fill(rows: string[][]): string[][] {
  return rows.map((row, i) => (i === 0 ? row : [...row.slice(0, 4), ...ANSWERS[row[0]!]!]));
}

const FILLED = {
  logs: { score: 7.5, notes: 'Audited monthly, "all" environments', evidence: ['audit.pdf', 'https://x.example/logs'] },
  keys: { score: null, notes: 'not asked yet' },
  shipped: 9,
};

/** The CSV sheet, filled in and saved as `file` in another text form; the answers import finds in it. */
function filledAs(file: string, render: (rows: string[][]) => string): unknown {
  const dir = workspace();
  runCli(['sheet', '--out', 'answers.csv', '--quiet'], { cwd: dir });
  writeFileSync(path.join(dir, file), render(fill(parseCsv(readFileSync(path.join(dir, 'answers.csv'), 'utf8')))));
  const r = importIn(dir, file);
  expect(r.code, r.stderr).toBe(0);
  return evaluation(dir).answers;
}

describe('sheet --format csv', () => {
  it('one row per question with the columns import reads; formula-like text made safe', () => {
    const dir = workspace();
    const r = runCli(['sheet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('using ./rubric.yaml\n');
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.map((row) => row[0])).toEqual(['id', 'logs', 'keys', 'shipped']);
    expect(rows[1]).toEqual(['logs', "'=Security", `'=HYPERLINK("http://evil.example","How are logs kept?")`, 'Score 1–10 in steps of 0.5; leave empty if unanswered.\n1: -1 means none\n10: @everything audited\nKnockout: a score below 3 disqualifies the vendor.\nEvidence expected: a document or link.', '', '', '']);
    expect(rows[2]![2]).toBe("'+Who holds the keys?");
  });

  it('blank sheet → import: an evaluation with nothing answered, no error', () => {
    const dir = workspace();
    expect(runCli(['sheet', '--out', 'answers.csv', '--quiet'], { cwd: dir }).code).toBe(0);
    const r = runCli(['import', 'answers.csv', '--vendor', 'Acme AI', '--evaluator', 'Ann'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('using ./rubric.yaml\nwrote evaluations/acme-ai/ann.yaml: 0 of 3 questions scored\nnext: vendorscore compare evaluations\n');
    expect(evaluation(dir)).toMatchObject({ rubric: 'sheet-check@1', answers: {} });
  });

  it('filled in → import → the evaluation holds every score, note and evidence item', () => {
    const dir = workspace();
    runCli(['sheet', '--out', 'answers.csv', '--quiet'], { cwd: dir });
    const rows = fill(parseCsv(readFileSync(path.join(dir, 'answers.csv'), 'utf8')));
    writeFileSync(path.join(dir, 'answers.csv'), rows.map((row) => row.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n');
    const r = importIn(dir, 'answers.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(evaluation(dir).answers).toEqual(FILLED);
    const c = runCli(['compare', 'evaluations', '--format', 'json', '--quiet'], { cwd: dir });
    expect(JSON.parse(c.stdout).vendors[0]).toMatchObject({ id: 'acme-ai', complete: false, status: 'qualified' });
  });

  it("as Excel saves it in a semicolon locale: sep=; first, decimal commas", () => {
    const cell = (c: string) => (/[";\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c.replace(/^(\d+)\.(\d+)$/, '$1,$2'));
    expect(filledAs('answers.csv', (rows) => 'sep=;\r\n' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n')).toEqual(FILLED);
  });

  it('as tab-separated text (.tsv)', () => {
    const cell = (c: string) => (/["\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    expect(filledAs('answers.tsv', (rows) => rows.map((row) => row.map(cell).join('\t')).join('\n') + '\n')).toEqual(FILLED);
  });
});

/** One file out of a zip archive (stored or deflated), found through the central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + zip.readUInt32LE(at + 20));
      return (zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the archive`);
}

describe('sheet --format xlsx', () => {
  it('needs --out (a workbook is not text) and keeps an existing file unless --force', () => {
    const dir = workspace();
    expect(runCli(['sheet', '--format', 'xlsx'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'using ./rubric.yaml\nvendorscore: --format xlsx writes a workbook, not text; name the file with --out, for example --out answers.xlsx\n' });
    writeFileSync(path.join(dir, 'answers.xlsx'), 'keep me');
    expect(runCli(['sheet', '--out', 'answers.xlsx', '--quiet'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: answers.xlsx: already exists; pass --force to overwrite it\n' });
    expect(readFileSync(path.join(dir, 'answers.xlsx'), 'utf8')).toBe('keep me');
    const r = runCli(['sheet', '--out', 'answers.xlsx', '--force'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'using ./rubric.yaml\nwrote answers.xlsx\nnext: fill in the score column, then vendorscore import answers.xlsx --vendor NAME --evaluator NAME\n' });
  });

  it('writes text as text: formula-like cells are shared strings, the sheet has no formula', async () => {
    const dir = workspace();
    runCli(['sheet', '--out', 'answers.xlsx', '--quiet'], { cwd: dir });
    const zip = readFileSync(path.join(dir, 'answers.xlsx'));
    expect(zipEntry(zip, 'xl/worksheets/sheet1.xml')).not.toMatch(/<f[ >]/);
    expect(zipEntry(zip, 'xl/sharedStrings.xml')).toContain('<si><t>=HYPERLINK("http://evil.example","How are logs kept?")</t></si>');
    const rows = await readSheet(zip);
    expect(rows[0]).toEqual(HEADER);
    expect(rows[1]!.slice(0, 3)).toEqual(['logs', '=Security', '=HYPERLINK("http://evil.example","How are logs kept?")']);
  });

  it('blank workbook → import: nothing answered, no error', () => {
    const dir = workspace();
    runCli(['sheet', '--out', 'answers.xlsx', '--quiet'], { cwd: dir });
    const r = importIn(dir, 'answers.xlsx');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(evaluation(dir).answers).toEqual({});
  });

  it('filled in (scores typed as numbers) → import → the same evaluation as from CSV', async () => {
    const dir = workspace();
    runCli(['sheet', '--out', 'answers.xlsx', '--quiet'], { cwd: dir });
    const rows = (await readSheet(readFileSync(path.join(dir, 'answers.xlsx')))).map((row) => row.map((c) => (c === null ? '' : String(c))));
    const filled = fill(rows).map((row, i) => row.map((c, k) => (i > 0 && k === 4 && c !== '' ? Number(c) : c === '' ? null : c)));
    writeFileSync(path.join(dir, 'filled.xlsx'), await writeXlsxFile(filled).toBuffer());
    const r = importIn(dir, 'filled.xlsx');
    expect(r.code, r.stderr).toBe(0);
    expect(evaluation(dir).answers).toEqual(FILLED);
  });

  it('a problem in a workbook is located at its row and column', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'bad.xlsx'), await writeXlsxFile([['question', 'score'], ['logs', 11], ['kees', 4]]).toBuffer());
    const r = importIn(dir, 'bad.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'bad.xlsx:2:2: score 11 for logs is off the scale 1–10 of rubric ./rubric.yaml\n' +
        'bad.xlsx:3:1: unknown question "kees" in rubric sheet-check@1 from ./rubric.yaml (did you mean "keys"?)\n',
    );
    expect(existsSync(path.join(dir, 'evaluations'))).toBe(false);
  });
});
