import { describe, expect, it } from 'vitest';
import { alpha, alphaWithInterval, coincidences } from '../../src/core/krippendorff.js';

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: observers
// A–D, units 1–12, missing values left out of each unit.
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const units = A.map((_, i) => [A[i], B[i], C[i], D[i]].filter((x): x is number => x !== null));

describe("Krippendorff's alpha", () => {
  const c = coincidences(units);
  it('reproduces the published values (nominal .743, ordinal .815, interval .849, ratio .797)', () => {
    expect(alpha(c, 'nominal')).toBeCloseTo(0.743, 3);
    expect(alpha(c, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(alpha(c, 'interval')).toBeCloseTo(0.849, 3);
    expect(alpha(c, 'ratio')).toBeCloseTo(0.797, 3);
  });
  it('leaves out unit 12 (one value): 40 pairable values in 11 units', () => {
    expect(c.units.length).toBe(11);
  });
  it('perfect agreement is 1; no variation at all is undefined', () => {
    expect(alpha(coincidences([[1, 1], [2, 2], [3, 3]]), 'interval')).toBe(1);
    expect(alpha(coincidences([[2, 2], [2, 2]]), 'interval')).toBeNull();
    expect(alpha(coincidences([[2], [3]]), 'interval')).toBeNull();
  });
  it('a two-coder binary example by hand: alpha = 1 − (n−1)·D_o/D_e', () => {
    // Units (0,0), (0,1), (1,1): o01 = o10 = 1, o00 = o11 = 2; n0 = n1 = 3, n = 6.
    // nominal: 1 − 5·2 / (3·3·2) = 1 − 10/18 = 0.4444
    expect(alpha(coincidences([[0, 0], [0, 1], [1, 1]]), 'nominal')).toBeCloseTo(4 / 9, 12);
  });
  it('the bootstrap interval is seeded and brackets the estimate', () => {
    const a = alphaWithInterval(c, { samples: 500, seed: 7, confidence: 0.95 });
    const b = alphaWithInterval(c, { samples: 500, seed: 7, confidence: 0.95 });
    expect(a).toEqual(b);
    expect(a.interval.low!).toBeLessThan(a.interval.value!);
    expect(a.interval.high!).toBeGreaterThanOrEqual(a.interval.value!);
  });
});
