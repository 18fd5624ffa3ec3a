import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Terminal columns a line takes, measured independently of the renderer: Unicode's East Asian
 * Width per code point (wide and fullwidth count two, ambiguous one), combining marks, the
 * zero-width joiner and the emoji variation selector none.
 */
export function columns(line: string): number {
  let n = 0;
  for (const ch of line) if (!/\p{Mn}|\p{Me}|\u200d|\ufe0f/u.test(ch)) n += eastAsianWidth(ch.codePointAt(0)!);
  return n;
}
