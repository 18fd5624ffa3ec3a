import { describe, expect, it } from 'vitest';
import { htmlText, mdCell } from '../../src/report/markdown.js';

describe('mdCell', () => {
  it('@mentions notify nobody, and still read as written once rendered (GitHub drops the empty comment)', () => {
    const raw = 'Ask @octocat or @acme/security-team; mail dana@acme.com; @ 3 (an at sign alone)';
    const cell = mdCell(raw);
    expect(cell).toBe('Ask @<!-- -->octocat or @<!-- -->acme/security-team; mail dana@<!-- -->acme.com; @ 3 (an at sign alone)');
    expect(cell).not.toMatch(/@[A-Za-z0-9_-]/);
    expect(cell.replace(/<!-- -->/g, '')).toBe(raw);
    expect(htmlText('@octocat')).toBe('@<!-- -->octocat');
  });

  it('escapes what would open a block at the start of a line', () => {
    const cases: Array<[string, string]> = [
      ['# Heading', '\\# Heading'],
      ['###', '\\###'],
      ['- item', '\\- item'],
      ['---', '\\---'],
      ['+ item', '\\+ item'],
      ['=====', '\\====='],
      ['1. first', '1\\. first'],
      ['12) twelfth', '12\\) twelfth'],
      ['* star', '\\* star'],
      ['> quote', '&gt; quote'],
      ['```js', '\\`\\`\\`js'],
      ['~~~', '\\~\\~\\~'],
      ['| a | b |', '\\| a \\| b \\|'],
      ['    indented code', 'indented code'],
      ['<div>', '&lt;div&gt;'],
    ];
    for (const [raw, escaped] of cases) expect(mdCell(raw), raw).toBe(escaped);
  });

  it('escapes a closing # run of a heading, and leaves ordinary text alone', () => {
    expect(mdCell('Vendor #')).toBe('Vendor \\#');
    expect(mdCell('Vendor #1 - the best 3.5')).toBe('Vendor #1 - the best 3.5');
    expect(mdCell('3.5 stars')).toBe('3.5 stars');
    expect(mdCell('2026-11-20')).toBe('2026-11-20');
  });
});
