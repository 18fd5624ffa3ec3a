import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/report/csv.js';
import { parseCsv } from './csv-read.js';

/** One record, which must be the whole text. */
function parseRow(text: string): string[] {
  const rows = parseCsv(text);
  expect(rows).toHaveLength(1);
  expect(text.endsWith('\r\n')).toBe(true);
  return rows[0]!;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-cmd', "'-cmd"],
    ['  =1+1', "'  =1+1"],
    ['\t=1+1', "' =1+1"],
    ['\r=1+1', "\"\n'=1+1\""],
    ['ok\n=1+1', "\"ok\n'=1+1\""],
    ['ok\r\n@x\r-y', "\"ok\n'@x\n'-y\""],
    ['＝1+1', "'＝1+1"],
    ['=HYPERLINK("http://x","y")', "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
    ['a, b', '"a, b"'],
    ['plain', 'plain'],
    ['\u001b[2Jclear', 'clear'],
    ['Corp\u202egnp', 'Corp\\u{202e}gnp'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('real numbers stay numbers, text that is exactly a number too', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(78.5)).toBe('78.5');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(88.00000000000001)).toBe('88');
    expect(csvCell(63.95348837209302)).toBe('63.9534883721');
    expect(csvCell(-1e-12)).toBe('0');
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('-1.5e3')).toBe('-1.5e3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('property: a row keeps its cell count, and no line of a cell starts a formula', () => {
    const cellText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', '"', ',', 'a', '1', '.', 'e', '\u001b', '＝'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(cellText, fc.double(), fc.integer()), { minLength: 1, maxLength: 6 }), (cells) => {
        const parsed = parseRow(csvRow(cells));
        expect(parsed).toHaveLength(cells.length);
        parsed.forEach((cell, i) => {
          if (typeof cells[i] === 'number') {
            const x = cells[i] as number;
            if (!Number.isFinite(x)) expect(cell).toBe('');
            // At most 10 decimals, and the value kept to that precision.
            else expect(Math.abs(Number(cell) - x)).toBeLessThanOrEqual(5e-11 * Math.max(1, Math.abs(x)));
            if (Number.isFinite(x) && !/e/.test(cell)) expect(cell).toMatch(/^-?\d+(\.\d{1,10})?$/);
            return;
          }
          if (NUMBER.test(cell)) return;
          for (const line of cell.split('\n')) expect(line).not.toMatch(/^[ ]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/);
        });
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});
