import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVendors } from '../../src/core/score.js';
import { areaMatrix } from '../../src/core/sensitivity-matrix.js';
import { areaFlips } from '../../src/core/sensitivity-weights.js';
import type { Evaluation, Rubric } from '../../src/core/types.js';

// The closed-form flip points against the method itself: scan an area's weight over a log grid
// from 1e-3 to 1e4 times its value with compareVendors (the real scoring, --weights style), and
// every change of order between two grid points must be a reported swap in that interval, and
// every reported swap must show in the scan (unless the same pair swaps back within one interval).

const areaIds = ['a', 'b', 'c'];
const rubricOf = (weights: number[], ignore: boolean): Rubric => ({
  id: 'p', version: 1, title: 'P', scale: { min: 0, max: 5, step: 1, labels: {} }, missing: ignore ? 'ignore' : 'min', aggregate: 'mean', disagreement: 2,
  areas: areaIds.map((id, i) => ({ id, name: id, weight: weights[i]!, questions: [{ id: `${id}q`, text: '', weight: 1, guidance: {} }] })),
});
const score = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 4 });
const vendor = fc.record({ aq: score, bq: score, cq: score });
const input = fc.record({ vendors: fc.array(vendor, { minLength: 2, maxLength: 4 }), weights: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 3, maxLength: 3 }), ignore: fc.boolean(), area: fc.integer({ min: 0, max: 2 }) });

const GRID = 200;

describe('flip points agree with a scan by the method', () => {
  it('every change of order on a fine grid is a reported swap, and the segments name who leads at every point (property)', () => {
    fc.assert(
      fc.property(input, ({ vendors, weights, ignore, area }) => {
        const rubric = rubricOf(weights, ignore);
        const evs: Evaluation[] = vendors.map((answers, i) => ({ file: `v${i}.yaml`, vendor: { id: `v${i}`, name: `V${i}` }, rubric: 'p@1', evaluator: 'E', answers: Object.fromEntries(Object.entries(answers).map(([q, s]) => [q, { score: s, evidence: [] }])) }));
        const base = compareVendors(rubric, evs, { aggregate: 'mean', missing: rubric.missing, weights: {} });
        const flips = areaFlips(areaMatrix(base), area, rubric.areas[area]!, { spread: 0.2 });
        const w0 = weights[area]!;
        const orderAt = (w: number) => {
          const c = compareVendors(rubric, evs, { aggregate: 'mean', missing: rubric.missing, weights: { [areaIds[area]!]: w } });
          return new Map(c.vendors.filter((v) => v.status === 'qualified').map((v) => [v.id, v.total]));
        };
        const grid = Array.from({ length: GRID + 1 }, (_, k) => w0 * 1e-3 * 1e7 ** (k / GRID));
        const totals = grid.map(orderAt);
        // Who leads at each grid point, by the method, is who the segments say leads there.
        const leadersByMethod = (w: number) => compareVendors(rubric, evs, { aggregate: 'mean', missing: rubric.missing, weights: { [areaIds[area]!]: w } }).vendors.filter((v) => v.rank === 1).map((v) => v.id).sort();
        const edges = flips.segments.flatMap((g) => [g.from.raw, g.to?.raw ?? 0]);
        for (const w of grid) {
          if (edges.some((e) => Math.abs(e - w) <= 1e-6 * w)) continue;
          const seg = flips.segments.find((g) => g.from.raw < w && (g.to === null || w < g.to.raw))!;
          expect([...seg.leaders].sort()).toEqual(leadersByMethod(w));
        }
        expect(leadersByMethod(0)).toEqual([...flips.withoutArea].sort());
        const ahead = (t: Map<string, number>, i: string, j: string) => Math.sign(Math.round((t.get(i)! - t.get(j)!) * 1e6));
        const ids = [...totals[0]!.keys()];
        for (let k = 0; k < GRID; k++) {
          const [lo, hi] = [grid[k]!, grid[k + 1]!];
          for (const i of ids) for (const j of ids) {
            if (i >= j) continue;
            const before = ahead(totals[k]!, i, j);
            const after = ahead(totals[k + 1]!, i, j);
            const reported = flips.swaps.filter((s) => s.raw > lo && s.raw <= hi && [s.passes, s.passed].sort().join() === [i, j].join());
            // A strict change of order between two grid points is a crossing inside; a pair tied at
            // the current weight meets there, which is the tie, not a swap.
            const tiedNow = lo < w0 && w0 <= hi && Math.abs(base.vendors.find((v) => v.id === i)!.total - base.vendors.find((v) => v.id === j)!.total) <= 1e-9;
            if (before * after < 0 && !tiedNow) expect(reported.length % 2).toBe(1);
            // A reported swap inside shows as a change of order, unless it is undone inside too.
            if (reported.length === 1 && before !== 0 && after !== 0) expect(before * after).toBeLessThan(0);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
