import { Chalk, type ChalkInstance } from 'chalk';

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

/** Box-drawing border; borders are dimmed after layout when colour is on. */
export const TABLE_CHARS: Record<string, string> = {
  top: '─', 'top-mid': '┬', 'top-left': '┌', 'top-right': '┐',
  bottom: '─', 'bottom-mid': '┴', 'bottom-left': '└', 'bottom-right': '┘',
  left: '│', 'left-mid': '├', mid: '─', 'mid-mid': '┼',
  right: '│', 'right-mid': '┤', middle: '│',
};

/** Keeps the rule under the header and drops the ones cli-table3 draws between body rows. */
export function onlyHeaderRule(table: string): string {
  let seen = false;
  return table
    .split('\n')
    .filter((line) => {
      if (!line.startsWith('├')) return true;
      if (seen) return false;
      seen = true;
      return true;
    })
    .join('\n');
}

/** Dims border runs in a laid-out table (cell text was sanitised, so box characters there are rare and harmless). */
export function dimBorders(c: ChalkInstance, table: string): string {
  if (c.level === 0) return table;
  return table.replace(/[─┬┌┐┴└┘│├┼┤]+/g, (m) => c.gray(m));
}
