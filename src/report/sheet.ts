/**
 * A blank answer sheet for a rubric: one row per question, in rubric order, with the columns
 * `import` reads (id, score, notes, evidence) beside the ones a person reads while filling it in
 * (area, question, guidance). `import` reads it back as it is, filled in or not.
 */
import type { Question, Rubric } from '../core/types.js';
import { csvRow } from './csv.js';

export const SHEET_COLUMNS = ['id', 'area', 'question', 'guidance', 'score', 'notes', 'evidence'] as const;
/** Column widths in a workbook, in characters. */
export const SHEET_WIDTHS = [22, 20, 50, 60, 8, 40, 30] as const;

function guidance(r: Rubric, q: Question): string {
  const { min, max, step } = r.scale;
  const lines = [`Score ${min}–${max}${step === 1 ? '' : ` in steps of ${step}`}; leave empty if unanswered.`];
  const keys = Object.keys(q.guidance).sort((a, b) => Number(a) - Number(b));
  for (const k of keys) lines.push(`${k}: ${q.guidance[k]}`);
  if (q.knockout) lines.push(`Knockout: a score below ${q.knockout.below} disqualifies the vendor.`);
  if (q.evidence) lines.push('Evidence expected: a document or link.');
  return lines.join('\n');
}

export function sheetRows(r: Rubric): string[][] {
  const rows: string[][] = [[...SHEET_COLUMNS]];
  for (const a of r.areas) for (const q of a.questions) rows.push([q.id, a.name, q.text, guidance(r, q), '', '', '']);
  return rows;
}

/** The sheet as CSV: cells a spreadsheet would run as formulas are made text (csvCell). */
export function renderSheetCsv(r: Rubric): string {
  return sheetRows(r).map((row) => csvRow(row)).join('');
}
