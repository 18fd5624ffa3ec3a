import type { Rubric } from '../core/types.js';
import { mdCell } from './markdown.js';
import { percent } from './numbers.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { painter, type RenderOptions } from './style.js';

function sortedKeys(rec: Record<string, string>): string[] {
  return Object.keys(rec).sort((a, b) => Number(a) - Number(b));
}

export function renderRubric(r: Rubric, format: string, opts: RenderOptions): string {
  const total = r.areas.reduce((s, a) => s + a.weight, 0);
  if (format === 'json') return safeJson(r) + '\n';
  if (format === 'markdown') {
    let out = `## ${mdCell(r.title)} (${mdCell(r.id)}@${mdCell(String(r.version))})\n\n`;
    out += `Scale ${r.scale.min}–${r.scale.max} (step ${r.scale.step}); unanswered counts as ${r.missing}; aggregate ${r.aggregate}.\n\n`;
    out += `| Area | Weight | Questions | Knockout |\n| :--- | ---: | ---: | :--- |\n`;
    for (const a of r.areas) out += `| ${mdCell(a.name)} | ${percent(a.weight / total)} | ${a.questions.length} | ${a.knockout ? `below ${a.knockout.below}` : ''} |\n`;
    for (const a of r.areas) {
      out += `\n### ${mdCell(a.name)}\n\n`;
      if (a.description) out += `${mdCell(a.description)}\n\n`;
      for (const q of a.questions) {
        out += `- **${mdCell(q.id)}**: ${mdCell(q.text)}${q.knockout ? ` (knockout below ${q.knockout.below})` : ''}\n`;
        for (const k of sortedKeys(q.guidance)) out += `  - ${k}: ${mdCell(q.guidance[k]!)}\n`;
      }
    }
    return out;
  }
  const p = painter(opts.color);
  const lines: string[] = [];
  lines.push(`${p.bold(safeText(r.title))} (${safeText(r.id)}@${safeText(String(r.version))})`);
  const labels = sortedKeys(r.scale.labels).map((k) => `${k} ${safeText(r.scale.labels[k]!)}`).join(', ');
  lines.push(p.dim(`Scale ${r.scale.min}–${r.scale.max}, step ${r.scale.step}${labels ? ` (${labels})` : ''}; unanswered counts as ${r.missing}; aggregate ${r.aggregate}; disagreement at ${r.disagreement} points`));
  for (const a of r.areas) {
    lines.push('');
    const ko = a.knockout ? p.red(` knockout below ${a.knockout.below}${a.knockout.reason ? `: ${safeText(a.knockout.reason)}` : ''}`) : '';
    lines.push(`${p.bold(safeText(a.name))} ${p.dim(`(${a.id})`)} weight ${a.weight} = ${percent(a.weight / total)}${ko}`);
    if (a.description) lines.push(p.dim(`  ${safeText(a.description)}`));
    for (const q of a.questions) {
      const extra = [q.weight !== 1 ? `weight ${q.weight}` : '', q.knockout ? p.red(`knockout below ${q.knockout.below}`) : '', q.evidence ? 'evidence expected' : ''].filter(Boolean).join(', ');
      lines.push(`  • ${safeText(q.id)}${extra ? ` (${extra})` : ''}: ${safeText(q.text)}`);
      for (const k of sortedKeys(q.guidance)) lines.push(p.dim(`      ${k}: ${safeText(q.guidance[k]!)}`));
    }
  }
  return lines.join('\n') + '\n';
}
