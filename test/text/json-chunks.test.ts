/**
 * jsonChunks joins to exactly JSON.stringify(value, null, 2), whatever the value; safeJsonChunks
 * to exactly safeJson. compare --format json prints the pieces, so this is its output contract.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks, MappedList } from '../../src/text/json-chunks.js';
import { safeJson, safeJsonChunks } from '../../src/text/sanitize.js';

const joined = (g: Iterable<string>) => [...g].join('');

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) on any JSON-like value, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, depth) => {
        expect(joined(jsonChunks(v, depth))).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and writes null where it does', () => {
    const v = { a: undefined, b: () => 1, c: [undefined, () => 1, 1], d: {}, e: [], f: { toJSON: () => 'x' }, g: { h: undefined } };
    expect(joined(jsonChunks(v))).toBe(JSON.stringify(v, null, 2));
    expect(joined(jsonChunks(v, 4))).toBe(JSON.stringify(v, null, 2));
  });

  it('maps a MappedList an item at a time, to the text of the mapped array', () => {
    const seen: number[] = [];
    const list = new MappedList([1, 2, 3], (n) => (seen.push(n), { n, twice: [n, n] }));
    const chunks = jsonChunks({ head: 'x', list });
    let text = '';
    for (const c of chunks) {
      text += c;
      if (c.includes('"head"')) expect(seen).toEqual([]);
    }
    expect(text).toBe(JSON.stringify({ head: 'x', list: [1, 2, 3].map((n) => ({ n, twice: [n, n] })) }, null, 2));
    expect(JSON.stringify(list)).toBe(JSON.stringify([1, 2, 3].map((n) => ({ n, twice: [n, n] }))));
  });

  it('keeps every string whole inside one piece', () => {
    const v = { vendors: [{ name: 'a'.repeat(100), notes: ['##[x', 'b'] }] };
    for (const c of jsonChunks(v)) if (c.includes('"')) expect(c.split('"').length % 2).toBe(1);
  });
});

describe('safeJsonChunks', () => {
  it('joins to safeJson, hostile strings included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: 'binary' }), (v, s) => {
        const value = { s, v, list: [s, { s }] };
        expect(joined(safeJsonChunks(value))).toBe(safeJson(value));
      }),
      { numRuns: 1000 },
    );
  });
});
