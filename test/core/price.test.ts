import { describe, expect, it } from 'vitest';
import { priceScore, quoteCost, scoreBids } from '../../src/core/price.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { valueForMoney } from '../../src/core/value.js';
import type { Area, Evaluation, PriceRule, Quote, Rubric } from '../../src/core/types.js';

/** One question on 0–4: a score of s gives quality 25·s. */
function rubric(price: Partial<PriceRule> = {}, knockout?: number): Rubric {
  const area: Area = { id: 'd', name: 'Delivery', weight: 1, questions: [{ id: 'q', text: 'Q', weight: 1, guidance: {}, knockout: knockout === undefined ? undefined : { below: knockout } }] };
  return {
    id: 'p', version: 1, title: 'P', scale: { min: 0, max: 4, step: 1, labels: {} }, missing: 'min', aggregate: 'mean', disagreement: 2, areas: [area],
    price: { weight: 50, formula: 'ratio', currency: 'USD', minQuality: 0, horizonYears: 1, ...price },
  };
}
const ev = (id: string, score: number): Evaluation => ({ file: `${id}.yaml`, vendor: { id, name: id.toUpperCase() }, rubric: 'p@1', evaluator: 'Ann', answers: { q: { score, evidence: [] } } });
const quote = (id: string, lines: Quote['lines']): Quote => ({ file: `quotes/${id}.yaml`, vendor: { id, name: id.toUpperCase() }, currency: 'USD', lines });
const quotes = (costs: Record<string, number>) => new Map(Object.entries(costs).map(([id, amount]) => [id, quote(id, [{ item: 'all', amount }])]));

const run = (r: Rubric, evs: Evaluation[], q: Map<string, Quote>) => compareVendors(r, evs, defaultOptions(r), { quotes: q });
const byId = (c: ReturnType<typeof run>) => new Map(c.vendors.map((v) => [v.id, v]));

describe('price: the published checks', () => {
  it('quality 50, 75, 100, costs 50, 75, 100, weight 50, ratio: totals A 75, B 70.83, C 75 (the middle bid loses)', () => {
    const c = run(rubric(), [ev('a', 2), ev('b', 3), ev('c', 4)], quotes({ a: 50, b: 75, c: 100 }));
    const v = byId(c);
    expect(v.get('a')!.total).toBe(75);
    expect(v.get('b')!.total).toBeCloseTo(70.8333333333, 9);
    expect(v.get('c')!.total).toBe(75);
    expect(c.vendors.map((x) => [x.id, x.rank])).toEqual([['a', 1], ['c', 1], ['b', 3]]);
    expect(v.get('b')!.quality).toBe(75);
    expect(v.get('b')!.price).toEqual({ cost: 75, currency: 'USD', score: (100 * 50) / 75 });
    expect(c.price).toMatchObject({ formula: 'ratio', weight: 50, currency: 'USD', minQuality: 0, horizonYears: 1, lowestCost: 50 });
  });

  it('World Bank QCBS: price score = 100 × lowest / price', () => {
    expect(priceScore({ formula: 'ratio' }, 120_000, 80_000)).toBeCloseTo(66.6666666667, 9);
    expect(priceScore({ formula: 'ratio' }, 80_000, 80_000)).toBe(100);
    const { scores, lowest } = scoreBids({ formula: 'ratio' }, [{ id: 'x', cost: 200 }, { id: 'y', cost: 100 }, { id: 'z', cost: 400 }]);
    expect(lowest).toBe(100);
    expect([...scores]).toEqual([['x', 50], ['y', 100], ['z', 25]]);
  });
});

describe('price: the arithmetic, by hand', () => {
  it('cost = one-off lines + yearly lines × horizon-years', () => {
    expect(quoteCost([{ item: 'pilot', amount: 60_000 }, { item: 'run', amount: 90_000, per: 'year' }], 3)).toBe(330_000);
    expect(quoteCost([{ item: 'run', amount: 90_000, per: 'year' }], 1)).toBe(90_000);
  });

  it('linear: 100 × (1 − (c − c_min) / c_min), never below 0', () => {
    expect(priceScore({ formula: 'linear' }, 150, 100)).toBe(50);
    expect(priceScore({ formula: 'linear' }, 250, 100)).toBe(0);
    expect(priceScore({ formula: 'linear' }, 100, 100)).toBe(100);
  });

  it('range: 100 × (worst − c) / (worst − best), clamped to 0–100', () => {
    const r = { formula: 'range' as const, range: { best: 50_000, worst: 400_000 } };
    expect(priceScore(r, 225_000, 0)).toBe(50);
    expect(priceScore(r, 10_000, 0)).toBe(100);
    expect(priceScore(r, 500_000, 0)).toBe(0);
  });

  it('min-quality: a vendor below it is not ranked and its price is never opened; the reference set ignores it', () => {
    const c = run(rubric({ minQuality: 60 }), [ev('a', 2), ev('b', 3), ev('c', 4)], quotes({ a: 10, b: 75, c: 100 }));
    const v = byId(c);
    expect(v.get('a')!.status).toBe('below-min-quality');
    expect(v.get('a')!.price).toBeNull();
    expect(v.get('a')!.rank).toBeNull();
    expect(v.get('a')!.total).toBe(50);
    expect(c.price!.lowestCost).toBe(75);
    expect(v.get('b')!.price!.score).toBe(100);
    // b: ½·75 + ½·100 = 87.5; c: ½·100 + ½·75 = 87.5, a tie listed by name; a after the ranked vendors.
    expect(c.vendors.map((x) => [x.id, x.rank])).toEqual([['b', 1], ['c', 1], ['a', null]]);
    expect(JSON.stringify(c.vendors.find((x) => x.id === 'a'))).not.toContain('10');
  });

  it('no quote: listed after the ranked vendors with status no-quote; a knocked-out vendor keeps its status and gets no price score', () => {
    const c = run(rubric({}, 2), [ev('a', 1), ev('b', 3), ev('c', 4)], quotes({ a: 10, c: 100 }));
    const v = byId(c);
    expect(v.get('a')!.status).toBe('disqualified');
    expect(v.get('a')!.price).toEqual({ cost: 10, currency: 'USD', score: null });
    expect(v.get('b')!.status).toBe('no-quote');
    expect(v.get('b')!.price).toBeNull();
    expect(c.price!.lowestCost).toBe(100);
    expect(v.get('c')!.total).toBe(100);
    expect(c.vendors.map((x) => [x.id, x.rank])).toEqual([['c', 1], ['b', null], ['a', null]]);
  });

  it('without quotes (quality only) nothing is priced: total = quality', () => {
    const c = compareVendors(rubric(), [ev('a', 2), ev('b', 3)], defaultOptions(rubric()));
    expect(c.price).toBeNull();
    expect(c.vendors.map((v) => [v.id, v.total, v.quality, v.price])).toEqual([['b', 75, 75, null], ['a', 50, 50, null]]);
  });
});

describe('value for money', () => {
  it('cost per quality point, and the efficient frontier: no other vendor has at least the quality for at most the cost', () => {
    const c = run(rubric(), [ev('a', 2), ev('b', 3), ev('c', 4), ev('d', 3)], quotes({ a: 50, b: 75, c: 100, d: 90 }));
    const value = valueForMoney(c);
    expect(value.get('a')).toEqual({ costPerPoint: 1, frontier: true });
    expect(value.get('b')!.frontier).toBe(true);
    expect(value.get('c')!.frontier).toBe(true);
    expect(value.get('d')).toEqual({ costPerPoint: 1.2, frontier: false });
  });
});

describe('the lowest-bid trap', () => {
  // Weight 50, ratio. With every bid: X 45 + 25 = 70 ahead of Y 36 + 31.25 = 67.25. Without L's
  // (the lowest, 50), the lowest is Y's 80: X 45 + 40 = 85, Y 36 + 50 = 86, so they change places.
  const evs = [ev('l', 0), ev('x', 0), ev('y', 0)];
  const r = rubric();

  it('ratio: without the lowest bid two other vendors change places, and the probe says which', async () => {
    const { lowestBidTrap } = await import('../../src/core/price-probes.js');
    const { decide } = await import('../../src/core/score.js');
    const { decisionMatrix } = await import('../../src/core/aggregate.js');
    // Qualities 30, 90, 72 through the pipeline itself: one question on 0–100 in steps of 1.
    const r100: Rubric = { ...r, scale: { min: 0, max: 100, step: 1, labels: {} } };
    const c = decide(decisionMatrix(r100, [ev('l', 30), ev('x', 90), ev('y', 72)], defaultOptions(r100)), { quotes: quotes({ l: 50, x: 100, y: 80 }) });
    expect(c.vendors.map((v) => [v.id, v.total])).toEqual([['x', 70], ['y', 67.25], ['l', 65]]);
    expect(lowestBidTrap(c)!.swaps).toEqual([{ without: 'l', wasAhead: 'x', nowAhead: 'y' }]);
  });

  it('range is immune: each cost is scored on its own scale', async () => {
    const { lowestBidTrap } = await import('../../src/core/price-probes.js');
    const c = run(rubric({ formula: 'range', range: { best: 0, worst: 200 } }), evs, quotes({ l: 50, x: 100, y: 80 }));
    expect(lowestBidTrap(c)).toEqual({ formula: 'range', immune: true, swaps: [] });
  });

  it('the price weight probed like an area weight: who leads at every weight from 0% to 100%', async () => {
    const { priceFlips } = await import('../../src/core/price-probes.js');
    // Quality 100 at cost 100 against quality 50 at cost 50 (ratio): equal at 50%.
    const c = run(rubric({ weight: 30 }), [ev('a', 2), ev('c', 4)], quotes({ a: 50, c: 100 }));
    expect(priceFlips(c)).toEqual({ weight: 30, segments: [{ from: 0, to: 50, leaders: ['c'] }, { from: 50, to: 100, leaders: ['a'] }] });
  });
});
