/**
 * What a file turns out to be when it is not the plain UTF-8 text vendorscore reads: another
 * encoding (UTF-16 or UTF-32, with or without a byte-order mark), binary data, an unresolved git
 * merge conflict, or carriage returns alone (which the YAML parser would not count as line
 * breaks, so every position after one would be wrong). Each is named for what it is, with the
 * fix, instead of the parser errors it would otherwise cause. Nothing here quotes the content.
 */

export interface TextFault {
  /** Where the fault is seen: a byte offset for encodings, a character offset in decoded text. */
  offset: number;
  code: string;
  message: string;
}

export interface Position {
  line: number;
  col: number;
}

const SAVE_UTF8 = 'save it as UTF-8';

function wide(encoding: string, order: string, bom: boolean): TextFault {
  return { offset: 0, code: 'encoding', message: `is ${encoding} text (${order}, ${bom ? 'with' : 'without'} a byte-order mark), not UTF-8; ${SAVE_UTF8}` };
}

/**
 * UTF-16 and UTF-32 by their byte-order mark, or without one by where the zero bytes fall
 * (vendorscore files are mostly ASCII, so every other byte, or three bytes in four, is zero).
 * A zero byte anywhere else means binary data: YAML, CSV and JSON text never holds one.
 */
export function foreignEncoding(buf: Uint8Array): TextFault | undefined {
  const starts = (...bytes: number[]) => buf.length >= bytes.length && bytes.every((x, i) => buf[i] === x);
  // UTF-32LE's mark begins with UTF-16LE's, so it is looked for first.
  if (starts(0xff, 0xfe, 0, 0)) return wide('UTF-32', 'little-endian', true);
  if (starts(0, 0, 0xfe, 0xff)) return wide('UTF-32', 'big-endian', true);
  if (starts(0xff, 0xfe)) return wide('UTF-16', 'little-endian', true);
  if (starts(0xfe, 0xff)) return wide('UTF-16', 'big-endian', true);
  const nul = buf.indexOf(0);
  if (nul < 0) return undefined;
  const guess = wideWithoutMark(buf);
  if (guess) return wide(guess[0], guess[1], false);
  return { offset: nul, code: 'binary', message: `holds a zero (NUL) byte, so it is binary data, not text; vendorscore reads text files (${SAVE_UTF8})` };
}

function wideWithoutMark(buf: Uint8Array): [string, string] | undefined {
  const n = Math.min(buf.length, 4096) & ~3;
  if (n === 0) return buf.length === 2 ? (buf[1] === 0 ? ['UTF-16', 'little-endian'] : ['UTF-16', 'big-endian']) : undefined;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (buf[i] === 0) zeros[i & 3]!++;
  const [z0, z1, z2, z3] = zeros as [number, number, number, number];
  const q = n / 4;
  // UTF-32: the top byte of every code point is zero, the next one nearly always.
  if (z3 === q && z2 >= 0.9 * q && z0 < q) return ['UTF-32', 'little-endian'];
  if (z0 === q && z1 >= 0.9 * q && z3 < q) return ['UTF-32', 'big-endian'];
  // UTF-16: the high byte of ASCII and Latin-1 characters is zero, the low byte almost never.
  const odd = z1 + z3;
  const even = z0 + z2;
  if (odd >= 0.25 * n && even <= 0.02 * n) return ['UTF-16', 'little-endian'];
  if (even >= 0.25 * n && odd <= 0.02 * n) return ['UTF-16', 'big-endian'];
  return undefined;
}

/** A line git writes into a file it could not merge: <<<<<<< ours, ||||||| base, =======, >>>>>>> theirs. */
const CONFLICT_MARKER = /^(?:<{7}|\|{7}|>{7})(?:[ \t]|\r?$)|^={7}[ \t]*\r?$/m;

/** The first line of an unresolved merge conflict. No vendorscore file has a line like these. */
export function mergeConflict(text: string): TextFault | undefined {
  // Seven of one marker character in a row first: four plain searches read a file faster than the expression does.
  if (!text.includes('<<<<<<<') && !text.includes('=======') && !text.includes('>>>>>>>') && !text.includes('|||||||')) return undefined;
  const m = CONFLICT_MARKER.exec(text);
  if (!m) return undefined;
  const marker = m[0].slice(0, 7);
  return {
    offset: m.index,
    code: 'merge-conflict',
    message: `an unresolved merge conflict (git's ${marker} marker); keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines, and save`,
  };
}

/**
 * A carriage return not followed by a line feed. YAML would read it as a line break, the parser
 * does not, so the file cannot be read as it looks in an editor.
 */
export function loneCarriageReturn(text: string): TextFault | undefined {
  const at = text.search(/\r(?!\n)/);
  if (at < 0) return undefined;
  const message = text.includes('\n')
    ? 'a carriage return (CR) alone, not followed by a line feed; remove it, or save the file with LF (or CRLF) line endings'
    : 'the lines end with a carriage return (CR) alone, as on classic Mac OS; save the file with LF (or CRLF) line endings';
  return { offset: at, code: 'line-endings', message };
}

/** Line and column (both from 1) of an offset in text, lines counted by LF. */
export function positionIn(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Line and column of a byte offset in undecoded bytes: the column counts the characters before it on its line. */
export function positionOfByte(buf: Uint8Array, at: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < at; i = buf.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const col = [...Buffer.from(buf.subarray(lineStart, at)).toString('utf8')].length + 1;
  return { line, col };
}
