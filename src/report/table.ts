import Table from 'cli-table3';
import { normalizedAreaWeights } from '../core/score.js';
import type { Comparison, VendorResult } from '../core/types.js';
import { MOVEMENT_LEGEND, movementCells, removedText, type Baseline } from './movement.js';
import { emptyListing, fixed1, percent } from './numbers.js';
import { safeText } from '../text/sanitize.js';
import { dimBorders, onlyHeaderRule, paintBand, painter, TABLE_CHARS, type RenderOptions } from './style.js';

/** Splits a header into two lines at the space nearest its middle, to keep columns narrow. */
function twoLines(s: string): string {
  if (s.length <= 10 || !s.includes(' ')) return s;
  const mid = s.length / 2;
  let best = -1;
  for (let i = 0; i < s.length; i++) if (s[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return `${s.slice(0, best)}\n${s.slice(best + 1)}`;
}

export function statusText(v: VendorResult): string {
  if (v.status === 'disqualified') {
    const what = [...new Set(v.knockouts.map((k) => k.question ?? k.area))].join(', ');
    return `✗ knockout: ${what}`;
  }
  return v.complete ? '✓ qualified' : `◐ incomplete (${v.unanswered.length} unanswered)`;
}

export function renderTable(c: Comparison, opts: RenderOptions, vendors: readonly VendorResult[] = c.vendors, baseline?: Baseline): string {
  const p = painter(opts.color);
  const areas = c.rubric.areas;
  // With --baseline: how each vendor moved since then, next to its total.
  const moveHead = baseline ? ['Move', 'Δ'] : [];
  const head = ['#', 'Vendor', 'Total', ...moveHead, ...areas.map((a) => twoLines(safeText(a.name, { max: 24 }))), 'Status'];
  const table = new Table({
    head: head.map((h) => p.bold(h)),
    chars: TABLE_CHARS,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    colAligns: ['right', 'left', 'right', ...moveHead.map(() => 'right' as const), ...areas.map(() => 'right' as const), 'left'],
  });
  for (const v of vendors) {
    const out = v.status === 'disqualified';
    const knocked = new Set(v.knockouts.map((k) => k.area));
    const name = safeText(v.name, { max: 32 });
    table.push([
      v.rank === null ? p.dim('–') : String(v.rank),
      out ? p.strikethrough.dim(name) : v.rank === 1 ? p.bold(name) : name,
      out ? p.dim(fixed1(v.total)) : paintBand(p, v.total, p.bold(fixed1(v.total))),
      // Up and gains green, down and losses red, the rest dim.
      ...(baseline ? movementCells(baseline, v).map((m) => (/^[↑+]|^in$/.test(m) ? p.green(m) : /^[↓−]|^out$/.test(m) ? p.red(m) : p.dim(m))) : []),
      ...v.areas.map((a) => {
        const mark = knocked.has(a.id) ? '✗ ' : '';
        return knocked.has(a.id) ? p.red.inverse(` ${mark}${fixed1(a.normalized)} `) : paintBand(p, a.normalized, fixed1(a.normalized));
      }),
      out ? p.red(statusText(v)) : v.complete ? p.green(statusText(v)) : p.yellow(statusText(v)),
    ]);
  }
  const w = normalizedAreaWeights(c.rubric, c.options);
  const weights = areas.map((a) => `${safeText(a.name)} ${percent(w[a.id]!)}`);
  const legend = [
    `${safeText(c.rubric.title)} (${safeText(c.rubric.id)}@${safeText(String(c.rubric.version))}) · scores 0–100 · aggregate ${c.options.aggregate} · unanswered counts as ${c.options.missing === 'min' ? 'the scale minimum' : 'nothing (ignored)'}`,
    `Weights: ${weights.join(' · ')}`,
    ...(baseline ? [`Baseline: ${safeText(baseline.file)} · ${MOVEMENT_LEGEND}`, ...(baseline.removed.length > 0 ? [`Not in this result: ${safeText(removedText(baseline))}`] : [])] : []),
    `Bands: ${p.green.bold('≥80')} ${p.green('≥60')} ${p.yellow('≥40')} ${p.red('<40')} · ${p.red.inverse(' ✗ ')} knockout area · ✗ disqualified · ◐ incomplete`,
  ];
  if (vendors.length === 0) return `${emptyListing(c.vendors.length)}\n${legend.join('\n')}\n`;
  return `${dimBorders(p, onlyHeaderRule(table.toString()))}\n${legend.map((l) => p.dim(l)).join('\n')}\n`;
}
