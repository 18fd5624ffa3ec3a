import type { Sensitivity } from '../core/sensitivity.js';
import type { Comparison } from '../core/types.js';
import { mdCell } from './markdown.js';
import { drawLines, evaluatorLines, marginLines, priceLines, stepLines, verdictLines, WARN, weightLines, type Line, type Words } from './sensitivity-lines.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { painter, type RenderOptions } from './style.js';

/** Every section, in reading order, blank lines between. */
function sections(w: Words): Line[] {
  const blank: Line = { depth: 0, text: '' };
  const price = priceLines(w);
  return [verdictLines(w), marginLines(w), weightLines(w), ...(price.length > 0 ? [price] : []), drawLines(w), evaluatorLines(w), stepLines(w)].flatMap((s, i) => (i === 0 ? s : [blank, ...s]));
}

export function renderSensitivityText(c: Comparison, s: Sensitivity, opts: RenderOptions): string {
  const p = painter(opts.color);
  const lines = sections({ c, s, clean: (x) => safeText(x), strong: (x) => p.bold(x) });
  const prefix = ['', '- ', '    '];
  return lines.map((l) => (l.text === '' ? '' : prefix[l.depth] + l.text)).join('\n').replaceAll(WARN, p.yellow(WARN)) + '\n';
}

export function renderSensitivityMarkdown(c: Comparison, s: Sensitivity): string {
  const lines = sections({ c, s, clean: mdCell, strong: (x) => `**${x}**` });
  const prefix = ['', '- ', '  - '];
  // A paragraph right after a list item would continue the item: a blank line ends the list.
  const md = lines.map((l, i) => (l.text === '' ? '' : `${l.depth === 0 && (lines[i - 1]?.depth ?? 0) > 0 ? '\n' : ''}${prefix[l.depth]}${l.text}`));
  return `### Would the ranking survive?\n\n${md.join('\n')}\n`;
}

export function renderSensitivityJson(c: Comparison, s: Sensitivity): string {
  return (
    safeJson({
      rubric: { id: c.rubric.id, version: c.rubric.version, scale: { min: c.rubric.scale.min, max: c.rubric.scale.max, step: c.rubric.scale.step } },
      options: { aggregate: c.options.aggregate, missing: c.options.missing, weights: c.options.weights },
      vendors: c.vendors.map((v) => ({ id: v.id, name: v.name, rank: v.rank, total: v.total, status: v.status })),
      ...s,
    }) + '\n'
  );
}
