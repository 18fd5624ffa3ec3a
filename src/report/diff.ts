import { deltaText, type Change, type Ranked, type VendorDiff } from '../core/diff.js';
import { htmlText, mdCell, mdRow } from './markdown.js';
import { fixed1, roundToSum, tenths } from './numbers.js';
import { safeJson, safeText } from '../text/sanitize.js';

/* `vendorscore diff`: what moved in the ranking between two results files, and why. */

export const ATTRIBUTION_NOTE =
  'Each change is valued when applied in this order: scoring rules, rubric questions, area weights, question weights, evaluators removed, evaluators added, answers, agreed scores; the parts add up to each vendor\'s change.';

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

/** The change as printed, in tenths: the difference of the printed totals. */
function printedDelta(d: VendorDiff): number {
  return tenths(d.after?.total ?? 0) - tenths(d.before?.total ?? 0);
}

const signed = (t: number) => deltaText(t / 10);

/**
 * The changes worth a line each and the rest folded into one, each with its effect as printed:
 * rounded by largest remainder so that the printed parts add up to the printed change.
 */
function shown(d: VendorDiff): { lines: Array<{ change: Change; printed: string }>; rest: { count: number; printed: string } } {
  const top = d.changes.slice(0, MAX_CHANGES);
  const more = d.changes.slice(MAX_CHANGES);
  const effects = [...top.map((c) => c.effect), ...(more.length > 0 ? [more.reduce((s, c) => s + c.effect, 0)] : [])];
  const parts = roundToSum(effects.map((e) => e * 10), printedDelta(d));
  return {
    lines: top.map((change, i) => ({ change, printed: signed(parts[i]!) })),
    rest: { count: more.length, printed: more.length > 0 ? signed(parts[top.length]!) : '' },
  };
}

function headline(d: VendorDiff, text: (s: string) => string): string {
  const name = text(d.name);
  switch (kindOf(d)) {
    case 'new':
      return `${name}: new, ${d.after!.rank === null ? 'disqualified' : `rank ${d.after!.rank}`}, ${fixed1(d.after!.total)}`;
    case 'removed':
      return `${name}: no longer evaluated (was ${d.before!.rank === null ? 'disqualified' : `rank ${d.before!.rank}`}, ${fixed1(d.before!.total)})`;
    default: {
      const place = (r: Ranked) => (r.rank === null ? 'disqualified' : `rank ${r.rank}`);
      const rank = d.before!.rank === d.after!.rank ? place(d.after!) : `${place(d.before!)} → ${rankText(d.after)}${rankMove(d)}`;
      const status = d.before!.status !== d.after!.status && d.after!.status === 'qualified' ? ', no longer disqualified' : '';
      const own = d.changes.length === 0 ? ' (no change of its own)' : '';
      return `${name}: ${rank}${status}, ${fixed1(d.before!.total)} → ${fixed1(d.after!.total)} (${signed(printedDelta(d))})${own}`;
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
    for (const { change, printed } of lines) out += `  ${printed.padStart(6)}  ${safeText(change.description)}\n`;
    if (rest.count > 0) out += `  ${rest.printed.padStart(6)}  ${rest.count} smaller change(s)\n`;
    for (const k of d.newKnockouts) out += `      ✗  new knockout: ${safeText(k)}\n`;
  }
  if (unchanged.length > 0) out += `\nUnchanged: ${unchanged.map((d) => `${safeText(d.name)} (${d.after!.rank === null ? 'disqualified' : `rank ${d.after!.rank}`}, ${fixed1(d.after!.total)})`).join(', ')}\n`;
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
    const total = k === 'new' ? fixed1(d.after!.total) : k === 'removed' ? `${fixed1(d.before!.total)} → —` : `${fixed1(d.before!.total)} → ${fixed1(d.after!.total)}`;
    out += mdRow([mdCell(d.name), rank, total, k === 'changed' || k === 'unchanged' ? signed(printedDelta(d)) : '—']);
  }
  const explained = r.vendors.filter((d) => kindOf(d) === 'changed' && (d.changes.length > 0 || d.newKnockouts.length > 0));
  for (const d of explained) {
    out += `\n**${mdCell(d.name)}**: ${fixed1(d.before!.total)} → ${fixed1(d.after!.total)} (${signed(printedDelta(d))})\n\n`;
    const { lines, rest } = shown(d);
    for (const { change, printed } of lines) out += `- ${printed}: ${mdCell(change.description)}\n`;
    if (rest.count > 0) out += `- ${rest.printed}: ${rest.count} smaller change(s)\n`;
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
        order: ['rules', 'rubric', 'area-weight', 'question-weight', 'evaluator-removed', 'evaluator-added', 'answer', 'agreed'],
        vendors: r.vendors.map((d) => ({ id: d.id, name: d.name, before: d.before, after: d.after, delta: d.delta, changes: d.changes, newKnockouts: d.newKnockouts })),
      },
    ) + '\n'
  );
}
