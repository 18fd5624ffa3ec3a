import type { Line, Words } from '../sensitivity-lines.js';
import { htmlText } from '../html.js';
import type { BoardModel } from './model.js';

/** The sensitivity sentences' words for HTML: every vendor string escaped, emphasis as <strong>. */
export function htmlWords(m: BoardModel): Words {
  return { c: m.comparison, s: m.sensitivity, clean: htmlText, strong: (x) => `<strong>${x}</strong>` };
}

/**
 * Lines (depth 0 a paragraph, 1 a bullet, 2 a line under a bullet) as HTML paragraphs and
 * nested lists. The text is already escaped by the words' `clean`.
 */
export function linesHtml(lines: readonly Line[]): string {
  const out: string[] = [];
  let depth = 0;
  const to = (d: number) => {
    for (; depth < d; depth++) out.push('<ul>');
    for (; depth > d; depth--) out.push('</ul>');
  };
  for (const l of lines) {
    if (l.text === '') continue;
    to(l.depth);
    out.push(l.depth === 0 ? `<p>${l.text}</p>` : `<li>${l.text}</li>`);
  }
  to(0);
  return out.join('\n');
}
