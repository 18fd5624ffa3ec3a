/**
 * How many terminal columns text takes: East Asian wide characters (CJK) and emoji count two,
 * combining marks none (string-width, on Unicode's East Asian Width data). Tables lay out, cut
 * and measure with this one function, so what is padded is what the terminal shows.
 */
import stringWidth from 'string-width';

/** Text whose every character takes one column: ASCII, Latin-1 and the symbols the reports draw (a fast path). */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u0394\u2013\u2014\u2019\u2026\u2191\u2193\u2212\u2265\u2298\u2500-\u257f\u25d0\u2691\u2713\u2717]*$/;

export function displayWidth(s: string): number {
  return NARROW.test(s) ? s.length : stringWidth(s);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts text to at most `width` columns, ending with '…' (or another one-column mark, such as
 * the '.' of an abbreviation) when anything was cut; never splits a character.
 */
export function cutToWidth(s: string, width: number, mark = '…'): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}${mark}`;
}

/** Pads to `width` columns, on the right (left-aligned) or on the left (right-aligned). */
export function padToWidth(s: string, width: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + gap : gap + s;
}

/**
 * Breaks text into lines of at most `width` columns at spaces; a word longer than a line is cut
 * with '…'. Lines after the first start with `indent`.
 */
export function wrapToWidth(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = '';
  for (const word of text.slice(lead.length).split(' ')) {
    let next = line === '' ? (lines.length > 0 ? indent : lead) + word : `${line} ${word}`;
    if (displayWidth(next) <= width) {
      line = next;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      next = indent + word;
    }
    line = '';
    if (displayWidth(next) <= width) line = next;
    else lines.push(cutToWidth(next, width));
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
