/**
 * .xlsx workbooks, through read-excel-file and write-excel-file (small, maintained, no network;
 * loaded with import() only when a workbook is read or written, so other commands never pay for
 * them). Cells are written as typed values: text is always text, never a formula.
 */
import type { Problem } from '../errors.js';
import type { SheetCell } from './answer-sheet.js';
import { fileProblem } from './files.js';

/** Most a workbook may unpack to (an answer sheet is a few hundred kilobytes), and most entries. */
const MAX_UNPACKED = 32 * 1024 * 1024;
const MAX_ENTRIES = 1000;

/**
 * Checks a zip's central directory before anything is unpacked: a workbook whose entries claim
 * more than MAX_UNPACKED bytes (a zip bomb) is refused. Returns a reason, or undefined when fine.
 */
export function zipRefusal(buf: Buffer): string | undefined {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return 'is not an .xlsx workbook (not a zip archive); save it from the spreadsheet as "Excel Workbook (.xlsx)"';
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (entries > MAX_ENTRIES) return `holds ${entries} files; an .xlsx answer sheet has a few dozen`;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return 'is not a readable .xlsx workbook (its zip directory is damaged)';
    total += buf.readUInt32LE(at + 24);
    if (total > MAX_UNPACKED) return `would unpack to more than ${MAX_UNPACKED} bytes; an .xlsx answer sheet is far smaller`;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return undefined;
}

/** The first worksheet's rows, each cell with its row and column (from 1, as `line:col`). */
export async function readXlsxRows(file: string, bytes: Buffer): Promise<{ rows?: SheetCell[][]; problem?: Problem }> {
  const refusal = zipRefusal(bytes);
  if (refusal) return { problem: fileProblem(file, refusal, 'not-xlsx') };
  const { readSheet } = await import('read-excel-file/node');
  let data: unknown[][];
  try {
    data = (await readSheet(bytes, { trim: false })) as unknown[][];
  } catch (e) {
    return { problem: fileProblem(file, `is not a readable .xlsx workbook (${e instanceof Error ? e.message : String(e)})`, 'not-xlsx') };
  }
  const rows = data.map((row, r) =>
    row.map((value, c) => ({ line: r + 1, col: c + 1, value: value === undefined ? null : (value as SheetCell['value']) })),
  );
  return { rows };
}

export type XlsxValue = string | number | null;

/** A one-sheet workbook: the first row bold and frozen, text cells as text (never formulas). */
export async function writeXlsx(rows: readonly XlsxValue[][], widths: readonly number[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const data = rows.map((row, r) =>
    row.map((value) => {
      if (value === null || value === '') return null;
      if (typeof value === 'number') return { value, type: Number };
      return { value, type: String, wrap: true, alignVertical: 'top' as const, ...(r === 0 ? { fontWeight: 'bold' as const } : {}) };
    }),
  );
  return writeXlsxFile(data, { columns: widths.map((width) => ({ width })), stickyRowsCount: 1 }).toBuffer();
}
