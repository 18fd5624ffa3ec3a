/**
 * The scan of everything the CLI prints (test/e2e/hostile-output.test.ts, test/fuzz/output.test.ts):
 * nothing but our own colour, line breaks and printable text, and under GitHub Actions no line
 * that the runner reads as a workflow command but our annotations.
 */
import { expect } from 'vitest';

/** Our own colour: the one-parameter SGR codes chalk and util.styleText write, nothing else. */
export const OUR_SGR = /\x1b\[(?:0|1|2|3|4|7|9|22|23|24|27|29|3[0-7]|39|4[0-7]|49|9[0-7]|10[0-7])m/g;
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
export const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;
/** .NET's TrimStart: what the runner skips before looking for `::`. */
const BLANKS = /^[\t\v\f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*/;
const ANNOTATION = /^::(?:error|warning|notice)(?: [a-zA-Z]+=[^,:\r\n]*(?:,[a-zA-Z]+=[^,:\r\n]*)*)?::/;

export interface Scan {
  /** CSV: rows end in CRLF, the only carriage return allowed. */
  csv?: boolean;
  /** Read by a GitHub Actions runner: no line may start a workflow command but our annotations. */
  github?: boolean;
  /** Every line is one of our annotations (check --format github, gate failures). */
  annotationsOnly?: boolean;
}

export function where(s: string, i: number): string {
  return JSON.stringify(s.slice(Math.max(0, i - 40), i + 20));
}

/** Fails with the offending stretch when anything but our colour, line breaks and printable text is in `out`. */
export function scan(out: string, what: string, o: Scan = {}): void {
  const text = out.replace(OUR_SGR, '');
  const esc = text.search(/[\x1b\x9b]/);
  expect(esc, `${what}: an escape sequence that is not our colour at ${where(text, esc)}`).toBe(-1);
  const plain = o.csv ? text.replace(/\r\n/g, '\n') : text;
  const c = plain.search(CONTROL);
  expect(c, `${what}: a control character at ${where(plain, c)}`).toBe(-1);
  const inv = plain.search(INVISIBLE);
  expect(inv, `${what}: a bidi or invisible character at ${where(plain, inv)}`).toBe(-1);
  if (!o.github) return;
  expect(text.indexOf('##['), `${what}: ##[ at ${where(text, text.indexOf('##['))}`).toBe(-1);
  // The runner splits lines at \n, \r\n and a lone \r.
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.replace(BLANKS, '');
    if (o.annotationsOnly && line !== '') expect(line, `${what}: not an annotation`).toMatch(ANNOTATION);
    if (line.startsWith('::')) expect(raw, `${what}: a line the runner reads as a workflow command`).toMatch(ANNOTATION);
  }
}
