/**
 * Lays out a table of plain-text cells in terminal columns (wide characters count two), as a
 * box or as plain aligned columns. Cells longer than their column are cut with '…'; colour is
 * applied after measuring, so it never shifts a column.
 */
import { cutToWidth, displayWidth, wrapToWidth } from '../text/width.js';

export type Align = 'left' | 'right';

export interface GridColumn {
  /** Header lines, top-aligned. */
  head: string[];
  align: Align;
}

export interface GridCell {
  text: string;
  paint?: ((s: string) => string) | undefined;
}

export interface GridStyle {
  /** Box-drawing borders, or columns separated by `gap` spaces with a rule under the header. */
  box: boolean;
  gap: number;
  border: (s: string) => string;
  head: (s: string) => string;
}

/** The widest cell of each column, header lines included. */
export function naturalWidths(columns: readonly GridColumn[], rows: readonly GridCell[][]): number[] {
  return columns.map((c, i) => Math.max(0, ...c.head.map(displayWidth), ...rows.map((r) => displayWidth(r[i]!.text))));
}

/** The width of every line renderGrid draws with these column widths. */
export function gridWidth(widths: readonly number[], style: Pick<GridStyle, 'box' | 'gap'>): number {
  const sum = widths.reduce((a, b) => a + b, 0);
  return style.box ? sum + 3 * widths.length + 1 : sum + style.gap * (widths.length - 1);
}

export function renderGrid(columns: readonly GridColumn[], rows: readonly GridCell[][], widths: readonly number[], style: GridStyle): string[] {
  const fit = (text: string, i: number, paint?: (s: string) => string): string => {
    const cut = cutToWidth(text, widths[i]!);
    const painted = paint ? paint(cut) : cut;
    const pad = ' '.repeat(widths[i]! - displayWidth(cut));
    return columns[i]!.align === 'left' ? painted + pad : pad + painted;
  };
  const line = (cells: string[]): string => {
    if (!style.box) return cells.join(' '.repeat(style.gap)).trimEnd();
    const bar = style.border('│');
    return `${bar} ${cells.join(` ${bar} `)} ${bar}`;
  };
  const rule = (left: string, mid: string, right: string): string => style.border(left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right);

  const out: string[] = [];
  if (style.box) out.push(rule('┌', '┬', '┐'));
  const height = Math.max(...columns.map((c) => c.head.length));
  for (let k = 0; k < height; k++) {
    out.push(line(columns.map((c, i) => fit(c.head[k] ?? '', i, c.head[k] ? style.head : undefined))));
  }
  out.push(style.box ? rule('├', '┼', '┤') : style.border('─'.repeat(gridWidth(widths, style))));
  for (const r of rows) out.push(line(r.map((cell, i) => fit(cell.text, i, cell.paint))));
  if (style.box) out.push(rule('└', '┴', '┘'));
  return out;
}

/** A legend entry: kept whole on one line, painted after the layout. */
export interface LegendItem {
  plain: string;
  painted?: string;
}

/**
 * One legend line, `lead` then the items separated by ' · '. With a width, items flow onto
 * further indented lines instead of running past it; an item wider than a line is broken at
 * its spaces (and loses its colour: breaking works on plain text).
 */
export function flowLegend(lead: string, items: readonly LegendItem[], width?: number): string[] {
  const INDENT = '  ';
  const lines: string[] = [];
  let plain = lead;
  let painted = lead;
  let fresh = true;
  const fits = (s: string) => width === undefined || displayWidth(s) <= width;
  for (const item of items) {
    const colour = item.painted ?? item.plain;
    const join = fresh ? (plain === '' ? '' : ' ') : ' · ';
    if (fits(plain + join + item.plain)) {
      plain += join + item.plain;
      painted += join + colour;
      fresh = false;
      continue;
    }
    if (plain.trim() !== '') lines.push(painted);
    if (fits(INDENT + item.plain)) {
      plain = INDENT + item.plain;
      painted = INDENT + colour;
    } else {
      const broken = wrapToWidth(INDENT + item.plain, width!, INDENT);
      lines.push(...broken.slice(0, -1));
      plain = painted = broken[broken.length - 1]!;
    }
    fresh = false;
  }
  if (plain.trim() !== '' || lines.length === 0) lines.push(painted);
  return lines;
}
