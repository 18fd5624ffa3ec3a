import { describe, expect, it } from 'vitest';
import { parseAnswerSheet, parseCsv } from '../../src/io/answer-sheet.js';
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
    expect(r.ignoredColumns).toEqual(['Area', 'Question text']);
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
