import { normalizedAreaWeights } from '../core/score.js';
import type { Area, Comparison, VendorResult } from '../core/types.js';
import { safeText } from '../text/sanitize.js';
import { cutToWidth, displayWidth, wrapToWidth } from '../text/width.js';
import { flowLegend, gridWidth, naturalWidths, renderGrid, type GridCell, type GridColumn, type LegendItem } from './grid.js';
import { MOVEMENT_LEGEND, movementCells, removedText, type Baseline } from './movement.js';
import { emptyListing, fixed1, percent } from './numbers.js';
import { closedEnvelope, PRICE_HEADS, PRICE_MARKS, priceView } from './price.js';
import { agreedCount, aggregateWords, MARK_LEGEND, MARKS, statusLong, statusMarks, statusShort, type StatusMark } from './status.js';
import { paintBand, painter, type RenderOptions } from './style.js';

export { statusText } from './status.js';

/** Splits a header into two lines at the space nearest its middle, to keep columns narrow. */
function twoLines(s: string): string[] {
  if (s.length <= 10 || !s.includes(' ')) return [s];
  const mid = s.length / 2;
  let best = -1;
  for (let i = 0; i < s.length; i++) if (s[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return [s.slice(0, best), s.slice(best + 1)];
}

const SHORT_MAX = 12;

/**
 * Column headings for narrow tables: the rubric's `short:` name, else the name when it fits in
 * 12 columns, else its first words that do (at least 5 columns), else the name cut with '…'.
 */
export function shortNames(areas: readonly Area[]): string[] {
  const derived = areas.map((a) => {
    if (a.short !== undefined) return safeText(a.short);
    const name = safeText(a.name);
    if (displayWidth(name) <= SHORT_MAX) return name;
    let words = '';
    for (const w of name.split(' ')) {
      const next = words === '' ? w : `${words} ${w}`;
      if (displayWidth(next) > SHORT_MAX) break;
      words = next;
    }
    return displayWidth(words) >= 5 ? words : cutToWidth(name, SHORT_MAX);
  });
  // Two areas shortened to the same words get the cut names instead, which differ.
  return derived.map((s, i) => (areas[i]!.short === undefined && derived.indexOf(s) !== derived.lastIndexOf(s) ? cutToWidth(safeText(areas[i]!.name), SHORT_MAX) : s));
}

/** One way to lay the table out; renderTable uses the first that fits the width. */
interface Layout {
  box: boolean;
  gap: number;
  /** Area headings: the full names on two lines, or the short names. */
  heads: 'full' | 'short';
  /** Status as marks with counts (details below the table) instead of words. */
  marks: boolean;
  nameMax: number;
  /** Widest area heading; a longer one is cut (the values always fit). */
  headMax: number;
  /** How many areas are shown, from the first. */
  shown: number;
}

function* layouts(areas: number): Generator<Layout> {
  const base: Layout = { box: true, gap: 1, heads: 'full', marks: false, nameMax: 32, headMax: Infinity, shown: areas };
  yield base;
  yield { ...base, heads: 'short' };
  const plain: Layout = { ...base, box: false, gap: 2, heads: 'short' };
  yield plain;
  yield { ...plain, marks: true, nameMax: 24 };
  const tight: Layout = { ...plain, gap: 1, marks: true, nameMax: 20 };
  yield tight;
  // Headings are explained in the legend; names are what a reader looks for, so they go last.
  for (const headMax of [10, 8, 7, 6, 5]) yield { ...tight, headMax };
  for (const nameMax of [16, 12]) yield { ...tight, nameMax, headMax: 5 };
  for (const nameMax of [12, 10]) yield { ...tight, nameMax, headMax: 4 };
  for (let shown = areas - 1; shown >= 1; shown--) yield { ...tight, nameMax: 10, headMax: 4, shown };
}

const TONE = { good: 'green', warn: 'yellow', bad: 'red' } as const;

type Role = 'rank' | 'name' | 'total' | 'move' | 'price' | 'area' | 'status';
type Column = GridColumn & { role: Role };

interface Model {
  columns: (l: Layout) => Column[];
  rows: (l: Layout) => GridCell[][];
}

/**
 * The comparison table. Without a width (a file, a pipe, --wide) the full table; with one (a
 * terminal), the first layout that fits: short headings, then plain columns with marks for the
 * status, then cut headings and names, then fewer areas. No line is ever wider than the width.
 */
export function renderTable(c: Comparison, opts: RenderOptions, vendors: readonly VendorResult[] = c.vendors, baseline?: Baseline): string {
  const model = tableModel(c, opts, vendors, baseline);
  // Measured without colour or drawing; only the layout chosen is drawn.
  let layout: Layout | undefined;
  for (layout of layouts(c.rubric.areas.length)) {
    if (opts.width === undefined || tableWidth(model, layout) <= opts.width) break;
  }
  const chosen = drawTable(model, layout!, painter(opts.color));
  let { lines } = chosen;
  // Narrower than any layout: the narrowest, cut line by line (without colour, which cutting would break).
  if (opts.width !== undefined && chosen.width > opts.width) {
    lines = drawTable(tableModel(c, { ...opts, color: false }, vendors, baseline), layout!, painter(false)).lines.map((l) => cutToWidth(l, opts.width!));
  }
  const p = painter(opts.color);
  const legend = legendLines(c, p, chosen, baseline, opts.width);
  if (vendors.length === 0) return `${emptyListing(c.vendors.length)}\n${legend.join('\n')}\n`;
  const notes = layout!.marks ? statusNotes(vendors, p, opts.width) : [];
  return `${[...lines, ...notes, ...legend].join('\n')}\n`;
}

interface Drawn {
  layout: Layout;
  lines: string[];
  width: number;
  /** The area headings as shown, to spell out in the legend. */
  headings: string[];
}

function tableWidth(model: Model, layout: Layout): number {
  const columns = model.columns(layout);
  return gridWidth(columnWidths(columns, model.rows(layout), layout), { box: layout.box, gap: layout.gap });
}

function drawTable(model: Model, layout: Layout, p: ReturnType<typeof painter>): Drawn {
  const rows = model.rows(layout);
  let columns = model.columns(layout);
  const widths = columnWidths(columns, rows, layout);
  // A heading cut to its column ends with '.', as abbreviations do.
  columns = columns.map((col, i) => (col.role === 'area' ? { ...col, head: col.head.map((h) => cutToWidth(h, widths[i]!, '.')) } : col));
  const style = { box: layout.box, gap: layout.gap, border: (s: string) => p.gray(s), head: (s: string) => p.bold(s) };
  const headings = columns.filter((col) => col.role === 'area').map((col) => col.head.join(' '));
  return { layout, lines: renderGrid(columns, rows, widths, style), width: gridWidth(widths, style), headings };
}

/** Natural widths, except that names are cut at nameMax and area headings at headMax (never below their values). */
function columnWidths(columns: readonly Column[], rows: readonly GridCell[][], l: Layout): number[] {
  const natural = naturalWidths(columns, rows);
  const values = naturalWidths(columns.map((col) => ({ ...col, head: [] })), rows);
  return natural.map((w, i) => {
    const role = columns[i]!.role;
    if (role === 'name') return Math.max(displayWidth('Vendor'), Math.min(w, l.nameMax));
    if (role === 'area') return Math.max(values[i]!, Math.min(w, l.headMax));
    return w;
  });
}

function tableModel(c: Comparison, opts: RenderOptions, vendors: readonly VendorResult[], baseline: Baseline | undefined): Model {
  const p = painter(opts.color);
  const areas = c.rubric.areas;
  const shorts = shortNames(areas);
  // With --baseline: how each vendor moved since then, next to its total.
  const moveHead = baseline ? ['Move', 'Δ'] : [];
  const movePaint = (m: string) => (/^[↑+]|^in$/.test(m) ? p.green(m) : /^[↓−]|^out$/.test(m) ? p.red(m) : p.dim(m));
  const marks = new Map(vendors.map((v) => [v.id, statusMarks(v)]));
  const paintStatus = (m: readonly StatusMark[]) => (s: string) => p[TONE[m[0]!.tone]](s);
  const priced = priceView(c);
  return {
    columns: (l) => [
      { role: 'rank', head: ['#'], align: 'right' },
      { role: 'name', head: ['Vendor'], align: 'left' },
      { role: 'total', head: ['Total'], align: 'right' },
      ...moveHead.map((h) => ({ role: 'move' as const, head: [h], align: 'right' as const })),
      ...(priced ? PRICE_HEADS.map((h) => ({ role: 'price' as const, head: [h], align: 'right' as const })) : []),
      ...areas.slice(0, l.shown).map((a, i) => ({ role: 'area' as const, head: l.heads === 'full' ? twoLines(safeText(a.name, { max: 24 })) : [shorts[i]!], align: 'right' as const })),
      { role: 'status', head: l.marks ? [] : ['Status'], align: 'left' },
    ],
    rows: (l) => {
      // The compact layout writes a perfect 100.0 as 100, the one value that needs five columns.
      const score = (n: number | null) => (l.marks && fixed1(n) === '100.0' ? '100' : fixed1(n));
      return vendors.map((v) => {
        const out = v.status === 'disqualified';
        const knocked = new Set(v.knockouts.map((k) => k.area));
        const m = marks.get(v.id)!;
        return [
          { text: v.rank === null ? '–' : String(v.rank), paint: v.rank === null ? (s: string) => p.dim(s) : undefined },
          { text: safeText(v.name), paint: out ? (s: string) => p.strikethrough.dim(s) : v.rank === 1 ? (s: string) => p.bold(s) : undefined },
          { text: fixed1(v.total), paint: out ? (s: string) => p.dim(s) : (s: string) => paintBand(p, v.total, p.bold(s)) },
          ...(baseline ? movementCells(baseline, v).map((text) => ({ text, paint: movePaint })) : []),
          ...(priced ? priced.cells(v).map((text) => ({ text })) : []),
          ...v.areas.slice(0, l.shown).map((a) =>
            knocked.has(a.id)
              ? { text: `${MARKS.knockoutArea}${l.marks ? '' : ' '}${score(a.normalized)}`, paint: (s: string) => p.red.inverse(s) }
              : { text: score(a.normalized), paint: (s: string) => paintBand(p, a.normalized, s) },
          ),
          { text: l.marks ? statusShort(m) : statusLong(m), paint: paintStatus(m) },
        ];
      });
    },
  };
}

/** In the compact layout the status column has marks only; the words are listed below the table. */
function statusNotes(vendors: readonly VendorResult[], p: ReturnType<typeof painter>, width: number | undefined): string[] {
  const out: string[] = [];
  for (const v of vendors) {
    const m = statusMarks(v);
    if (m.length === 1 && m[0]!.mark === MARKS.qualified) continue;
    const line = `${v.rank === null ? '–' : v.rank} ${safeText(v.name)}: ${statusLong(m)}`;
    for (const l of width === undefined ? [line] : wrapToWidth(line, width, '    ')) out.push(p[TONE[m[0]!.tone]](l));
  }
  return out;
}

function legendLines(c: Comparison, p: ReturnType<typeof painter>, drawn: Drawn, baseline: Baseline | undefined, width: number | undefined): string[] {
  const l = drawn.layout;
  const areas = c.rubric.areas;
  const w = normalizedAreaWeights(c.rubric, c.options);
  const item = (plain: string, painted?: string): LegendItem => ({ plain, painted });
  // Each heading that is not the area's name is spelt out where its weight is given.
  const weights = areas.slice(0, l.shown).map((a, i) => {
    const name = safeText(a.name);
    const heading = drawn.headings[i]!;
    return item(heading === name || l.heads === 'full' ? `${name} ${percent(w[a.id]!)}` : `${heading} = ${name} ${percent(w[a.id]!)}`);
  });
  const hidden = areas.slice(l.shown);
  const bands = [item('≥80 strong', p.green.bold('≥80 strong')), item('≥60 good', p.green('≥60 good')), item('≥40 weak', p.yellow('≥40 weak')), item('<40 poor', p.red('<40 poor'))];
  const lines = [
    flowLegend('', [item(`${safeText(c.rubric.title)} (${safeText(c.rubric.id)}@${safeText(String(c.rubric.version))})`), item('scores 0–100'), item(`aggregate ${aggregateWords(c.options)}`), item(`unanswered counts as ${c.options.missing === 'min' ? 'the scale minimum' : 'nothing (ignored)'}`)], width),
    flowLegend('Weights:', weights, width),
    ...(hidden.length > 0 ? [flowLegend('Not shown at this width (use --wide):', hidden.map((a) => item(`${safeText(a.name)} ${percent(w[a.id]!)}`)), width)] : []),
    ...(c.price ? [flowLegend('Price:', priceView(c)!.items.map((x) => item(x)), width)] : []),
    ...(closedEnvelope(c) ? [flowLegend('Price:', [item(closedEnvelope(c)!.replace(/^Price: /, ''))], width)] : []),
    ...(baseline ? [flowLegend('Baseline:', [item(safeText(baseline.file)), item(MOVEMENT_LEGEND)], width)] : []),
    ...(baseline && baseline.removed.length > 0 ? [flowLegend('Not in this result:', [item(safeText(removedText(baseline)))], width)] : []),
    flowLegend(p.level > 0 ? 'Bands:' : 'Bands (in colour):', bands, width),
    // The agreed mark is explained only where a vendor shows it.
    flowLegend('Marks:', [...MARK_LEGEND.filter(([m]) => m !== MARKS.agreed || c.vendors.some((v) => agreedCount(v) > 0)), ...(c.price ? PRICE_MARKS : [])].map(([m, what]) => item(`${m} ${what}`, m === MARKS.knockoutArea ? `${p.red.inverse(m)} ${what}` : undefined)), width),
  ];
  return lines.flat().map((line) => p.dim(line));
}
