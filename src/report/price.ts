import type { Comparison, VendorResult } from '../core/types.js';
import { valueForMoney, type Value } from '../core/value.js';
import { fixed1, percent, thousands } from './numbers.js';

/*
 * What every renderer shows of price when the rubric prices and the envelope is open: quality,
 * price score, cost, cost per quality point with the frontier marked, and one legend line.
 * Nothing here ever sees a below-min-quality vendor's cost: the core gives it none.
 */

export const FRONTIER = '◆';

export const PRICE_HEADS = ['Quality', 'Price', 'Cost', 'Cost/pt'] as const;

/** 1,234,567 or 1,234.5: whole currency units with thousands separators, at most two decimals. */
export function money(n: number): string {
  const r = Math.round(n * 100) / 100;
  const [whole, frac] = String(Math.abs(r)).split('.');
  return `${r < 0 ? '−' : ''}${thousands(Number(whole))}${frac ? `.${frac.padEnd(2, '0')}` : ''}`;
}

export interface PriceView {
  value: Map<string, Value>;
  /** Quality, price score, cost, cost per point (◆ on the frontier): '—' where there is none. */
  cells(v: VendorResult): string[];
  /** The rule, the lowest cost, what the columns mean: as items (for a legend that wraps) and as one line. */
  items: string[];
  legend: string;
}

/** undefined when nothing is priced (no price section, or --quality-only). */
export function priceView(c: Comparison): PriceView | undefined {
  const p = c.price;
  if (!p) return undefined;
  const value = valueForMoney(c);
  const cells = (v: VendorResult) => {
    const worth = value.get(v.id);
    const perPoint = worth?.costPerPoint ?? null;
    return [
      fixed1(v.quality),
      v.price?.score == null ? '—' : fixed1(v.price.score),
      v.price ? money(v.price.cost) : '—',
      perPoint === null ? '—' : `${money(perPoint)}${worth!.frontier ? ` ${FRONTIER}` : ''}`,
    ];
  };
  const years = p.horizonYears === 1 ? '1 year' : `${p.horizonYears} years`;
  const lowest = p.lowestCost === null ? 'no vendor priced' : `lowest cost ${money(p.lowestCost)}`;
  const items = [`${percent(p.weight / 100)} of the total`, p.formula, p.currency, `yearly lines × ${years}`, `min-quality ${p.minQuality}`, lowest, 'Cost/pt: cost per quality point', `${FRONTIER} efficient frontier: no vendor has more quality for less`];
  const legend = `Price: ${items.join(' · ')}`;
  return { value, cells, items, legend };
}

/** Under --quality-only with a priced rubric: one line saying the price envelope stayed closed. */
export function closedEnvelope(c: Comparison): string | undefined {
  const rule = c.rubric.price;
  if (!rule || c.price) return undefined;
  return `Price: not opened (quality only); price would count ${percent(rule.weight / 100)} of the total; no quote was read`;
}

/** The mark legend's price entries, shown only when price is in play. */
export const PRICE_MARKS: ReadonlyArray<readonly [string, string]> = [
  ['○', 'not priced (below min-quality, or no quote)'],
];

/** One vendor's price in a sentence, for `score`; undefined when nothing is priced. */
export function priceLine(c: Comparison, v: VendorResult): string | undefined {
  const view = priceView(c);
  if (!view) return closedEnvelope(c);
  const q = `quality ${fixed1(v.quality)}`;
  if (v.status === 'below-min-quality') return `${q}, below min-quality ${c.price!.minQuality}: price not opened`;
  if (!v.price) return `${q} · no quote`;
  const worth = view.value.get(v.id);
  const score = v.price.score === null ? 'no price score (not ranked)' : `price score ${fixed1(v.price.score)}`;
  const per = worth?.costPerPoint == null ? '' : ` · ${money(worth.costPerPoint)} ${v.price.currency} per quality point${worth.frontier ? ` · ${FRONTIER} on the efficient frontier` : ''}`;
  return `${q} · ${score} · cost ${money(v.price.cost)} ${v.price.currency}${per}`;
}
