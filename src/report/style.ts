import { Chalk, type ChalkInstance } from 'chalk';
import { displayWidth, wrapToWidth } from '../text/width.js';

export interface RenderOptions {
  color: boolean;
  /** Terminal width, for long text; tables do not shrink below their content. */
  width?: number;
}

export function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** Score bands on the 0–100 scale, shared by every coloured renderer. */
export type Band = 'strong' | 'good' | 'weak' | 'poor';
export function band(normalized: number): Band {
  if (normalized >= 80) return 'strong';
  if (normalized >= 60) return 'good';
  if (normalized >= 40) return 'weak';
  return 'poor';
}

export function paintBand(c: ChalkInstance, normalized: number | null, text: string): string {
  if (normalized === null) return c.dim(text);
  switch (band(normalized)) {
    case 'strong':
      return c.green.bold(text);
    case 'good':
      return c.green(text);
    case 'weak':
      return c.yellow(text);
    case 'poor':
      return c.red(text);
  }
}

const SGR = /\u001b\[[0-9;]*m/g;

/**
 * Lines for a terminal `width` columns wide: a longer line breaks at its spaces, the rest under
 * its own indent plus two (without its colour, which breaking works around).
 */
export function fitLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => {
    if (displayWidth(line) <= width) return [line];
    const plain = line.replace(SGR, '');
    return wrapToWidth(plain, width, `${/^ */.exec(plain)![0]}  `);
  });
}
