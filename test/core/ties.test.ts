import { describe, expect, it } from 'vitest';
import { atLeast, joinsTieGroup, TIE_TOLERANCE, tieGroups } from '../../src/core/ties.js';
import { rankVendors } from '../../src/core/score.js';
import type { VendorResult } from '../../src/core/types.js';

const vendor = (id: string, total: number, status: VendorResult['status'] = 'qualified'): VendorResult => ({
  id, name: id.toUpperCase(), rank: null, total, status, complete: true, evaluators: ['E'], areas: [], knockouts: [], flags: [], unanswered: [], cells: [],
});

describe('the near-tie rule', () => {
  it('is 1e-9 points, inclusive', () => {
    expect(TIE_TOLERANCE).toBe(1e-9);
    expect(joinsTieGroup(50, 50 - 1e-9)).toBe(true);
    expect(joinsTieGroup(50, 50 - 2e-9)).toBe(false);
    expect(atLeast(70 - 0.5e-9, 70)).toBe(true);
    expect(atLeast(69.96, 70)).toBe(false);
  });

  it('chains: three totals each within the tolerance of the next are one group, whatever the input order', () => {
    // 50, 50 − 0.8e-9, 50 − 1.6e-9: neighbours 0.8e-9 apart (≤ 1e-9), ends 1.6e-9 apart (> 1e-9).
    const totals = [50 - 1.6e-9, 50, 50 - 0.8e-9, 49];
    expect(tieGroups(totals, (t) => t)).toEqual([[50 - 1.6e-9, 50, 50 - 0.8e-9], [49]]);
    expect(tieGroups([...totals].reverse(), (t) => t)).toEqual([[50 - 0.8e-9, 50, 50 - 1.6e-9], [49]]);
    // A gap of 1.1e-9 splits the chain.
    expect(tieGroups([50, 50 - 0.8e-9, 50 - 1.9e-9], (t) => t)).toEqual([[50, 50 - 0.8e-9], [50 - 1.9e-9]]);
  });

  it('the ranking uses it: the chain shares rank 1 (1, 1, 1, 4), listed by name', () => {
    const ranked = rankVendors([vendor('c', 50 - 1.6e-9), vendor('b', 50), vendor('a', 50 - 0.8e-9), vendor('d', 49), vendor('x', 99, 'disqualified')]);
    expect(ranked.map((v) => [v.id, v.rank])).toEqual([['a', 1], ['b', 1], ['c', 1], ['d', 4], ['x', null]]);
  });
});
