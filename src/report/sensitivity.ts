import type { Sensitivity } from '../core/sensitivity.js';
import type { Comparison } from '../core/types.js';
import { mdCell } from './markdown.js';
import { percent } from './numbers.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { painter, type RenderOptions } from './style.js';

function names(c: Comparison, ids: readonly string[], clean: (s: string) => string): string {
  if (ids.length === 0) return 'nobody (no qualified vendor)';
  return ids.map((id) => clean(c.vendors.find((v) => v.id === id)?.name ?? id)).join(' and ');
}

const pct = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x * 100))}%`;

/** The same findings as sentences, for a terminal (plain) or a pull request (markdown). */
function lines(c: Comparison, s: Sensitivity, clean: (x: string) => string, strong: (x: string) => string): string[] {
  const out: string[] = [];
  const lead = names(c, s.leader, clean);
  out.push(s.robust ? `${strong(`Robust: ${lead} stays first`)} under every change tried below.` : `${strong(`Fragile: the lead of ${lead} does not survive every change tried`)}; details below.`);
  out.push('');
  out.push(strong('Area weights, one at a time') + ': how far each can move before the leader changes, and before any two qualified vendors swap places:');
  const limit = (x: number | null, dir: string) => (x === null ? (dir === 'down' ? 'any cut' : 'any rise up to +200%') : pct(x));
  for (const w of s.weights) {
    const lead = (x: number | null, who: string | null) => (x === null ? '' : ` (${names(c, who ? [who] : [], clean)} leads)`);
    const swap = (x: number | null, pair: [string, string] | null) => (x === null || !pair ? '' : ` (${names(c, [pair[1]], clean)} passes ${names(c, [pair[0]], clean)})`);
    const fragile = (w.down !== null && w.down > -0.25) || (w.up !== null && w.up < 0.25);
    out.push(`- ${clean(w.name)} (${percent(w.weight)}): leader holds for ${limit(w.down, 'down')}${lead(w.down, w.downLeader)} and ${limit(w.up, 'up')}${lead(w.up, w.upLeader)}${fragile ? ' ⚠' : ''}; order holds from ${limit(w.orderDown, 'down')}${swap(w.orderDown, w.orderDownSwap)} to ${limit(w.orderUp, 'up')}${swap(w.orderUp, w.orderUpSwap)}`);
  }
  out.push('');
  out.push(`${strong(`All weights at random within ±${Math.round(s.draws.spread * 100)}%`)} (${s.draws.samples} draws, seed ${s.draws.seed}):`);
  for (const v of [...s.draws.vendors].sort((a, b) => b.first - a.first || a.bestRank - b.bestRank)) {
    out.push(`- ${clean(v.name)}: first in ${(v.first * 100).toFixed(1)}% of draws; rank ${v.bestRank === v.worstRank ? v.bestRank : `${v.bestRank}–${v.worstRank}`}`);
  }
  out.push('');
  out.push(`${strong('One evaluator at a time')} (left out, or every score ${s.bias} point${s.bias === 1 ? '' : 's'} harsher or kinder):`);
  const byEvaluator = new Map<string, typeof s.evaluators>();
  for (const e of s.evaluators) byEvaluator.set(e.evaluator, [...(byEvaluator.get(e.evaluator) ?? []), e]);
  for (const [who, checks] of byEvaluator) {
    const parts = checks.map((e) => {
      const verb = e.change === 'without' ? 'without them' : e.change;
      if (e.leaderChanged) return `${verb}: ${names(c, e.leader, clean)} leads ⚠`;
      const moved = e.moved.map((m) => `${names(c, [m.id], clean)} ${m.before ?? '–'}→${m.after ?? '–'}`).join(', ');
      return `${verb}: same leader${moved ? ` (${moved})` : ', same ranking'}`;
    });
    out.push(`- ${clean(who)}: ${parts.join('; ')}`);
  }
  return out;
}

export function renderSensitivityText(c: Comparison, s: Sensitivity, opts: RenderOptions): string {
  const p = painter(opts.color);
  return lines(c, s, (x) => safeText(x), (x) => p.bold(x)).join('\n').replace(/⚠/g, p.yellow('⚠')) + '\n';
}

export function renderSensitivityMarkdown(c: Comparison, s: Sensitivity): string {
  return `### Would the ranking survive?\n\n${lines(c, s, mdCell, (x) => `**${x}**`).join('\n')}\n`;
}

export function renderSensitivityJson(c: Comparison, s: Sensitivity): string {
  return safeJson({ rubric: { id: c.rubric.id, version: c.rubric.version }, options: { aggregate: c.options.aggregate, missing: c.options.missing }, ...s }) + '\n';
}
