import { describe, expect, it } from 'vitest';
import { parseAnswerSheet, parseCsv, parseSheetRows } from '../../src/io/answer-sheet.js';
import { spreadsheetEncoding } from '../../src/io/files.js';
import { zipRefusal } from '../../src/io/xlsx.js';
import { halfPoints } from './helpers.js';

const rubric = halfPoints();
const values = (text: string) => parseCsv(text).rows.map((r) => r.map((c) => c.value));

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records, LF or CRLF, with or without a final line break', () => {
    expect(values('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(values('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(values('a,\n,')).toEqual([['a', ''], ['', '']]);
  });
  it('quoted fields hold commas, doubled quotes and line breaks', () => {
    expect(values('"x, y","say ""hi""","one\r\ntwo"\nz')).toEqual([['x, y', 'say "hi"', 'one\ntwo'], ['z']]);
  });
  it('knows where every field starts, across quoted line breaks', () => {
    const { rows } = parseCsv('q,s\n"a\nb",7\nc,8\n');
    expect(rows.map((r) => r.map((c) => `${c.line}:${c.col}`))).toEqual([['1:1', '1:3'], ['2:1', '3:4'], ['4:1', '4:3']]);
  });
  it('an unclosed quote and text after a closing quote are errors at their place', () => {
    expect(parseCsv('a,b\n1,"two\n3,4\n').error).toEqual({ line: 2, col: 3, message: 'this quoted field is never closed (a " is missing)' });
    expect(parseCsv('a,b\n1,"two"x\n').error).toMatchObject({ line: 2, col: 8 });
  });
});

describe('answer sheets', () => {
  it('CSV: question ids or full question texts, decimal commas, blank rows, unanswered rows with notes', () => {
    const r = parseAnswerSheet('a.csv', 'question;score;notes\nkeys;7,5;\n\nWhat have you shipped to production?;9;\nreferences;;not called yet\n', rubric);
    expect(r.problems).toEqual([]);
    expect(r.answers.map((a) => [a.id, a.answer.score, a.answer.notes, a.line])).toEqual([
      ['keys', 7.5, undefined, 2],
      ['shipped', 9, undefined, 4],
      ['references', null, 'not called yet', 5],
    ]);
  });
  it('CSV: evidence cells hold several items', () => {
    const r = parseAnswerSheet('a.csv', 'question,score,evidence\nlogs,6,"a.pdf; b.pdf\nhttps://x.example/c"\n', rubric);
    expect(r.answers[0]!.answer.evidence).toEqual(['a.pdf', 'b.pdf', 'https://x.example/c']);
  });
  it('CSV: a header that only looks like ours is a typo; other columns are ignored and listed', () => {
    const r = parseAnswerSheet('a.csv', 'Question,Score,Area,Question text\nkeys,5,Security,How?\n', rubric);
    expect(r.problems).toEqual([]);
    // (area and guidance are the columns `sheet` writes for the reader: skipped without a note.)
    expect(r.ignoredColumns).toEqual(['Question text']);
  });
  it('an empty file says what the header must be', () => {
    expect(parseAnswerSheet('a.csv', '', rubric).problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual(['1:1: the file is empty; the first line must name the columns: question, score, notes, evidence']);
  });
  it('a map file can be an evaluation-like file with answers inside', () => {
    const r = parseAnswerSheet('a.yaml', 'vendor: {name: X}\nanswers:\n  keys: 4\n  logs: {score: 2, evidence: one.pdf}\n', rubric);
    expect(r.problems).toEqual([]);
    expect(r.answers.map((a) => [a.id, a.answer.score, a.answer.evidence])).toEqual([
      ['keys', 4, []],
      ['logs', 2, ['one.pdf']],
    ]);
  });
  it('a map file that is not a map says what is expected', () => {
    const { problems } = parseAnswerSheet('a.json', '[1, 2]', rubric);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, col: 1 });
    expect(problems[0]!.message).toMatch(/not a list|expected a map/);
  });
});

describe('spreadsheet exports', () => {
  const at = (r: { problems: Array<{ line: number; col: number; message: string }> }) => r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);

  it("Excel's sep= first line names the delimiter; positions still count that line", () => {
    const r = parseAnswerSheet('a.csv', 'sep=;\r\nquestion;score;notes\r\nkeys;7,5;a, b\r\nlogs;11;\r\n', rubric);
    expect(r.answers.map((a) => [a.id, a.answer.score, a.answer.notes, a.line])).toEqual([['keys', 7.5, 'a, b', 3]]);
    expect(at(r)).toEqual(['4:6: score 11 for logs is off the scale 1–10 of rubric ./test/fixtures/interview/half-points.yaml']);
    expect(parseAnswerSheet('a.csv', '"sep=|"\nquestion|score\nkeys|4\n', rubric).answers.map((a) => a.answer.score)).toEqual([4]);
  });

  it('.tsv is tab-separated, with quoted fields as Excel writes them', () => {
    const r = parseAnswerSheet('a.tsv', 'question\tscore\tnotes\nkeys\t8\t"two\nlines, and a tab\there"\nlogs\t6,5\t\n', rubric);
    expect(r.problems).toEqual([]);
    expect(r.answers.map((a) => [a.id, a.answer.score, a.answer.notes])).toEqual([
      ['keys', 8, 'two\nlines, and a tab\there'],
      ['logs', 6.5, undefined],
    ]);
  });

  it('an id column keys the rows (the question text beside it is for the reader); an empty score is unanswered', () => {
    const r = parseAnswerSheet('a.csv', 'id,area,question,guidance,score,notes,evidence\nkeys,Security,How are keys kept?,"1: badly",,,\nlogs,Security,Logs?,,4,ok,x.pdf\n', rubric);
    expect(r.problems).toEqual([]);
    expect(r.ignoredColumns).toEqual([]);
    expect(r.answers.map((a) => [a.id, a.answer.score, a.answer.notes, a.answer.evidence])).toEqual([
      ['keys', null, undefined, []],
      ['logs', 4, 'ok', ['x.pdf']],
    ]);
  });

  it('workbook rows: numbers stay numbers, a date or text is not a score, the header may start lower down', () => {
    const cell = (line: number, col: number, value: string | number | boolean | Date | null) => ({ line, col, value });
    const rows = [
      [cell(1, 1, null), cell(1, 2, null)],
      [cell(2, 1, null), cell(2, 2, 'Question'), cell(2, 3, 'Score'), cell(2, 4, 'Notes')],
      [cell(3, 1, null), cell(3, 2, 'keys'), cell(3, 3, 7.5), cell(3, 4, 42)],
      [cell(4, 1, null), cell(4, 2, 'logs'), cell(4, 3, new Date(Date.UTC(2026, 0, 2))), cell(4, 4, null)],
      [cell(5, 1, null), cell(5, 2, 'shipped'), cell(5, 3, true), cell(5, 4, null)],
    ];
    const r = parseSheetRows('a.xlsx', rows, rubric);
    expect(r.answers.map((a) => [a.id, a.answer.score, a.answer.notes])).toEqual([['keys', 7.5, '42']]);
    expect(at(r)).toEqual(['4:3: score "2026-01-02" for logs is not a number', '5:3: score "true" for shipped is not a number']);
  });

  it('Windows-1252 and UTF-16 bytes are recognised; other bytes are not guessed at', () => {
    expect(spreadsheetEncoding(Buffer.from('question,score,notes\nkeys,4,caf\xe9 \x93ok\x94\n', 'latin1'))).toBe("it looks like Windows-1252 (Excel's 'CSV' on Windows)");
    expect(spreadsheetEncoding(Buffer.from('\ufeffquestion', 'utf16le'))).toBe("it looks like UTF-16 (Excel's 'Unicode Text')");
    expect(spreadsheetEncoding(Buffer.from([0x71, 0x81, 0x0a]))).toBeUndefined();
    expect(spreadsheetEncoding(Buffer.from([0x71, 0x00, 0xe9]))).toBeUndefined();
  });

  it('a zip whose entries claim too much, or that is no zip at all, is refused before unpacking', () => {
    expect(zipRefusal(Buffer.from('question,score\n'))).toMatch(/^is not an \.xlsx workbook \(not a zip archive\)/);
    // One central-directory entry claiming 4 GiB unpacked.
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(0xffffffff, 24);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(0, 16);
    expect(zipRefusal(Buffer.concat([entry, eocd]))).toBe('would unpack to more than 33554432 bytes; an .xlsx answer sheet is far smaller');
  });
});
