import { describe, expect, it } from 'vitest';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { analyzeSensitivity } from '../../src/core/sensitivity.js';
import type { Comparison, Quote, VendorPrice } from '../../src/core/types.js';
import { boardCharts } from '../../src/report/board/charts.js';
import { buildBoardModel } from '../../src/report/board/model.js';
import { renderBoardPage } from '../../src/report/board/page.js';
import { forbiddenInSvg, renderCharts } from '../../src/report/board/svg.js';
import { ev, smallRubric } from '../core/fixtures.js';

const rubric = smallRubric();
const base = compareVendors(
  rubric,
  [
    ev('alpha', 'Ann', { q1: 5, q2: 4, q3: 4, q4: 4 }, 'Alpha'),
    ev('alpha', 'Bob', { q1: 4, q2: 4, q3: 5, q4: 3 }, 'Alpha'),
    ev('bravo', 'Ann', { q1: 3, q2: 4, q3: 3, q4: 3 }, 'Bravo'),
    ev('bravo', 'Bob', { q1: 4, q2: 3, q3: 3, q4: 4 }, 'Bravo'),
    ev('charlie', 'Ann', { q1: 2, q2: 3, q3: 2, q4: 3 }, 'Charlie'),
  ],
  defaultOptions(rubric),
);
const model = (c: Comparison) => buildBoardModel({ comparison: c, sensitivity: analyzeSensitivity(c, { samples: 200, spread: 0.2, seed: 1, bias: 1 }), date: '2026-12-01', evaluationDates: [] });

describe('the board model and its sections', () => {
  it('contributions add up to each total; the margin is leader minus runner-up', () => {
    const m = model(base);
    for (const v of m.vendors) expect(v.areas.reduce((s, a) => s + (a.contribution ?? 0), 0)).toBeCloseTo(v.total, 9);
    expect(m.margin).toBeCloseTo(base.vendors[0]!.total - base.vendors[1]!.total, 12);
    expect(m.frontier).toBeNull();
    expect(boardCharts(m).map((c) => c.id)).toEqual(['profile', 'contribution', 'heatmap', 'first']);
  });

  it('with prices, a value chart with its frontier and a cost column appear', async () => {
    const prices: Record<string, VendorPrice> = { alpha: { cost: 120000, currency: 'EUR', score: 40 }, bravo: { cost: 60000, currency: 'EUR', score: 80 }, charlie: { cost: 90000, currency: 'EUR', score: 50 } };
    const rule = { weight: 30, formula: 'ratio' as const, currency: 'EUR', minQuality: 0, horizonYears: 1, lowestCost: 60000 };
    const priced: Comparison = { ...base, price: rule, vendors: base.vendors.map((v) => ({ ...v, price: prices[v.id]! })) };
    const m = model(priced);
    expect(m.frontier).toEqual(['bravo', 'alpha']);
    const charts = boardCharts(m);
    expect(charts.map((c) => c.id)).toEqual(['profile', 'contribution', 'heatmap', 'first', 'value']);
    const rendered = await renderCharts(charts);
    const value = rendered.find((c) => c.id === 'value')!;
    expect(value.marks).toBe(3);
    expect(value.svg.match(/aria-roledescription="point"/g)).toHaveLength(3);
    for (const c of rendered) expect(forbiddenInSvg(c.svg)).toBeUndefined();
    const html = renderBoardPage(m, rendered);
    expect(html).toContain('<th class="num">Quality</th><th class="num">Price</th><th class="num">Cost</th><th class="num">Cost/pt</th>');
    expect(html).toMatch(/data-vendor="bravo">.*<td data-label="Price" class="num">80\.0<\/td><td data-label="Cost" class="num">60,000<\/td>/);
    expect(html).toContain('<table class="shortlist stack">');
  }, 30_000);

  it('with price, the contribution bars add up to the total: areas take the quality share, price the rest', () => {
    const priced = smallRubric({ price: { weight: 30, formula: 'ratio', currency: 'EUR', minQuality: 0, horizonYears: 1 } });
    const quote = (id: string, amount: number): [string, Quote] => [id, { file: `${id}.yaml`, vendor: { id, name: id }, currency: 'EUR', lines: [{ item: 'all', amount }] }];
    const evs = [ev('alpha', 'Ann', { q1: 5, q2: 4, q3: 4, q4: 4 }), ev('bravo', 'Ann', { q1: 3, q2: 4, q3: 3, q4: 3 })];
    const c = compareVendors(priced, evs, defaultOptions(priced), { quotes: new Map([quote('alpha', 200), quote('bravo', 100)]) });
    const m = model(c);
    for (const v of m.vendors) {
      const areas = v.areas.reduce((s, a) => s + (a.contribution ?? 0), 0);
      expect(areas + 0.3 * v.price!.score).toBeCloseTo(v.total, 9);
      expect(areas).toBeCloseTo(0.7 * v.result.quality, 9);
    }
  });

  it('one evaluator: no agreement section', () => {
    const solo = compareVendors(rubric, [ev('alpha', 'Ann', { q1: 5, q2: 4, q3: 4, q4: 4 }), ev('bravo', 'Ann', { q1: 3, q2: 3, q3: 3, q4: 3 })], defaultOptions(rubric));
    const html = renderBoardPage(model(solo), []);
    expect(html).not.toContain('id="agreement"');
    expect(html).toContain('id="method"');
  });
});

describe('forbiddenInSvg', () => {
  it('names the first tag or attribute the CSP would refuse; text is not markup', () => {
    expect(forbiddenInSvg('<svg><text x="1">&lt;script&gt; onload=1</text></svg>')).toBeUndefined();
    expect(forbiddenInSvg('<svg><g clip-path="url(#clip1)"></g></svg>')).toBeUndefined();
    expect(forbiddenInSvg('<svg><style>x{}</style></svg>')).toBe('<style>');
    expect(forbiddenInSvg('<svg><rect style="fill:red"/></svg>')).toBe('style=');
    expect(forbiddenInSvg('<svg><rect onclick="x"/></svg>')).toBe('onclick=');
    expect(forbiddenInSvg('<svg><rect fill="url(https://x.example/p)"/></svg>')).toBe('url( in fill');
  });
});
