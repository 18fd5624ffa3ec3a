import type { Comparison, VendorResult } from '../core/types.js';
import { valueForMoney } from '../core/value.js';
import { safeText } from '../text/sanitize.js';
import { csvNumber } from './numbers.js';
import type { Baseline } from './movement.js';

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** A line (of a cell) a spreadsheet would read as a formula: = + - @ (or their full-width forms), maybe after spaces. */
const FORMULA_START = /(^|\n)(?=[ ]*[=+\-@\uff1d\uff0b\uff0d\uff20])/g;

/**
 * One CSV cell (RFC 4180). Text is made safe to print (escape sequences removed, controls and
 * bidi characters shown escaped, tabs as spaces, line breaks kept inside the quoted cell), and a
 * line that a spreadsheet would run as a formula gets a leading apostrophe: at the start of the
 * cell and after every line break in it. Numbers, and text that is exactly a number, stay numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? csvNumber(value) : '';
  let s = safeText(String(value), { keepLines: true });
  if (!NUMBER.test(s)) s = s.replace(FORMULA_START, "$1'");
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function renderCsv(c: Comparison, vendors: readonly VendorResult[] = c.vendors, baseline?: Baseline): string {
  const areas = c.rubric.areas;
  // Areas by name, as a spreadsheet shows them (JSON keys them by id).
  const priced = c.price ? valueForMoney(c) : undefined;
  const priceHead = priced ? ['quality', 'price_score', 'cost', 'currency', 'cost_per_point', 'frontier'] : [];
  let out = csvRow(['rank', 'vendor_id', 'vendor', 'total', ...priceHead, 'status', 'complete', ...areas.map((a) => a.name), 'knockouts', ...(baseline ? ['previous_rank', 'rank_change', 'previous_total', 'total_delta'] : [])]);
  for (const v of vendors) {
    const worth = priced?.get(v.id);
    out += csvRow([
      v.rank,
      v.id,
      v.name,
      v.total,
      ...(priced ? [v.quality, v.price?.score ?? null, v.price?.cost ?? null, v.price?.currency ?? null, worth?.costPerPoint ?? null, worth ? worth.frontier : null] : []),
      v.status,
      v.complete,
      ...v.areas.map((a) => a.normalized),
      v.knockouts.map((k) => k.reason).join('; '),
      ...(baseline ? movementCsv(baseline, v) : []),
    ]);
  }
  return out;
}

/** With --baseline: previous rank, rank change (up is positive), previous total, change of total. */
function movementCsv(b: Baseline, v: VendorResult): Array<number | null> {
  const m = b.movement.get(v.id);
  return m ? [m.previousRank, m.rankChange, m.previousTotal, m.totalDelta] : [null, null, null, null];
}
