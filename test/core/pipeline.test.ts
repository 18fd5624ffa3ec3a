import { describe, expect, it } from 'vitest';
import { decisionMatrix } from '../../src/core/aggregate.js';
import { METHODS, weightedSum, withPrice, type Method } from '../../src/core/method.js';
import { compareVendors, decide, defaultOptions } from '../../src/core/score.js';
import type { DecisionMatrix } from '../../src/core/types.js';
import { ev, smallRubric } from './fixtures.js';

const R = smallRubric();
const evs = [ev('x', 'E1', { q1: 4, q2: 2, q3: 5, q4: 3 }), ev('y', 'E1', { q1: 5, q2: 5, q3: 1, q4: 5 }), ev('z', 'E1', { q1: 3, q2: 3, q3: 3, q4: 3 })];

describe('the decision pipeline: evaluations → matrix → method → totals → ranking', () => {
  it('the matrix has one column per area and one row per vendor, with knockouts and completeness, and no total', () => {
    const m = decisionMatrix(R, evs, defaultOptions(R));
    expect(m.criteria).toEqual([
      { kind: 'area', id: 'a', name: 'Area A', weight: 3 },
      { kind: 'area', id: 'b', name: 'Area B', weight: 1 },
    ]);
    expect(m.rows.map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(m.rows.map((r) => r.cells)).toEqual([[50, 80], [100, 60], [60, 60]]);
    expect(m.rows.map((r) => r.status)).toEqual(['qualified', 'disqualified', 'qualified']);
    expect(m.rows.every((r) => r.complete)).toBe(true);
    expect(m.rows[0]).not.toHaveProperty('total');
  });

  it('decide(matrix, weighted sum) is compareVendors', () => {
    const m = decisionMatrix(R, evs, defaultOptions(R));
    expect(decide(m, weightedSum)).toEqual(compareVendors(R, evs, defaultOptions(R)));
    expect(decide(m).method).toBe('weighted-sum');
    expect(METHODS['weighted-sum']).toBe(weightedSum);
  });

  it('a method is a pluggable step: another method ranks the same matrix its own way', () => {
    // A stand-in method: the lowest cell (a "weakest link" rule).
    const weakest: Method = { id: 'weighted-sum', totals: ({ rows }) => rows.map((r) => Math.min(...r.cells.map((c) => c ?? 0))) };
    const c = decide(decisionMatrix(R, evs, defaultOptions(R)), weakest);
    expect(c.vendors.map((v) => [v.id, v.total, v.rank])).toEqual([['z', 60, 1], ['x', 50, 2], ['y', 60, null]]);
  });

  it('price is a criterion that is not an area: its percent of the total, the areas sharing the rest', () => {
    const m = decisionMatrix(R, evs, defaultOptions(R));
    const priced: DecisionMatrix = {
      ...m,
      criteria: [...m.criteria, { kind: 'price', id: 'price', name: 'Price', weight: 50 }],
      rows: m.rows.map((r, i) => ({ ...r, cells: [...r.cells, [100, null, 40][i]!] })),
    };
    // x: quality (3·50 + 80)/4 = 57.5 → 0.5·57.5 + 0.5·100 = 78.75; z: 60 → 0.5·60 + 0.5·40 = 50.
    expect(weightedSum.totals(priced)).toEqual([78.75, 90, 50]);
    expect(withPrice(57.5, null, 50)).toBe(57.5);
  });
});
