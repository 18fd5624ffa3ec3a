import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { htmlText, renderHtml } from '../../src/report/html.js';
import { ev, smallRubric } from '../core/fixtures.js';

describe('htmlText', () => {
  it('escapes markup and quotes, and shows controls and bidi overrides as text', () => {
    expect(htmlText('<script>alert("x")</script> & \'y\' `z` a=b')).toBe('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39; &#96;z&#96; a&#61;b');
    expect(htmlText('Corp\u202egnp\u001b[2J\nnext')).toBe('Corp\\u{202e}gnp next');
  });

  it('property: nothing from the text can open a tag, an attribute or an entity', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(htmlText(s)).not.toMatch(/[<>"'`=]|&(?!#\d+;)/);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});

describe('renderHtml', () => {
  const rubric = smallRubric({ title: 'Small <b>rubric</b>' });
  const c = compareVendors(rubric, [ev('evil', 'Ann', { q1: 5, q2: 4, q3: 1, q4: 3 }, '<img src=x onerror=alert(1)>'), ev('good', 'Bob', { q1: 4, q2: 4, q3: 4, q4: 4 }, 'Good & Co')], defaultOptions(rubric));
  const html = renderHtml(c);

  it('is a standalone page with a CSP that forbids scripts and outside resources', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; img-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'$/);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|\bon[a-z]+=|@import|url\(/i);
  });

  it("the CSP's style hash is the hash of the page's own style element, so the style applies and nothing else can", () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(html).toContain(`style-src 'sha256-${hash}'`);
    expect(html.match(/<style/g)).toHaveLength(1);
  });

  it('shows ranks, totals, knockouts and escaped names', () => {
    expect(html).toContain('<title>Vendor ranking: Small &#60;b&#62;rubric&#60;/b&#62;</title>');
    expect(html).toContain('<tr class="qualified rank-1"><td class="num">1</td><td class="vendor">Good &#38; Co<br><small><code>good</code></small></td><td class="num strong">80.0<meter min="0" max="100" low="40" high="80" optimum="100" value="80"></meter></td>');
    expect(html).toContain('<tr class="disqualified"><td class="num">–</td><td class="vendor">&#60;img src&#61;x onerror&#61;alert(1)&#62;<br>');
    expect(html).toContain('<td class="num knockout">✗ 40.0</td>');
    expect(html).toContain('<td class="num">73.8<meter min="0" max="100" low="40" high="80" optimum="100" value="73.75"></meter></td><td class="num strong">85.0</td><td class="num knockout">✗ 40.0</td><td class="status">✗ knockout: q3</td></tr>');
    expect(html).toContain('<li>✗ <strong>&#60;img src&#61;x onerror&#61;alert(1)&#62;</strong>: q3 scored 1, below the knockout threshold 2 (q3 scored 1, knockout below 2)</li>');
  });
});
