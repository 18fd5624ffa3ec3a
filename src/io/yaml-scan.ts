/** Character tests and the quoted-scalar scanner shared by the passes that read YAML text without parsing it. */

export const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
export const isBreak = (c: string | undefined) => c === undefined || c === '\n' || c === '\r';

/**
 * From just after an opening quote, the offset just after the closing one; or end + 1 when the
 * scalar goes on past `end` (the caller carries the open quote to the next line).
 */
export function skipQuoted(text: string, p: number, end: number, q: string): number {
  while (p < end) {
    const c = text[p];
    if (q === '"' && c === '\\') {
      p += 2;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[p + 1] === "'") {
        p += 2;
        continue;
      }
      return p + 1;
    }
    p++;
  }
  return end + 1;
}
