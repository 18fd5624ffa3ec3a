import { createHash } from 'node:crypto';
import { normalizedAreaWeights } from '../core/score.js';
import { closedEnvelope, PRICE_HEADS, priceView } from './price.js';
import type { Comparison, VendorResult } from '../core/types.js';
import { emptyListing, fixed1, percent, scaleValue } from './numbers.js';
import { safeText } from '../text/sanitize.js';
import { band, type RenderOptions } from './style.js';
import { statusText } from './table.js';

/**
 * Text for an HTML element or a quoted attribute: made printable by safeText (controls and bidi
 * overrides shown escaped, line breaks folded), then every character HTML gives a meaning to
 * written as an entity. Nothing from a file can open a tag, an attribute or an entity.
 */
export function htmlText(s: string): string {
  return safeText(s).replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --strong: #1a7f37; --good: #2da44e; --weak: #9a6700; --poor: #cf222e; --ko: #ffebe9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #151b23;
  --strong: #3fb950; --good: #56d364; --weak: #d29922; --poor: #f85149; --ko: #3c1618; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
p.meta, footer, .legend { color: var(--muted); }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; vertical-align: top; }
th { background: var(--head); text-align: left; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.area { white-space: normal; min-width: 5rem; }
td.vendor { min-width: 12rem; max-width: 24rem; overflow-wrap: anywhere; }
td.status { min-width: 14rem; max-width: 24rem; overflow-wrap: anywhere; }
tr.disqualified td.vendor { text-decoration: line-through; color: var(--muted); }
tr.rank-1 td.vendor { font-weight: 700; }
.strong { color: var(--strong); font-weight: 700; } .good { color: var(--good); }
.weak { color: var(--weak); } .poor { color: var(--poor); }
td.knockout { background: var(--ko); color: var(--poor); font-weight: 700; }
meter { width: 4rem; vertical-align: middle; margin-left: .4rem; }
ul.notes { padding-left: 1.2rem; } ul.notes li { overflow-wrap: anywhere; margin: .2rem 0; }
code { font-size: .92em; }
`.trim();

/** The Content-Security-Policy: no script of any kind, no external resource, only this page's own style. */
export function contentSecurityPolicy(style = STYLE): string {
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** `num` plus the score's band, for a table cell's class attribute. */
function cellClass(n: number | null): string {
  return n === null ? 'num' : `num ${band(n)}`;
}

/**
 * A standalone HTML page of the comparison: the same facts as the Markdown report, with no
 * script, no external resource and a CSP that forbids both, so it is safe to open, mail or attach.
 * Text is kept whole (an export), only escaped.
 */
export function renderHtml(c: Comparison, _opts: RenderOptions = { color: false }, vendors: readonly VendorResult[] = c.vendors): string {
  const areas = c.rubric.areas;
  const w = normalizedAreaWeights(c.rubric, c.options);
  const priced = priceView(c);
  const title = `Vendor ranking: ${htmlText(c.rubric.title)}`;
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">`);
  out.push('<meta name="referrer" content="no-referrer">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${title}</title>`);
  out.push(`<style>${STYLE}</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push(`<h1>${title}</h1>`);
  out.push(
    `<p class="meta">Rubric <code>${htmlText(c.rubric.id)}@${htmlText(String(c.rubric.version))}</code> · scores 0–100 · aggregate ${htmlText(c.options.aggregate)} · unanswered questions count as ${c.options.missing === 'min' ? 'the scale minimum' : 'nothing (ignored)'}</p>`,
  );
  if (vendors.length === 0) {
    out.push(`<p>${emptyListing(c.vendors.length)}</p>`);
  } else {
    out.push('<table>');
    out.push('<thead><tr><th class="num">#</th><th>Vendor</th><th class="num">Total</th>');
    for (const h of priced ? PRICE_HEADS : []) out.push(`<th class="num price">${h}</th>`);
    for (const a of areas) out.push(`<th class="num area">${htmlText(a.name)}<br><small>${percent(w[a.id]!)}</small></th>`);
    out.push('<th>Status</th></tr></thead>');
    out.push('<tbody>');
    for (const v of vendors) {
      const knocked = new Set(v.knockouts.map((k) => k.area));
      const rowClass = [v.status, v.rank === 1 ? 'rank-1' : ''].filter(Boolean).join(' ');
      const cells: string[] = [];
      cells.push(`<td class="num">${v.rank === null ? '–' : String(v.rank)}</td>`);
      cells.push(`<td class="vendor">${htmlText(v.name)}<br><small><code>${htmlText(v.id)}</code></small></td>`);
      cells.push(`<td class="${cellClass(v.status === 'disqualified' ? null : v.total)}">${fixed1(v.total)}<meter min="0" max="100" low="40" high="80" optimum="100" value="${Number.isFinite(v.total) ? v.total : 0}"></meter></td>`);
      for (const text of priced ? priced.cells(v) : []) cells.push(`<td class="num price">${htmlText(text)}</td>`);
      for (const a of v.areas) {
        cells.push(knocked.has(a.id) ? `<td class="num knockout">✗ ${fixed1(a.normalized)}</td>` : `<td class="${cellClass(a.normalized)}">${fixed1(a.normalized)}</td>`);
      }
      cells.push(`<td class="status">${htmlText(statusText(v))}</td>`);
      out.push(`<tr class="${rowClass}">${cells.join('')}</tr>`);
    }
    out.push('</tbody>');
    out.push('</table>');
    const notes: string[] = [];
    for (const v of vendors) {
      for (const k of v.knockouts) {
        notes.push(`<li>✗ <strong>${htmlText(v.name)}</strong>: ${htmlText(k.reason)} (${htmlText(k.question ?? k.area)} scored ${scaleValue(k.score)}, knockout below ${htmlText(String(k.below))})</li>`);
      }
      for (const f of v.flags) if (f.code === 'disagreement' || f.code === 'few-evaluators') notes.push(`<li>⚠ <strong>${htmlText(v.name)}</strong>: ${htmlText(f.message)}</li>`);
      if (v.unanswered.length > 0) notes.push(`<li>◐ <strong>${htmlText(v.name)}</strong>: ${v.unanswered.length} question(s) unanswered: ${v.unanswered.map((q) => `<code>${htmlText(q)}</code>`).join(', ')}</li>`);
    }
    if (notes.length > 0) out.push(`<ul class="notes">\n${notes.join('\n')}\n</ul>`);
  }
  if (priced) out.push(`<p class="legend">${htmlText(priced.legend)}</p>`);
  const closed = closedEnvelope(c);
  if (closed) out.push(`<p class="legend">${htmlText(closed)}</p>`);
  out.push('<p class="legend">Bands: <span class="strong">≥80</span> · <span class="good">≥60</span> · <span class="weak">≥40</span> · <span class="poor">&lt;40</span> · ✗ knockout area · struck-through: disqualified · ◐ incomplete</p>');
  out.push('<footer>Made by vendorscore. This page runs no script and loads nothing from the network.</footer>');
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}
