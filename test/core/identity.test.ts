import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatorKey, evaluatorLabels, nameKey, unicodeKey } from '../../src/core/identity.js';
import { slugify } from '../../src/core/slug.js';
import { quoteName } from '../../src/text/sanitize.js';

describe('nameKey: two spellings of one name share a key', () => {
  it.each([
    ['NFC and NFD', 'José Núñez', 'José Núñez'.normalize('NFD')],
    ['a no-break space', 'Ann Lee', 'Ann\u00a0Lee'],
    ['a narrow no-break space and an ideographic space', 'Ann Lee', 'Ann\u202fLee\u3000'],
    ['a zero-width space inside a word', 'Ann Lee', 'An\u200bn Lee'],
    ['a zero-width space beside the space', 'Ann Lee', 'Ann\u200b Lee'],
    ['a BOM, a soft hyphen, a bidi mark and a word joiner', 'Ann Lee', '\ufeffAn\u00adn\u200e Le\u2060e'],
    ['full-width letters', 'Ann Lee', '\uff21nn Lee'],
    ['full-width and capitals', 'Ann Lee', '\uff21NN LEE'],
    ['a tab and several spaces', 'Ann Lee', 'Ann \t  Lee'],
    ['spaces and a line break at the ends', 'Ann Lee', '  Ann Lee\n'],
    ['capitals', 'Dana Whitfield', 'DANA WHITFIELD'],
    ['a ligature', 'Fiona', '\ufb01ona'],
    ['a control character', 'Ann Lee', 'Ann\u0007 Lee'],
  ])('%s', (_, a, b) => {
    expect(a).not.toBe(b);
    expect(nameKey(b)).toBe(nameKey(a));
  });

  it.each([
    ['accents are letters', 'José', 'Jose'],
    ['a hyphen is not a space', 'Ann-Lee', 'Ann Lee'],
    ['a zero-width space is not a space', 'AnnLee', 'Ann Lee'],
    ['dotless ı is its own letter (default, not Turkish, case folding)', 'Aydın', 'Aydin'],
    ['ß is not ss (as in vendor ids)', 'Weiß', 'Weiss'],
  ])('%s: different names', (_, a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it('Turkish capitals fold by the default rules: I is i, İ is i with a combining dot', () => {
    expect(nameKey('IŞIK')).toBe('işik');
    expect(nameKey('İlker')).toBe('i\u0307lker');
    expect(nameKey('İlker')).toBe(nameKey('i\u0307lker'));
  });

  it('is the name itself, lower-cased, for plain names', () => {
    expect(nameKey('Dana Whitfield')).toBe('dana whitfield');
    expect(nameKey('__proto__')).toBe('__proto__');
    expect(nameKey('\u200b \u00a0')).toBe('');
  });

  const palette = fc.constantFrom('a', 'A', 'n', 'N', 'e', 'é', 'e\u0301', 'É', 'ı', 'İ', 'i', ' ', '\u00a0', '\t', '\u200b', '\ufeff', '\uff21', '\uff4e', '-', '.', 'ß', 'ﬁ', '\u0301', '\u3000');
  const spelling = fc.array(palette, { maxLength: 12 }).map((cs) => cs.join(''));

  it('is idempotent (property)', () => {
    fc.assert(fc.property(spelling, (s) => nameKey(nameKey(s)) === nameKey(s)), { seed: 8, numRuns: 2000 });
  });

  it('two spellings with one key have one slug, so they are one vendor id and one interview file (property)', () => {
    fc.assert(
      fc.property(spelling, spelling, (a, b) => nameKey(a) !== nameKey(b) || slugify(a) === slugify(b)),
      { seed: 8, numRuns: 5000 },
    );
    fc.assert(fc.property(spelling, (s) => slugify(nameKey(s)) === slugify(s)), { seed: 9, numRuns: 2000 });
  });
});

describe('evaluator keys and labels', () => {
  it('an evaluator-id wins over the name; without one, the name key', () => {
    expect(evaluatorKey({ evaluator: 'Dana W.', evaluatorId: 'dana' })).toBe('dana');
    expect(evaluatorKey({ evaluator: 'Ann\u00a0Lee' })).toBe('ann lee');
  });

  it('one label per person (the first spelling); two people with one name get their ids', () => {
    const labels = evaluatorLabels([
      { evaluator: 'Ann Lee' },
      { evaluator: 'ANN\u00a0LEE' },
      { evaluator: 'Ann Lee', evaluatorId: 'ann-sales' },
      { evaluator: 'ann lee', evaluatorId: 'ann-legal' },
      { evaluator: 'Bob' },
    ]);
    expect([...labels]).toEqual([
      ['ann lee', 'Ann Lee (ann lee)'],
      ['ann-sales', 'Ann Lee (ann-sales)'],
      ['ann-legal', 'ann lee (ann-legal)'],
      ['bob', 'Bob'],
    ]);
  });
});

describe('quoteName: spellings that look alike are shown apart', () => {
  it.each([
    ['Ann Lee', '"Ann Lee"'],
    ['José Núñez', '"José Núñez"'],
    ['José Núñez'.normalize('NFD'), '"Jose\\u{301} Nu\\u{301}n\\u{303}ez"'],
    ['Ann\u00a0Lee', '"Ann\\u{a0}Lee"'],
    ['An\u200bn Lee', '"An\\u{200b}n Lee"'],
    ['\uff21nn Lee', '"\\u{ff21}nn Lee"'],
    ['Ann \t Lee', '"Ann \\u{9} Lee"'],
    ['\u0301Ann', '"\\u{301}Ann"'],
    ['Ann\u001b[31mLee', '"Ann\\u{1b}[31mLee"'],
    ['Zoë 日本 Ørsted', '"Zoë 日本 Ørsted"'],
  ])('%j → %s', (name, shown) => {
    expect(quoteName(name)).toBe(shown);
  });
});

describe('the printable-ASCII shortcut gives the key and slug of the full rule', () => {
  /** The slug by docs/files.md's rule in full, every step on every text. */
  const fullSlug = (s: string) =>
    s
      .replace(/(?!\p{White_Space})[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  // Mostly ASCII (printable, controls, tab, DEL), with the odd character the shortcut must leave to the full rule.
  const char = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
    { weight: 2, arbitrary: fc.constantFrom('\t', '\n', '\r', '\x00', '\x07', '\x7f', ' ', '  ') },
    { weight: 1, arbitrary: fc.constantFrom('é', 'e\u0301', '\u00a0', '\u200b', '\ufeff', '\uff21', '\ufb01', 'İ', 'ß', '\u3000', '\u2028') },
  );
  const text = fc.array(char, { maxLength: 24 }).map((cs) => cs.join(''));

  it('nameKey', () => {
    fc.assert(fc.property(text, (s) => nameKey(s) === unicodeKey(s)), { numRuns: 5000 });
  });

  it('slugify', () => {
    fc.assert(fc.property(text, (s) => slugify(s) === fullSlug(s)), { numRuns: 5000 });
  });
});
