import { normalizedAreaWeights } from '../core/score.js';
import type { Comparison, VendorResult } from '../core/types.js';
import { fixed1, percent } from './numbers.js';
import { safeText } from './sanitize.js';
import { statusText } from './table.js';

/**
 * Text safe inside a GitHub Markdown table cell: one line, no raw HTML, pipes escaped,
 * and Markdown punctuation that could start links, emphasis or images escaped.
 */
export function mdCell(s: string): string {
  return safeText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .trim();
}

export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

export function renderMarkdown(c: Comparison, vendors: readonly VendorResult[] = c.vendors): string {
  const areas = c.rubric.areas;
  const w = normalizedAreaWeights(c.rubric, c.options);
  let out = `### Vendor ranking: ${mdCell(c.rubric.title)}\n\n`;
  if (vendors.length === 0) return out + 'No vendors found.\n';
  out += mdRow(['Rank', 'Vendor', 'Total', ...areas.map((a) => `${mdCell(a.name)} (${percent(w[a.id]!)})`), 'Status']);
  out += mdRow(['---:', ':---', '---:', ...areas.map(() => '---:'), ':---']);
  for (const v of vendors) {
    const knocked = new Set(v.knockouts.map((k) => k.area));
    const name = v.status === 'disqualified' ? `~~${mdCell(v.name)}~~` : v.rank === 1 ? `**${mdCell(v.name)}**` : mdCell(v.name);
    out += mdRow([
      v.rank === null ? '—' : String(v.rank),
      name,
      `**${fixed1(v.total)}**`,
      ...v.areas.map((a) => (knocked.has(a.id) ? `❌ ${fixed1(a.normalized)}` : fixed1(a.normalized))),
      mdCell(statusText(v)),
    ]);
  }
  const notes: string[] = [];
  for (const v of vendors) {
    for (const k of v.knockouts) notes.push(`- ❌ **${mdCell(v.name)}**: ${mdCell(k.reason)} (${mdCell(k.question ?? k.area)} scored ${fixed1(k.score)}, knockout below ${k.below})`);
    for (const f of v.flags) if (f.code === 'disagreement') notes.push(`- ⚠️ **${mdCell(v.name)}**: ${mdCell(f.message)}`);
    if (!v.complete) notes.push(`- ◐ **${mdCell(v.name)}**: ${v.unanswered.length} question(s) unanswered: ${v.unanswered.map(mdCell).join(', ')}`);
  }
  out += `\nScores are 0–100; aggregate ${c.options.aggregate}; unanswered questions count as ${c.options.missing === 'min' ? 'the scale minimum' : 'nothing (ignored)'}.\n`;
  if (notes.length > 0) out += `\n${notes.join('\n')}\n`;
  return out;
}
