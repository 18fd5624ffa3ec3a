import { deltaText, type Change, type Ranked, type VendorDiff } from '../core/diff.js';
import { htmlText, mdCell, mdRow } from './markdown.js';
import { safeJson, safeText } from '../text/sanitize.js';

/* `vendorscore diff`: what moved in the ranking between two results files, and why. */

export const ATTRIBUTION_NOTE =
  'Each change is valued when applied in this order: scoring rules, rubric questions, area weights, question weights, evaluators removed, evaluators added, answers; the parts add up to each vendor\'s change.';

const MAX_CHANGES = 8;

export interface DiffReport {
  from: string;
  to: string;
  vendors: VendorDiff[];
}

function rankText(r: Ranked | null): string {
  if (!r) return '—';
  return r.rank === null ? 'disqualified' : String(r.rank);
}

function rankMove(d: VendorDiff): string {
  const a = d.before?.rank ?? null;
  const b = d.after?.rank ?? null;
  if (a === null || b === null || a === b) return '';
  return a > b ? ` ↑${a - b}` : ` ↓${b - a}`;
}

type Kind = 'changed' | 'new' | 'removed' | 'unchanged';
function kindOf(d: VendorDiff): Kind {
  if (!d.before) return 'new';
  if (!d.after) return 'removed';
  const same = d.changes.length === 0 && d.before.rank === d.after.rank && d.before.status === d.after.status && Math.abs(d.delta) < 1e-9;
  return same ? 'unchanged' : 'changed';
}

/** The changes worth a line each, and the rest folded into one. */
function shown(d: VendorDiff): { lines: Change[]; rest: { count: number; effect: number } } {
  const lines = d.changes.slice(0, MAX_CHANGES);
  const more = d.changes.slice(MAX_CHANGES);
  return { lines, rest: { count: more.length, effect: more.reduce((s, c) => s + c.effect, 0) } };
}

function headline(d: VendorDiff, text: (s: string) => string): string {
  const name = text(d.name);
  switch (kindOf(d)) {
    case 'new':
      return `${name}: new, ${d.after!.rank === null ? 'disqualified' : `rank ${d.after!.rank}`}, ${d.after!.total.toFixed(1)}`;
    case 'removed':
      return `${name}: no longer evaluated (was ${d.before!.rank === null ? 'disqualified' : `rank ${d.before!.rank}`}, ${d.before!.total.toFixed(1)})`;
    default: {
      const place = (r: Ranked) => (r.rank === null ? 'disqualified' : `rank ${r.rank}`);
      const rank = d.before!.rank === d.after!.rank ? place(d.after!) : `${place(d.before!)} → ${rankText(d.after)}${rankMove(d)}`;
      const status = d.before!.status !== d.after!.status && d.after!.status === 'qualified' ? ', no longer disqualified' : '';
      const own = d.changes.length === 0 ? ' (no change of its own)' : '';
      return `${name}: ${rank}${status}, ${d.before!.total.toFixed(1)} → ${d.after!.total.toFixed(1)} (${deltaText(d.delta)})${own}`;
    }
  }
}

export function renderDiffText(r: DiffReport): string {
  let out = `What changed: ${safeText(r.from)} → ${safeText(r.to)}\n`;
  const unchanged: VendorDiff[] = [];
  for (const d of r.vendors) {
    if (kindOf(d) === 'unchanged') {
      unchanged.push(d);
      continue;
    }
    out += `\n${headline(d, (s) => safeText(s))}\n`;
    const { lines, rest } = shown(d);
    for (const c of lines) out += `  ${deltaText(c.effect).padStart(6)}  ${safeText(c.description)}\n`;
    if (rest.count > 0) out += `  ${deltaText(rest.effect).padStart(6)}  ${rest.count} smaller change(s)\n`;
    for (const k of d.newKnockouts) out += `      ✗  new knockout: ${safeText(k)}\n`;
  }
  if (unchanged.length > 0) out += `\nUnchanged: ${unchanged.map((d) => `${safeText(d.name)} (${d.after!.rank === null ? 'disqualified' : `rank ${d.after!.rank}`}, ${d.after!.total.toFixed(1)})`).join(', ')}\n`;
  if (r.vendors.every((d) => kindOf(d) === 'unchanged')) return out + '\nNothing moved: the same vendors, ranks and totals.\n';
  return out + `\n${ATTRIBUTION_NOTE}\n`;
}

export function renderDiffMarkdown(r: DiffReport): string {
  let out = `### What changed in the vendor ranking\n\n`;
  out += mdRow(['Vendor', 'Rank', 'Total', 'Δ']);
  out += mdRow([':---', ':---', '---:', '---:']);
  for (const d of r.vendors) {
    const k = kindOf(d);
    const rank = k === 'new' ? `new: ${rankText(d.after)}` : k === 'removed' ? `${rankText(d.before)} → gone` : d.before!.rank === d.after!.rank ? rankText(d.after) : `${rankText(d.before)} → ${rankText(d.after)}${rankMove(d)}`;
    const total = k === 'new' ? d.after!.total.toFixed(1) : k === 'removed' ? `${d.before!.total.toFixed(1)} → —` : `${d.before!.total.toFixed(1)} → ${d.after!.total.toFixed(1)}`;
    out += mdRow([mdCell(d.name), rank, total, k === 'changed' || k === 'unchanged' ? deltaText(d.delta) : '—']);
  }
  const explained = r.vendors.filter((d) => kindOf(d) === 'changed' && (d.changes.length > 0 || d.newKnockouts.length > 0));
  for (const d of explained) {
    out += `\n**${mdCell(d.name)}**: ${d.before!.total.toFixed(1)} → ${d.after!.total.toFixed(1)} (${deltaText(d.delta)})\n\n`;
    const { lines, rest } = shown(d);
    for (const c of lines) out += `- ${deltaText(c.effect)}: ${mdCell(c.description)}\n`;
    if (rest.count > 0) out += `- ${deltaText(rest.effect)}: ${rest.count} smaller change(s)\n`;
    for (const k of d.newKnockouts) out += `- ❌ new knockout: ${mdCell(k)}\n`;
  }
  if (r.vendors.every((d) => kindOf(d) === 'unchanged')) return out + '\nNothing moved: the same vendors, ranks and totals.\n';
  return out + `\n<sub>${htmlText(ATTRIBUTION_NOTE)}</sub>\n`;
}

export function renderDiffJson(r: DiffReport): string {
  return (
    safeJson(
      {
        from: r.from,
        to: r.to,
        method: 'sequential-substitution',
        order: ['rules', 'rubric', 'area-weight', 'question-weight', 'evaluator-removed', 'evaluator-added', 'answer'],
        vendors: r.vendors.map((d) => ({ id: d.id, name: d.name, before: d.before, after: d.after, delta: d.delta, changes: d.changes, newKnockouts: d.newKnockouts })),
      },
    ) + '\n'
  );
}
