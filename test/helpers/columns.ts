import stringWidth from 'string-width';

/**
 * Terminal columns a line takes, measured independently of the renderer's own function: by
 * string-width, which segments graphemes (Intl.Segmenter) and reads Unicode's East Asian Width,
 * so CJK and emoji count two and combining marks none.
 */
export function columns(line: string): number {
  return stringWidth(line);
}
