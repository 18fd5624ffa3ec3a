/**
 * `compare --method topsis|all`: the ranking by each method side by side, the vendors whose rank
 * differs, and whether the winner depends on the method (docs/json.md#compare---method).
 */
import { leaders, type MethodRanking } from '../core/method-rankings.js';
import type { Comparison, VendorResult } from '../core/types.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { comparisonJson } from './json.js';
import { mdCell, mdRow } from './markdown.js';
import { fixed1 } from './numbers.js';
import { renderGrid, naturalWidths, type GridColumn, type GridCell } from './grid.js';
import { painter, type RenderOptions } from './style.js';

const LABEL = { wsm: 'WSM', topsis: 'TOPSIS' } as const;
const score = (r: MethodRanking, id: string) => (r.method === 'wsm' ? fixed1(r.scores.get(id)) : r.scores.get(id)!.toFixed(4));
const rankOf = (r: MethodRanking, id: string) => r.vendors.find((v) => v.id === id)!.rank;
const rankText = (rank: number | null) => (rank === null ? '–' : String(rank));

/** Vendors whose rank is not the same under every method, in the first method's order. */
export function rankChanges(rankings: readonly MethodRanking[]): VendorResult[] {
  return rankings[0]!.vendors.filter((v) => rankings.some((r) => rankOf(r, v.id) !== v.rank));
}

function names(ids: readonly string[], c: Comparison): string {
  return ids.map((id) => c.vendors.find((v) => v.id === id)!.name).join(' and ') || 'no vendor';
}

/** One sentence on whether the leaders are the same under every method. */
export function winnerLine(c: Comparison, rankings: readonly MethodRanking[]): string {
  const first = rankings.map(leaders);
  const same = first.every((l) => l.join() === first[0]!.join());
  if (same) return `The winner does not depend on the method: ${rankings.map((r) => LABEL[r.method]).join(' and ')} both rank ${names(first[0]!, c)} first.`;
  return `The winner depends on the method: ${rankings.map((r, i) => `${LABEL[r.method]} ranks ${names(first[i]!, c)} first`).join(', ')}.`;
}

function differsLine(c: Comparison, rankings: readonly MethodRanking[]): string | undefined {
  const moved = rankChanges(rankings);
  if (rankings.length < 2) return undefined;
  if (moved.length === 0) return 'Every vendor has the same rank under both methods.';
  return `Rank differs for ${moved.map((v) => `${v.name} (${rankings.map((r) => `${LABEL[r.method]} ${rankText(rankOf(r, v.id))}`).join(', ')})`).join('; ')}.`;
}

function heading(rankings: readonly MethodRanking[]): string {
  const topsis = 'TOPSIS: closeness to the ideal vendor over the same area scores and weights (vector normalisation)';
  return rankings.length > 1 ? `Ranking by method. WSM: the weighted total. ${topsis}.` : `Ranking by ${topsis}.`;
}

export function renderMethodsTable(c: Comparison, rankings: readonly MethodRanking[], opts: RenderOptions): string {
  const p = painter(opts.color);
  const order = rankings[0]!.vendors;
  const columns: GridColumn[] = [{ head: ['Vendor'], align: 'left' }, ...rankings.flatMap((r) => [{ head: [r.method === 'wsm' ? 'WSM total' : 'Closeness'], align: 'right' as const }, { head: [`${LABEL[r.method]} rank`], align: 'right' as const }]), { head: ['Status'], align: 'left' }];
  const moved = new Set(rankChanges(rankings).map((v) => v.id));
  const rows: GridCell[][] = order.map((v) => [
    { text: safeText(v.name) },
    ...rankings.flatMap((r) => [{ text: score(r, v.id) }, { text: rankText(rankOf(r, v.id)), paint: moved.has(v.id) ? p.yellow : undefined }]),
    { text: v.status === 'qualified' ? 'qualified' : 'disqualified' },
  ]);
  const lines = [heading(rankings), '', ...renderGrid(columns, rows, naturalWidths(columns, rows), { box: false, gap: 2, border: p.dim, head: p.bold }), ''];
  const differs = differsLine(c, rankings);
  if (differs) lines.push(safeText(differs));
  if (rankings.length > 1) lines.push(safeText(winnerLine(c, rankings)));
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

export function renderMethodsMarkdown(c: Comparison, rankings: readonly MethodRanking[]): string {
  const head = ['Vendor', ...rankings.flatMap((r) => [r.method === 'wsm' ? 'WSM total' : 'Closeness', `${LABEL[r.method]} rank`]), 'Status'];
  let out = `${mdCell(heading(rankings))}\n\n${mdRow(head)}\n${mdRow(head.map((_, i) => (i === 0 || i === head.length - 1 ? ':---' : '---:')))}\n`;
  for (const v of rankings[0]!.vendors) out += `${mdRow([mdCell(v.name), ...rankings.flatMap((r) => [score(r, v.id), rankText(rankOf(r, v.id))]), v.status])}\n`;
  const tail = [differsLine(c, rankings), rankings.length > 1 ? winnerLine(c, rankings) : undefined].filter((x): x is string => x !== undefined);
  return out + (tail.length > 0 ? `\n${tail.map(mdCell).join('\n\n')}\n` : '');
}

/** `--method topsis`: the compare JSON, vendors in TOPSIS order, each with its closeness after `total`. */
export function topsisJson(c: Comparison, r: MethodRanking): string {
  const base = comparisonJson(c, r.vendors);
  const vendors = base.vendors.map((v) => {
    const { id, name, rank, total, ...rest } = v;
    return { id, name, rank, total, closeness: r.scores.get(id)!, ...rest };
  });
  return safeJson({ rubric: base.rubric, options: { ...base.options, method: 'topsis' }, vendors }) + '\n';
}

/** `--method all`: both rankings, the vendors whose rank differs, and whether the winner depends on the method. */
export function allMethodsJson(c: Comparison, rankings: readonly MethodRanking[]): string {
  const base = comparisonJson(c);
  const [wsm, topsis] = rankings as [MethodRanking, MethodRanking];
  const moved = rankChanges(rankings).map((v) => v.id);
  const first = rankings.map(leaders);
  return safeJson({
    rubric: base.rubric,
    options: { ...base.options, method: 'all' },
    methods: rankings.map((r) => r.method),
    vendors: wsm.vendors.map((v) => ({ id: v.id, name: v.name, status: v.status, total: v.total, closeness: topsis.scores.get(v.id)!, ranks: { wsm: v.rank, topsis: rankOf(topsis, v.id) } })),
    leaders: { wsm: first[0], topsis: first[1] },
    winnerDependsOnMethod: first[0]!.join() !== first[1]!.join(),
    rankDiffers: moved,
  }) + '\n';
}
