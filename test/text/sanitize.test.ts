import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, MESSAGE_MAX, problemText, quote, QUOTE_MAX, safeJson, safeText, truncate } from '../../src/text/sanitize.js';

/** Everything a terminal could act on or hide: C0 (bar \n), DEL, C1, bidi controls, zero-width, BOM, tag characters, lone surrogates. */
const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\u{e0000}-\u{e0fff}]|[\ud800-\udfff]/u;

describe('safeText', () => {
  it.each([
    ['colour (CSI)', 'Acme \u001b[31;1mRED\u001b[0m AI', 'Acme RED AI'],
    ['clear screen and cursor moves', '\u001b[2J\u001b[H\u001b[1A\u001b[2KAcme', 'Acme'],
    ['8-bit CSI', 'Acme\u009b2J AI', 'Acme AI'],
    ['window title (OSC … BEL)', '\u001b]0;pwned\u0007Acme', 'Acme'],
    ['hyperlink (OSC 8 … ST): the link text stays', '\u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['clipboard write (OSC 52)', '\u001b]52;c;cHduZWQ=\u0007x', 'x'],
    ['DCS string', '\u001bPq#0;2;0;0;0\u001b\\x', 'x'],
    ['an OSC without its terminator hides nothing after it', '\u001b]0;still shown', '0;still shown'],
    ['a lone ESC and a two-byte ESC sequence', 'a\u001bcb\u001b', 'ab'],
    ['bell, backspace, DEL shown escaped', 'a\u0007b\u0008c\u007fd', 'a\\x07b\\x08c\\x7fd'],
    ['NUL shown escaped', 'a\u0000b', 'a\\x00b'],
    ['an 8-bit DCS introducer is removed', 'a\u0090b', 'ab'],
    ['other C1 controls shown escaped', 'a\u0086b\u0099c', 'a\\x86b\\x99c'],
    ['NEL folds like a line break', 'a\u0085b', 'a b'],
    ['right-to-left override', 'Corp\u202egnp.exe', 'Corp\\u{202e}gnp.exe'],
    ['bidi isolates and marks', '\u2066x\u2069\u200f\u061c', '\\u{2066}x\\u{2069}\\u{200f}\\u{61c}'],
    ['zero-width space, joiner, BOM, soft hyphen', 'a\u200bb\u200dc\ufeffd\u00ade', 'a\\u{200b}b\\u{200d}c\\u{feff}d\\xade'],
    ['tag characters (invisible ASCII)', 'hi\u{e0041}\u{e0042}', 'hi\\u{e0041}\\u{e0042}'],
    ['a lone surrogate', 'a\ud800b', 'a\\u{d800}b'],
    ['line breaks of every kind fold to one space each', 'a\r\nb\nc\rd\u2028e\u2029f\u000bg\u000ch', 'a b c d e f g h'],
    ['tabs become spaces', 'a\tb', 'a b'],
  ])('%s', (_what, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('leaves ordinary text alone: accents, CJK, emoji, punctuation', () => {
    for (const s of ['Société Générale AI', '株式会社アクメ', 'Acme 🚀 AI', 'R&D <team> "quoted" | pipes', 'emoji ❤️ with VS16']) {
      expect(safeText(s)).toBe(s);
    }
  });

  it('keepLines keeps line breaks as \\n and still removes everything else', () => {
    expect(safeText('one\r\ntwo\rthree\u2028four\u001b[2Jfive\u202e', { keepLines: true })).toBe('one\ntwo\nthree\nfourfive\\u{202e}');
  });

  it('max truncates tables with … and never splits a character', () => {
    expect(safeText('Northwind Applied AI', { max: 10 })).toBe('Northwind…');
    expect(safeText('short', { max: 10 })).toBe('short');
    expect(truncate('🚀🚀🚀🚀', 3)).toBe('🚀🚀…');
    expect(truncate('abc', 3)).toBe('abc');
  });

  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom('\u001b', '[', ']', '\\', '\u0007', '\u009b', '\u009d', '\u009c', 'P', '0', ';', 'm', '\r', '\n', '\u202e', '\u200b', 'a', ' ', '\ud800', '\udc00', '\u{e0041}'), maxLength: 40 }),
  );

  it('property: no dangerous character ever survives, with or without keepLines and max', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), (s, keepLines, max) => {
        const out = safeText(s, { keepLines, max });
        expect(DANGEROUS.test(out)).toBe(false);
        if (!keepLines) expect(out).not.toContain('\n');
        if (max !== undefined) expect([...out].length).toBeLessThanOrEqual(max);
      }),
      { seed: 5, numRuns: 3000 },
    );
  });

  it('property: idempotent', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (s, keepLines) => {
        const once = safeText(s, { keepLines });
        expect(safeText(once, { keepLines })).toBe(once);
      }),
      { seed: 6, numRuns: 3000 },
    );
  });
});

describe('safeJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same data', () => {
    const data = { name: 'Corp\u202egnp\u200b\u009b2J\u{e0041}', n: 1.5, list: ['\u001b[2J'] };
    const text = safeJson(data);
    expect(text).toContain('Corp\\u202egnp\\u200b\\u009b2J\\udb40\\udc41');
    expect(text).toContain('\\u001b[2J');
    expect(JSON.parse(text)).toEqual(data);
  });

  it('property: lossless and free of dangerous characters', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 30 }), (v, s) => {
        const data = { v, s };
        const text = safeJson(data);
        expect(DANGEROUS.test(text.replace(/\n/g, ''))).toBe(false);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});

describe('clip, quote and problemText', () => {
  it('cut a key or value at 80 characters (… last), on one line, sanitised; a message at 1000', () => {
    expect(clip('k'.repeat(500))).toBe(`${'k'.repeat(79)}…`);
    expect(quote('k'.repeat(500))).toBe(`"${'k'.repeat(79)}…"`);
    expect(quote('two\nlines\u001b[2J')).toBe('"two lines"');
    expect(clip('short')).toBe('short');
    expect(problemText('x'.repeat(5000))).toHaveLength(MESSAGE_MAX);
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => [...clip(s)].length <= QUOTE_MAX && !/[\n\r]/.test(clip(s))));
  });
});
