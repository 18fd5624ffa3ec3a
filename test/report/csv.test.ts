import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/report/csv.js';

/** RFC 4180 reader for one record (our rows end in CRLF). */
function parseRow(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') break;
    else cell += c;
  }
  cells.push(cell);
  expect(i).toBe(text.length - 2);
  return cells;
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
            expect(cell).toBe(Number.isFinite(cells[i]) ? String(cells[i]) : '');
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
