import { describe, expect, it } from 'vitest';
import { foreignEncoding, loneCarriageReturn, mergeConflict, positionIn, positionOfByte } from '../../src/io/text-checks.js';
import { reencode } from '../fuzz/mutate.js';

const TEXT = 'vendor:\n  name: Société Lumière 株式会社 🚀\nevaluator: Ann\n';

describe('foreignEncoding', () => {
  it('names UTF-16 and UTF-32 in both byte orders, with and without a byte-order mark', () => {
    for (const encoding of ['utf16le', 'utf16be', 'utf32le', 'utf32be'] as const) {
      for (const bom of [true, false]) {
        const [bits, order] = [encoding.slice(3, 5), encoding.endsWith('le') ? 'little-endian' : 'big-endian'];
        expect(foreignEncoding(reencode(Buffer.from(TEXT), encoding, bom)), `${encoding} ${bom}`).toEqual({
          offset: 0,
          code: 'encoding',
          message: `is UTF-${bits} text (${order}, ${bom ? 'with' : 'without'} a byte-order mark), not UTF-8; save it as UTF-8`,
        });
      }
    }
  });

  it('leaves UTF-8 (with or without its BOM) alone, and calls any other zero byte binary data, at that byte', () => {
    expect(foreignEncoding(Buffer.from(TEXT))).toBeUndefined();
    expect(foreignEncoding(Buffer.from(`\ufeff${TEXT}`))).toBeUndefined();
    expect(foreignEncoding(Buffer.from('a: 1\nb: x\u0000y\n'))).toMatchObject({ offset: 9, code: 'binary' });
    // A macOS AppleDouble header: zeros, but in no text encoding's pattern.
    expect(foreignEncoding(Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63, 0x20, 0x4f, 0x53, 0x20, 0x58]))).toMatchObject({ offset: 0, code: 'binary' });
  });
});

describe('mergeConflict', () => {
  it('finds the first marker line git writes, at its offset, with CRLF too', () => {
    const text = 'a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> topic\n';
    expect(mergeConflict(text)).toMatchObject({ offset: 5, code: 'merge-conflict' });
    expect(mergeConflict(text.replace(/\n/g, '\r\n'))).toMatchObject({ offset: 6 });
    expect(mergeConflict('a: 1\n=======\n')?.message).toBe("an unresolved merge conflict (git's ======= marker); keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines, and save");
    expect(mergeConflict('a: 1\n<<<<<<<\n')).toMatchObject({ offset: 5 });
    // Each of the four markers on its own (the plain searches before the expression look for each).
    expect(mergeConflict('a: 1\n||||||| base\n')).toMatchObject({ offset: 5 });
    expect(mergeConflict('a: 1\n>>>>>>>\r\n')).toMatchObject({ offset: 5 });
    expect(mergeConflict('a: 1\n======= \n')).toMatchObject({ offset: 5 });
  });

  it('is not fooled by the same characters elsewhere', () => {
    for (const text of ['notes: |\n  =======\n', 'a: "<<<<<<< HEAD"\n', '<<<<<<<< eight\n', '========\n', 'x: >>>>>>> y\n', '======= text after\n']) {
      expect(mergeConflict(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('loneCarriageReturn', () => {
  it('accepts LF and CRLF, names CR-only endings and a CR alone in a line', () => {
    expect(loneCarriageReturn('a: 1\nb: 2\n')).toBeUndefined();
    expect(loneCarriageReturn('a: 1\r\nb: 2\r\n')).toBeUndefined();
    expect(loneCarriageReturn('a: 1\rb: 2\r')).toMatchObject({ offset: 4, code: 'line-endings', message: expect.stringContaining('classic Mac OS') });
    expect(loneCarriageReturn('a: 1\nb: x\ry\n')).toMatchObject({ offset: 9, message: expect.stringContaining('not followed by a line feed') });
  });
});

describe('positions', () => {
  it('count lines by LF and columns in characters, for text and for undecoded bytes', () => {
    expect(positionIn('ab\ncd\r\nef', 8)).toEqual({ line: 3, col: 2 });
    const bytes = Buffer.from('a: 1\nnäme: x\u0000');
    expect(positionOfByte(bytes, bytes.indexOf(0))).toEqual({ line: 2, col: 8 });
  });
});
