import { contentSecurityPolicy, htmlText } from '../html.js';
import { buildBoardModel, type BoardInputs, type BoardModel } from './model.js';
import { boardCharts, NARROW } from './charts.js';
import { SECTIONS } from './sections.js';
import { renderCharts, type RenderedChart } from './svg.js';
import { BOARD_STYLE } from './style.js';

/**
 * The board pack: one self-contained HTML page (docs/commands.md#report). No script, nothing
 * loaded from anywhere, a CSP that forbids both; charts are static SVG drawn when it is made.
 */
export async function renderBoardReport(inputs: BoardInputs): Promise<string> {
  const model = buildBoardModel(inputs);
  return renderBoardPage(model, await renderCharts(boardCharts(model), boardCharts(model, NARROW)));
}

export function renderBoardPage(m: BoardModel, charts: readonly RenderedChart[]): string {
  const t = htmlText;
  const title = `Vendor decision: ${t(m.title)}`;
  const evaluated = m.evaluated ? ` · evaluated ${m.evaluated.from === m.evaluated.to ? m.evaluated.from : `${m.evaluated.from} to ${m.evaluated.to}`}` : '';
  const sections = SECTIONS.map((s) => s(m, charts)).filter((x): x is string => x !== null);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(BOARD_STYLE)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="vendorscore">',
    `<title>${title}</title>`,
    `<style>${BOARD_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${title}</h1>`,
    `<p class="meta">${t(m.date)} · rubric <code>${t(m.rubric.id)}@${t(String(m.rubric.version))}</code> · ${m.vendors.length} vendor(s) · evaluators: ${m.evaluators.map(t).join(', ') || 'none'}${evaluated}</p>`,
    '</header>',
    '<main>',
    m.vendors.length === 0 ? '<p>No vendors found.</p>' : '',
    ...sections,
    '</main>',
    '<footer>Made by vendorscore. This page runs no script and loads nothing from the network; every chart is drawn into the page.</footer>',
    '</body>',
    '</html>',
  ].filter(Boolean).join('\n') + '\n';
}
