/**
 * Answers kept outside vendorscore: a spreadsheet (CSV, TSV or an .xlsx workbook's rows, with
 * columns question or id, score, notes, evidence) or a YAML/JSON map of question to score. Each is checked against the rubric;
 * every problem comes back located at its line and column.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Answer, Rubric } from '../core/types.js';
import type { Problem } from '../errors.js';
import { didYouMean, levenshtein } from '../schema/suggest.js';
import { clip, quote } from '../text/sanitize.js';
import { questionIndex, rubricNamed, rubricRef, scoreProblem, type QuestionIndex } from './load.js';
import { parseYaml, positionOf, problemAt, type Position, type SourceFile } from './yaml.js';

export interface SheetAnswer {
  id: string;
  answer: Answer;
  line: number;
}

export interface SheetResult {
  answers: SheetAnswer[];
  problems: Problem[];
  /** CSV columns that are not ours and were left out (question text, area, …). */
  ignoredColumns: string[];
}

// ---------------------------------------------------------------------------------------------
// RFC 4180 CSV, with positions.

export interface CsvCell extends Position {
  value: string;
}

/**
 * Splits CSV text into rows of cells. Quoted fields may hold the delimiter, doubled quotes and
 * line breaks (CRLF, LF). A quote that is never closed, or text after a closing quote, is an error
 * at its position.
 */
export function parseCsv(text: string, delimiter = ',', firstLine = 1): { rows: CsvCell[][]; error?: Position & { message: string } } {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  let line = firstLine;
  let lineStart = 0;
  const n = text.length;
  if (n === 0) return { rows };
  for (;;) {
    const start: Position = { line, col: i - lineStart + 1 };
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) return { rows, error: { ...start, message: 'this quoted field is never closed (a " is missing)' } };
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += c;
        i++;
      }
      value = value.replace(/\r\n?/g, '\n');
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        return { rows, error: { line, col: i - lineStart + 1, message: `unexpected text after a closing quote; double a quote inside a quoted field ("")` } };
      }
    } else {
      const from = i;
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      value = text.slice(from, i);
    }
    row.push({ ...start, value });
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === delimiter) {
      i++;
      if (i >= n) {
        row.push({ line, col: i - lineStart + 1, value: '' });
        rows.push(row);
        break;
      }
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    lineStart = i;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return { rows };
}

/** Comma, unless the header line has semicolons and no commas (a European spreadsheet export). */
export function sniffDelimiter(text: string): ',' | ';' {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return !first.includes(',') && first.includes(';') ? ';' : ',';
}

/** Excel's first line naming the delimiter (`sep=;`), which it writes and reads in place of a guess. */
const SEP_LINE = /^(?:\ufeff)?"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)/i;

/**
 * Rows of a text sheet: tab-separated for .tsv; otherwise the delimiter named by a `sep=` first
 * line, else sniffed from the header. Positions count the `sep=` line, as an editor shows it.
 */
export function splitTextSheet(text: string, kind: 'csv' | 'tsv'): { rows: CsvCell[][]; delimiter: string; error?: Position & { message: string } } {
  const sep = SEP_LINE.exec(text);
  if (sep) return { delimiter: sep[1]!, ...parseCsv(text.slice(sep[0].length), sep[1]!, 2) };
  const delimiter = kind === 'tsv' ? '\t' : sniffDelimiter(text);
  return { delimiter, ...parseCsv(text, delimiter) };
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both formats.

class Checker {
  readonly problems: Problem[] = [];
  readonly answers: SheetAnswer[] = [];
  private readonly index: QuestionIndex;
  private readonly byText = new Map<string, string>();
  private readonly seen = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly rubric: Rubric,
  ) {
    this.index = questionIndex(rubric);
    for (const a of rubric.areas) for (const q of a.questions) this.byText.set(normalizeText(q.text), q.id);
  }

  problem(at: Position, message: string, code: string): void {
    this.problems.push(problemAt(this.file, at, message, code));
  }

  /** A question id (or the question's full text, as spreadsheets often carry it). */
  question(raw: string, at: Position): string | undefined {
    const v = raw.trim();
    if (v === '') {
      this.problem(at, 'the question is empty; give a question id such as restate-problem', 'empty-question');
      return undefined;
    }
    const { known, suggester } = this.index;
    const id = known.has(v) ? v : known.has(v.toLowerCase()) ? v.toLowerCase() : this.byText.get(normalizeText(v));
    if (!id) {
      const hint = suggester.suggest(v);
      this.problem(at, `unknown question ${quote(v)} in rubric ${rubricNamed(this.rubric)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`, 'unknown-question');
      return undefined;
    }
    const first = this.seen.get(id);
    if (first !== undefined) {
      this.problem(at, `question ${id} is answered twice (first on line ${first})`, 'duplicate-question');
      return undefined;
    }
    this.seen.set(id, at.line);
    return id;
  }

  /** A score from text or a number: empty is unanswered; anything else must sit on the scale and its step. */
  score(id: string, raw: unknown, at: Position): number | null | undefined {
    let v: number;
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
    if (typeof raw === 'number') v = raw;
    else if (typeof raw === 'string' && /^\s*[+-]?(\d+([.,]\d+)?|[.,]\d+)\s*$/.test(raw)) v = Number(raw.trim().replace(',', '.'));
    else {
      // A list or a mapping is named by its kind: its text is not a score and is not shown.
      const given = typeof raw === 'string' ? quote(raw.trim()) : raw !== null && typeof raw === 'object' ? (isSeq(raw) ? 'given as a list' : 'given as a mapping') : clip(String(raw));
      this.problem(at, `score ${given} for ${id} is not a number`, 'not-a-number');
      return undefined;
    }
    const wrong = scoreProblem(v, id, this.rubric);
    if (wrong) {
      this.problem(at, wrong.message, wrong.code);
      return undefined;
    }
    return v;
  }

  notes(id: string, raw: string, at: Position): string | undefined | false {
    const v = raw.trim();
    if (v.length > 20_000) {
      this.problem(at, `notes for ${id} are ${v.length} characters; at most 20000`, 'too-long');
      return false;
    }
    return v === '' ? undefined : v;
  }

  evidence(id: string, items: string[], at: Position): string[] | false {
    const list = items.map((s) => s.trim()).filter(Boolean);
    if (list.length > 100) {
      this.problem(at, `${list.length} evidence items for ${id}; at most 100`, 'too-many');
      return false;
    }
    if (list.some((s) => s.length > 2000)) {
      this.problem(at, `an evidence item for ${id} is over 2000 characters`, 'too-long');
      return false;
    }
    return list;
  }
}

function normalizeText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Evidence in one cell: several items separated by line breaks, semicolons or commas. */
export function splitEvidenceCell(s: string): string[] {
  return s.split(/[\n;,]/);
}

// ---------------------------------------------------------------------------------------------

const COLUMNS = ['question', 'score', 'notes', 'evidence'] as const;
type Column = (typeof COLUMNS)[number] | 'id';
/** Columns `vendorscore sheet` writes for the reader, skipped without a note (and the question text, beside an id column). */
const FOR_THE_READER = new Set(['area', 'guidance']);

/** One cell of a sheet: text from CSV, or what a workbook cell holds. */
export interface SheetCell extends Position {
  value: string | number | boolean | Date | null;
}

function cellText(c: SheetCell): string {
  return c.value === null ? '' : c.value instanceof Date ? c.value.toISOString().slice(0, 10) : String(c.value);
}

/** A CSV or TSV export: see splitTextSheet for how its delimiter is found. */
export function parseCsvSheet(file: string, text: string, rubric: Rubric, kind: 'csv' | 'tsv' = 'csv'): SheetResult {
  const { rows, delimiter, error } = splitTextSheet(text, kind);
  if (error) {
    const check = new Checker(file, rubric);
    check.problem(error, error.message, 'csv-syntax');
    return { answers: [], problems: check.problems, ignoredColumns: [] };
  }
  return parseSheetRows(file, rows, rubric, `quote fields that contain "${delimiter === '\t' ? '\\t' : delimiter}"`);
}

/**
 * Answers from rows whose first row names the columns: `question` (an id or the question's
 * text) or `id`, `score`, and optionally `notes` and `evidence`, in any order and case.
 */
export function parseSheetRows(file: string, rows: readonly SheetCell[][], rubric: Rubric, extraHint = 'the header names fewer columns'): SheetResult {
  const check = new Checker(file, rubric);
  const ignoredColumns: string[] = [];
  const blank = (row: readonly SheetCell[]) => row.every((c) => cellText(c).trim() === '');
  // The first row with anything in it names the columns (a workbook may start lower down).
  const start = rows.findIndex((row) => !blank(row));
  const header = rows[start];
  if (!header) {
    check.problem({ line: 1, col: 1 }, `the file is empty; the first line must name the columns: ${COLUMNS.join(', ')}`, 'no-header');
    return { answers: [], problems: check.problems, ignoredColumns };
  }
  const index: Partial<Record<Column, number>> = {};
  header.forEach((cell, k) => {
    const name = cellText(cell).trim().toLowerCase();
    if ((COLUMNS as readonly string[]).includes(name) || name === 'id') {
      const col = name as Column;
      if (index[col] !== undefined) check.problem(cell, `column "${col}" appears twice (first as column ${index[col]! + 1})`, 'duplicate-column');
      else index[col] = k;
      return;
    }
    if (FOR_THE_READER.has(name)) return;
    // Only a near miss is a typo; other columns (question text, area, …) are someone else's.
    const hint = COLUMNS.find((c) => levenshtein(c, name) <= 2);
    if (hint && name !== '') check.problem(cell, `unknown column ${quote(cellText(cell).trim())} (did you mean ${quote(hint)}?)`, 'unknown-column');
    else if (name !== '') ignoredColumns.push(cellText(cell).trim());
  });
  const required: Column[] = [index.id === undefined ? 'question' : 'id', 'score'];
  for (const col of required) {
    if (index[col] === undefined) check.problem({ line: header[0]!.line, col: 1 }, `missing required column "${col}"; the first line must name the columns ${COLUMNS.join(', ')} (notes and evidence are optional)`, 'missing-column');
  }
  if (check.problems.length > 0) return { answers: [], problems: check.problems, ignoredColumns };

  const key: Column = index.id === undefined ? 'question' : 'id';
  for (const row of rows.slice(start + 1)) {
    if (blank(row)) continue;
    const extra = row.slice(header.length).find((c) => cellText(c).trim() !== '');
    if (extra) {
      check.problem(extra, `this row has ${row.length} fields but the header has ${header.length}; ${extraHint}`, 'extra-field');
      continue;
    }
    const cell = (col: Column): SheetCell => {
      const k = index[col];
      const c = k === undefined ? undefined : row[k];
      const last = row[row.length - 1];
      return c ?? { value: '', line: row[0]!.line, col: (last?.col ?? 1) + (last ? cellText(last).length : 0) };
    };
    const q = cell(key);
    const id = check.question(cellText(q), q);
    if (!id) continue;
    const s = cell('score');
    const score = check.score(id, typeof s.value === 'string' || typeof s.value === 'number' || s.value === null ? s.value : cellText(s), s);
    const notesCell = cell('notes');
    const notes = check.notes(id, cellText(notesCell), notesCell);
    const evCell = cell('evidence');
    const evidence = check.evidence(id, splitEvidenceCell(cellText(evCell)), evCell);
    if (score === undefined || notes === false || evidence === false) continue;
    check.answers.push({ id, line: q.line, answer: { score, notes, evidence } });
  }
  return { answers: check.answers, problems: check.problems, ignoredColumns };
}

const ANSWER_KEYS = ['score', 'notes', 'evidence'];

/** A YAML or JSON map of question id to score, or to {score, notes, evidence}; an `answers:` map inside is used when present. */
export function parseMapSheet(file: string, text: string, rubric: Rubric): SheetResult {
  const check = new Checker(file, rubric);
  const { source, problems } = parseYaml(file, text);
  if (!source) return { answers: [], problems, ignoredColumns: [] };
  let base: Array<string | number> = [];
  let map = source.doc.contents as Node | null;
  if (isMap(map) && isMap(map.get('answers', true))) {
    base = ['answers'];
    map = map.get('answers', true) as Node;
  }
  if (!isMap(map)) {
    check.problem(positionOf(source, []), 'expected a map of question id to score, such as "restate-problem: 4"', 'not-a-map');
    return { answers: [], problems: check.problems, ignoredColumns: [] };
  }
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyAt = at(source, pair.key as Node | null, positionOf(source, base));
    const id = check.question(key, keyAt);
    if (!id) continue;
    const value = pair.value as Node | null;
    const valueAt = at(source, value, keyAt);
    if (value === null || isScalar(value)) {
      const score = check.score(id, value === null ? null : value.value, valueAt);
      if (score !== undefined) check.answers.push({ id, line: keyAt.line, answer: { score, evidence: [] } });
      continue;
    }
    if (!isMap(value)) {
      check.problem(valueAt, `the answer to ${id} must be a score or a map with score, notes and evidence`, 'bad-answer');
      continue;
    }
    let ok = true;
    for (const p of value.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (!ANSWER_KEYS.includes(k)) {
        const hint = didYouMean(k, ANSWER_KEYS);
        check.problem(at(source, p.key as Node | null, valueAt), `unknown key ${quote(k)} in the answer to ${id}${hint ? ` (did you mean "${hint}"?)` : ''}; expected score, notes, evidence`, 'unknown-key');
        ok = false;
      }
    }
    const scoreNode = value.get('score', true) as Node | undefined;
    const score = check.score(id, isScalar(scoreNode) ? scoreNode.value : scoreNode === undefined ? null : scoreNode, at(source, scoreNode ?? null, valueAt));
    const notesNode = value.get('notes', true) as Node | undefined;
    let notes: string | undefined | false;
    if (notesNode === undefined || (isScalar(notesNode) && notesNode.value === null)) notes = undefined;
    else if (isScalar(notesNode) && typeof notesNode.value === 'string') notes = check.notes(id, notesNode.value, at(source, notesNode, valueAt));
    else {
      check.problem(at(source, notesNode, valueAt), `notes for ${id} must be text`, 'bad-notes');
      notes = false;
    }
    const evNode = value.get('evidence', true) as Node | undefined;
    let evidence: string[] | false = [];
    if (evNode !== undefined && !(isScalar(evNode) && evNode.value === null)) {
      const items = isSeq(evNode) ? evNode.items : [evNode];
      if (items.every((x) => isScalar(x) && typeof x.value === 'string')) evidence = check.evidence(id, items.map((x) => String((x as { value: unknown }).value)), at(source, evNode, valueAt));
      else {
        check.problem(at(source, evNode, valueAt), `evidence for ${id} must be text or a list of texts`, 'bad-evidence');
        evidence = false;
      }
    }
    if (!ok || score === undefined || notes === false || evidence === false) continue;
    check.answers.push({ id, line: keyAt.line, answer: { score, notes, evidence } });
  }
  return { answers: check.answers, problems: check.problems, ignoredColumns: [] };
}

function at(src: SourceFile, node: Node | null | undefined, fallback: Position): Position {
  const off = node?.range?.[0];
  return off === undefined ? fallback : src.lines.linePos(off);
}

export type SheetKind = 'csv' | 'tsv' | 'xlsx' | 'map';

/** The format from the file name: .csv, .tsv (or .tab), .xlsx, .yaml, .yml, .json. */
export function sheetKind(file: string): SheetKind | undefined {
  const ext = file.toLowerCase().split('.').pop();
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'yaml' || ext === 'yml' || ext === 'json') return 'map';
  return undefined;
}

/** A text sheet (CSV, TSV, YAML, JSON) checked against the rubric; problems in file order. */
export function parseAnswerSheet(file: string, text: string, rubric: Rubric): SheetResult {
  const kind = sheetKind(file);
  return sorted(kind === 'csv' || kind === 'tsv' ? parseCsvSheet(file, text, rubric, kind) : parseMapSheet(file, text, rubric));
}

export function sorted(r: SheetResult): SheetResult {
  r.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return r;
}
