/**
 * How many terminal columns text takes, by Unicode's East Asian Width (get-east-asian-width): wide
 * and fullwidth characters (CJK) and emoji count two, ambiguous ones one, combining marks, format
 * characters and variation selectors none; an emoji joined to the one before it (ZWJ) and the
 * second of a pair of regional indicators (a flag) add nothing. Tables lay out, cut and measure
 * with this one function, so what is padded is what the terminal shows. (No Intl.Segmenter: it
 * costs tens of milliseconds to create, on every command's start-up.)
 */
import { eastAsianWidth } from 'get-east-asian-width';

/** Text whose every character takes one column: ASCII, Latin-1 and the symbols the reports draw (a fast path). */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u0394\u2013\u2014\u2019\u2026\u2191\u2193\u2212\u2265\u2298\u2500-\u257f\u25d0\u2691\u2713\u2717]*$/;
const SGR = /\u001b\[[0-9;:]*m/g;
const NO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u{fe00}-\u{fe0f}\u{e0100}-\u{e01ef}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** Each character with the columns it adds, in order. */
function* columnsOf(s: string): Generator<[string, number]> {
  let joined = false;
  let flagHalf = false;
  let last = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    let w: number;
    if (cp === 0xfe0f && PICTOGRAPHIC.test(last) && eastAsianWidth(last.codePointAt(0)!) === 1) w = 1; // ✔ + VS16 is shown as an emoji
    else if (NO_WIDTH.test(ch)) w = 0;
    else if (joined && PICTOGRAPHIC.test(ch)) w = 0;
    else if (isRegionalIndicator(cp)) w = flagHalf ? 0 : 2;
    else w = eastAsianWidth(cp);
    flagHalf = isRegionalIndicator(cp) && !flagHalf;
    joined = cp === 0x200d;
    if (cp !== 0xfe0f) last = ch;
    yield [ch, w];
  }
}

export function displayWidth(s: string): number {
  if (NARROW.test(s)) return s.length;
  let n = 0;
  for (const [, w] of columnsOf(s.includes('\u001b') ? s.replace(SGR, '') : s)) n += w;
  return n;
}

/**
 * Cuts text to at most `width` columns, ending with '…' (or another one-column mark, such as
 * the '.' of an abbreviation) when anything was cut; never splits a character from its marks.
 */
export function cutToWidth(s: string, width: number, mark = '…'): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const [ch, w] of columnsOf(s)) {
    if (used + w > width - 1) break;
    out += ch;
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
