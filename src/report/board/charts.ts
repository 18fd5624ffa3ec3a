import { priceShare, type BoardModel, type BoardVendor } from './model.js';

/*
 * The board pack's charts as Vega-Lite specifications: plain data in, a spec out, one function a
 * chart. Rendering them to SVG (svg.ts) is the only step that loads the charting library.
 * Each chart says how many data marks it draws, so a test can count them in the browser.
 */

export interface Chart {
  id: 'profile' | 'contribution' | 'heatmap' | 'first' | 'value';
  title: string;
  /** One sentence under the chart: how to read it. */
  caption: string;
  spec: Record<string, unknown>;
  /** Data marks drawn (bars, cells, points), for tests. */
  marks: number;
}

type Row = Record<string, string | number | boolean | null>;

/**
 * Each chart is drawn twice: wide for screens and paper, narrow for phones (the page shows one
 * by its width), so that on a 360 px phone the text is not shrunk to a third of its size.
 */
export interface ChartSize {
  name: 'wide' | 'narrow';
  width: number;
  labelLimit: number;
  legendColumns: number;
}
export const WIDE: ChartSize = { name: 'wide', width: 520, labelLimit: 240, legendColumns: 2 };
export const NARROW: ChartSize = { name: 'narrow', width: 220, labelLimit: 105, legendColumns: 1 };

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

function config(size: ChartSize) {
  return {
    font: FONT,
    background: 'white',
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: size.labelLimit, titleFontWeight: 600, labelColor: '#1f2328', titleColor: '#1f2328', gridColor: '#e4e8ec' },
    legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: size.legendColumns === 1 ? 300 : size.labelLimit + 40, orient: 'bottom', columns: size.legendColumns, symbolType: 'square' },
  };
}

function spec(size: ChartSize, data: Row[], body: Record<string, unknown>): Record<string, unknown> {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: size.width, config: config(size), data: { values: data }, ...body };
}

/** Rank order, disqualified last: the order every chart lists vendors in. */
const vendorOrder = (m: BoardModel) => m.vendors.map((v) => label(v));
/** Disqualified vendors are marked wherever they are drawn, so a long bar is never read as a contender. */
const label = (v: BoardVendor) => (v.status === 'disqualified' ? `✗ ${v.label}` : v.label);
const areaOrder = (m: BoardModel) => m.weights.map((w) => w.name);
const scored = (m: BoardModel) => m.vendors.flatMap((v) => v.areas.filter((a) => a.score !== null).map((a) => ({ v, a })));

export function profileChart(m: BoardModel, size: ChartSize = WIDE): Chart {
  const rows = scored(m).map(({ v, a }) => ({ vendor: label(v), area: a.name, score: round1(a.score!) }));
  return {
    id: 'profile',
    title: 'Each vendor across the areas',
    caption: 'Area scores, 0–100: a longer bar is a stronger area. Vendors in rank order within each area.',
    marks: rows.length,
    spec: spec(size, rows, {
      height: { step: Math.max(5, Math.min(10, Math.floor(60 / Math.max(1, m.vendors.length)))) },
      mark: { type: 'bar', cornerRadiusEnd: 1 },
      encoding: {
        y: { field: 'area', type: 'nominal', sort: areaOrder(m), title: null },
        yOffset: { field: 'vendor', type: 'nominal', sort: vendorOrder(m) },
        x: { field: 'score', type: 'quantitative', scale: { domain: [0, 100] }, title: 'Area score (0–100)' },
        color: { field: 'vendor', type: 'nominal', sort: vendorOrder(m), title: 'Vendor', scale: { scheme: 'tableau10' } },
      },
    }),
  };
}

export function contributionChart(m: BoardModel, size: ChartSize = WIDE): Chart {
  const rows = m.vendors.flatMap((v) => [
    ...v.areas.filter((a) => a.contribution !== null).map((a) => ({ vendor: label(v), area: a.name, points: round1(a.contribution!), order: m.weights.findIndex((w) => w.id === a.id) })),
    // Price's points (weight × price score) close the bar, so it adds up to the total.
    ...(v.price ? [{ vendor: label(v), area: 'Price', points: round1(priceShare(m.comparison, v.result) * v.price.score), order: m.weights.length }] : []),
  ]);
  return {
    id: 'contribution',
    title: 'What makes up each total',
    caption: `Each segment is the points one area adds to the total (its weight × its score)${m.comparison.price ? '; the last is price’s (its weight × the price score)' : ''}; the bar’s length is the total.`,
    marks: rows.length,
    spec: spec(size, rows, {
      height: { step: 26 },
      mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        y: { field: 'vendor', type: 'nominal', sort: vendorOrder(m), title: null },
        x: { field: 'points', type: 'quantitative', aggregate: 'sum', scale: { domain: [0, 100] }, title: 'Points of the total (0–100)' },
        color: { field: 'area', type: 'nominal', sort: [...areaOrder(m), 'Price'], title: 'Area', scale: { scheme: 'tableau10' } },
        order: { field: 'order', type: 'quantitative' },
      },
    }),
  };
}

export function heatmapChart(m: BoardModel, size: ChartSize = WIDE): Chart {
  const rows = scored(m).map(({ v, a }) => ({ vendor: label(v), area: a.name, score: round1(a.score!), text: a.knockedOut ? `⊘ ${round1(a.score!)}` : String(round1(a.score!)) }));
  const enc = {
    x: { field: 'area', type: 'nominal', sort: areaOrder(m), title: null, axis: { labelAngle: -35, orient: 'top', labelLimit: size.labelLimit } },
    y: { field: 'vendor', type: 'nominal', sort: vendorOrder(m), title: null },
  };
  return {
    id: 'heatmap',
    title: 'Area scores at a glance',
    caption: 'Darker green is stronger, red is weaker; ⊘ marks a knockout.',
    marks: rows.length,
    spec: spec(size, rows, {
      height: { step: 30 },
      encoding: enc,
      layer: [
        { mark: { type: 'rect', stroke: 'white', strokeWidth: 1 }, encoding: { color: { field: 'score', type: 'quantitative', scale: { domain: [0, 100], scheme: 'redyellowgreen' }, title: 'Score', legend: null } } },
        { mark: { type: 'text', fontSize: 11, fontWeight: 600 }, encoding: { text: { field: 'text' }, color: { value: '#1f2328' } } },
      ],
    }),
  };
}

export function firstChart(m: BoardModel, size: ChartSize = WIDE): Chart | null {
  const rows = m.vendors.filter((v) => v.first).map((v) => ({ vendor: label(v), share: v.first!.share, low: v.first!.low, high: v.first!.high }));
  if (rows.length < 2) return null;
  const d = m.sensitivity.draws;
  return {
    id: 'first',
    title: 'How often each vendor comes first under other weights',
    caption: `Share of ${d.samples.toLocaleString('en')} random weightings (each weight within ±${Math.round(d.spread * 100)}%) in which the vendor ranks first; the line is the ${Math.round(d.confidence * 100)}% confidence interval.`,
    marks: rows.length,
    spec: spec(size, rows, {
      height: { step: 26 },
      encoding: { y: { field: 'vendor', type: 'nominal', sort: vendorOrder(m), title: null } },
      layer: [
        { mark: { type: 'bar', color: '#4c78a8' }, encoding: { x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: 'Ranked first (share of draws)' } } },
        { mark: { type: 'rule', color: '#1f2328' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      ],
    }),
  };
}

export function valueChart(m: BoardModel, size: ChartSize = WIDE): Chart | null {
  const priced = m.vendors.filter((v) => v.price);
  if (priced.length === 0 || m.frontier === null) return null;
  const onFrontier = new Set(m.frontier);
  const rows = priced.map((v) => ({ vendor: label(v), cost: v.price!.cost, quality: round1(v.result.quality), frontier: onFrontier.has(v.id) ? 'on the frontier' : 'dominated' }));
  const line = m.frontier.map((id, i) => ({ ...rows.find((r) => r.vendor === label(m.vendors.find((v) => v.id === id)!))!, i }));
  const currency = priced[0]!.price!.currency;
  const x = { field: 'cost', type: 'quantitative', title: `Cost (${currency})`, scale: { zero: false, nice: true } };
  const y = { field: 'quality', type: 'quantitative', title: 'Quality (areas, 0–100)', scale: { zero: false, nice: true } };
  return {
    id: 'value',
    title: 'Quality against cost',
    caption: 'Up is better, left is cheaper. The line joins the vendors no other vendor beats on both quality and cost (the efficient frontier).',
    marks: rows.length,
    spec: spec(size, rows, {
      height: 260,
      layer: [
        { data: { values: line }, mark: { type: 'line', color: '#9a6700', strokeDash: [4, 3] }, encoding: { x, y, order: { field: 'i', type: 'quantitative' } } },
        { mark: { type: 'point', filled: true, size: 80 }, encoding: { x, y, color: { field: 'frontier', type: 'nominal', title: null, scale: { domain: ['on the frontier', 'dominated'], range: ['#1a7f37', '#8c959f'] } } } },
        { mark: { type: 'text', align: 'left', dx: 7, fontSize: 11 }, encoding: { x, y, text: { field: 'vendor' } } },
      ],
    }),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Every chart whose data is present, in reading order. */
export function boardCharts(m: BoardModel, size: ChartSize = WIDE): Chart[] {
  if (m.vendors.length === 0) return [];
  return [profileChart(m, size), contributionChart(m, size), heatmapChart(m, size), firstChart(m, size), valueChart(m, size)].filter((c): c is Chart => c !== null);
}
