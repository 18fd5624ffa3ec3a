import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdCell, mdRow } from '../../src/report/markdown.js';

/** Cells of a GitHub table row: split on pipes that no backslash escapes. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\') {
      cur += c + (row[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.slice(1, -1);
}

describe('Markdown cells', () => {
  it('property: a row keeps its column count, stays on one line and carries no raw HTML and no @mention, whatever the text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: fc.constantFrom('|', '\\', '\n', '\r', '<', '>', '&', '`', '*', '_', '[', ']', '(', ')', '!', '#', 'a', ' ', '\u2028', '@', '-'), maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (texts) => {
        const row = mdRow(texts.map(mdCell));
        expect(row.endsWith('|\n')).toBe(true);
        expect(row.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(cells(row.slice(0, -1))).toHaveLength(texts.length);
        // The one piece of HTML a cell may hold is the empty comment that keeps @name from notifying anyone.
        expect(row.replace(/@<!-- -->/g, '@')).not.toMatch(/<[a-z/!?]/i);
        expect(row).not.toMatch(/@[A-Za-z0-9_-]/);
      }),
      { seed: 41, numRuns: 3000 },
    );
  });
});
