import { safeText } from '../../text/sanitize.js';
import type { Chart } from './charts.js';

/*
 * Vega-Lite → Vega → static SVG, with vega's headless renderer, when a report is made: the
 * charting library is imported here and nowhere else, so no other command loads it. The SVG
 * carries presentation attributes only (no <style>, no style="", no script, no link), which is
 * what the report's Content-Security-Policy allows; renderChartSvg checks that it stays so.
 */

export interface RenderedChart extends Chart {
  /** For screens and paper. */
  svg: string;
  /** For phones. */
  narrow: string;
}

const FORBIDDEN_TAGS = new Set(['style', 'script', 'foreignobject', 'a', 'image', 'use', 'iframe']);
const FORBIDDEN_ATTRIBUTE = /^(on.*|style|href|xlink:href|src)$/i;

/** The first tag or attribute the CSP would refuse, or an attribute value that reaches outside; none: undefined. Text is escaped, so every `<` opens a tag. */
export function forbiddenInSvg(svg: string): string | undefined {
  for (const tag of svg.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)) {
    if (FORBIDDEN_TAGS.has(tag[1]!.toLowerCase())) return `<${tag[1]}>`;
    for (const attr of tag[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (FORBIDDEN_ATTRIBUTE.test(attr[1]!)) return `${attr[1]}=`;
      if (/url\((?!#)/i.test(attr[2]!) && attr[1] !== 'aria-label') return `url( in ${attr[1]}`;
    }
  }
  return undefined;
}

/** Each chart of `wide` drawn, with its twin of `narrow` (the same charts at the phone size). */
export async function renderCharts(wide: readonly Chart[], narrow: readonly Chart[] = []): Promise<RenderedChart[]> {
  if (wide.length === 0) return [];
  const draw = await drawer();
  const out: RenderedChart[] = [];
  for (const chart of wide) {
    const twin = narrow.find((c) => c.id === chart.id);
    const svg = await draw(chart);
    out.push({ ...chart, svg, narrow: twin ? await draw(twin) : svg });
  }
  return out;
}

async function drawer(): Promise<(chart: Chart) => Promise<string>> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  // A loader that loads nothing: every chart's data is inline, and a spec can never fetch.
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error('charts load no data'));
  return async (chart) => {
    const compiled = vl.compile(oneLineText(chart.spec) as never).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader });
    const svg = await view.toSVG();
    view.finalize();
    return presentable(svg, chart);
  };
}

/**
 * Every string of a spec (titles, labels, the vendors' and areas' names in its data) as the one
 * sanitiser leaves it, on one line: a chart label has no line break, and nothing invisible.
 */
function oneLineText(x: unknown): unknown {
  if (typeof x === 'string') return safeText(x).replace(/[\r\n\t]+/g, ' ');
  if (Array.isArray(x)) return x.map(oneLineText);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, oneLineText(v)]));
  return x;
}

/** The SVG as the page embeds it: sized by the page (the viewBox keeps its shape), checked for anything the CSP would refuse. */
function presentable(svg: string, chart: Chart): string {
  const inline = svg.replace(/^<svg([^>]*) width="([\d.]+)" height="([\d.]+)"/, (_, rest: string, w: string, h: string) => `<svg${rest} width="${w}" height="${h}" role="img" aria-label="${chart.title.replace(/[&<>"]/g, '')}"`);
  const bad = forbiddenInSvg(inline);
  if (bad) throw new Error(`chart ${chart.id}: the SVG holds ${bad}, which the report's CSP forbids`);
  return inline;
}
