import { describe, expect, it } from 'vitest';
import { ahp, nearestOnScale, geometricMeanMatrix } from '../../src/core/weights/ahp.js';
import { bwm } from '../../src/core/weights/bwm.js';
import { rankOrderCentroid } from '../../src/core/weights/roc.js';
import { swingWeights } from '../../src/core/weights/swing.js';

// Saaty's drinks example (rows and columns Coffee, Wine, Tea, Beer, Soda, Milk, Water).
export const DRINKS = [
  [1, 9, 5, 2, 1, 1, 1 / 2],
  [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
  [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [1, 9, 4, 2, 1, 2, 1 / 2],
  [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [2, 9, 9, 3, 2, 3, 1],
];
// Wang & Chin (2011): an inconsistent 6 × 6 matrix.
export const WANG_CHIN = [
  [1, 4, 3, 1, 3, 4],
  [1 / 4, 1, 7, 3, 1 / 5, 1],
  [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
  [1, 1 / 3, 5, 1, 1, 1 / 3],
  [1 / 3, 5, 5, 1, 1, 3],
  [1 / 4, 1, 6, 3, 1 / 3, 1],
];

const close = (actual: readonly number[], expected: readonly number[], digits: number) =>
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, digits));

describe('AHP', () => {
  it("reproduces Saaty's drinks: weights, λmax 7.1766, CR .0223 (Saaty 1980 table)", () => {
    const r = ahp([DRINKS]);
    close(r.weights, [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327], 3);
    expect(r.lambdaMax).toBeCloseTo(7.1766, 4);
    expect(r.ri).toBe(1.32);
    expect(r.cr).toBeCloseTo(0.0223, 4);
    expect(r.consistent).toBe(true);
    expect(r.worst).toEqual([]);
  });

  it('reproduces Wang & Chin (2011): weights, CR ≈ 0.23, flagged with repairs', () => {
    const r = ahp([WANG_CHIN]);
    close(r.weights, [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], 4);
    expect(r.cr).toBeCloseTo(0.23, 2);
    expect(r.consistent).toBe(false);
    expect(r.worst.length).toBeGreaterThan(0);
    // The worst judgment is the one furthest, as a ratio, from wᵢ/wⱼ; its repair is the nearest scale value.
    const top = r.worst[0]!;
    expect(top.deviation).toBeCloseTo(Math.max(top.value / top.implied, top.implied / top.value), 12);
    expect(top.repair).toBe(nearestOnScale(top.implied));
    for (const j of r.worst) expect(j.deviation).toBeLessThanOrEqual(top.deviation);
  });

  it('repairing the worst judgment (and its reciprocal) lowers CR', () => {
    const r = ahp([WANG_CHIN]);
    const m = WANG_CHIN.map((row) => [...row]);
    const { row, column, repair } = r.worst[0]!;
    m[row]![column] = repair;
    m[column]![row] = 1 / repair;
    expect(ahp([m]).cr!).toBeLessThan(r.cr!);
  });

  it('a consistent matrix has CR 0 and weights proportional to its ratios', () => {
    const w = [0.5, 0.3, 0.2];
    const m = w.map((a) => w.map((b) => a / b));
    const r = ahp([m]);
    close(r.weights, w, 12);
    expect(r.cr).toBeCloseTo(0, 12);
  });

  it('n = 2 is always consistent; n > 10 has no random index', () => {
    expect(ahp([[[1, 3], [1 / 3, 1]]]).cr).toBe(0);
    const m = Array.from({ length: 11 }, () => new Array<number>(11).fill(1));
    expect(ahp([m]).cr).toBeNull();
  });

  it('a panel combines by element-wise geometric mean', () => {
    const a = [[1, 4], [1 / 4, 1]];
    const b = [[1, 1], [1, 1]];
    expect(geometricMeanMatrix([a, b])[0]![1]).toBeCloseTo(2, 12);
    close(ahp([a, b]).weights, [2 / 3, 1 / 3], 12);
    expect(ahp([a, b]).judges).toBe(2);
  });

  it('nearest scale value is measured as a ratio', () => {
    expect(nearestOnScale(1.4)).toBe(1);
    expect(nearestOnScale(1.5)).toBe(2);
    expect(nearestOnScale(0.3)).toBeCloseTo(1 / 3, 12);
    expect(nearestOnScale(20)).toBe(9);
  });
});

describe('rank order centroid', () => {
  it('n = 4: 25/48, 13/48, 7/48, 3/48', () => {
    close(rankOrderCentroid(4), [25 / 48, 13 / 48, 7 / 48, 3 / 48], 15);
  });
  it('sums to 1', () => {
    for (const n of [1, 2, 7, 12]) expect(rankOrderCentroid(n).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});

describe('swing', () => {
  it('points over their sum', () => close(swingWeights([100, 50, 50]), [0.5, 0.25, 0.25], 15));
});

describe('Best-Worst Method', () => {
  const rezaei = { best: 2, worst: 0, bestToOthers: [8, 2, 1], othersToWorst: [1, 5, 8] };

  it('Rezaei (2015), non-linear: w ≈ (0.0714, 0.3387, 0.5899), ξ* ≈ 0.2583, CR ≈ 0.058', () => {
    const r = bwm(rezaei);
    close(r.weights, [0.0714, 0.3387, 0.5899], 4);
    expect(r.xi).toBeCloseTo(0.2583, 4);
    // Exactly: (2 − ξ)(5 − ξ) = 8 + ξ, so ξ* = 4 − √14.
    expect(r.xi).toBeCloseTo(4 - Math.sqrt(14), 11);
    expect(r.ci).toBe(4.47);
    expect(r.cr).toBeCloseTo(0.058, 3);
  });

  it('the linear model (Rezaei 2016) meets its own constraints at its ξᴸ, and keeps the judgments\' CR', () => {
    const r = bwm(rezaei, 'linear');
    const [w1, w2, w3] = r.weights as [number, number, number];
    expect(w1 + w2 + w3).toBeCloseTo(1, 9);
    for (const gap of [w3 - 8 * w1, w3 - 2 * w2, w2 - 5 * w1]) expect(Math.abs(gap)).toBeLessThanOrEqual(r.xi + 1e-9);
    expect(r.xi).toBeGreaterThan(0);
    expect(r.cr).toBeCloseTo(bwm(rezaei).cr, 12);
    expect(r.weights[2]).toBeGreaterThan(r.weights[1]!);
  });

  it('consistent judgments give ξ = 0 in both models', () => {
    const input = { best: 0, worst: 2, bestToOthers: [1, 2, 4], othersToWorst: [4, 2, 1] };
    for (const model of ['non-linear', 'linear'] as const) {
      const r = bwm(input, model);
      close(r.weights, [4 / 7, 2 / 7, 1 / 7], 9);
      expect(r.xi).toBeCloseTo(0, 9);
    }
  });

  it('the non-linear optimum is global: no grid point does better', () => {
    const input = { best: 1, worst: 3, bestToOthers: [2, 1, 4, 9], othersToWorst: [3, 9, 5, 1] };
    const r = bwm(input);
    let bestGrid = Infinity;
    const steps = 120;
    for (let a = 1; a < steps; a++) for (let b = 1; a + b < steps; b++) for (let c = 1; a + b + c < steps; c++) {
      const w = [a, b, c, steps - a - b - c].map((x) => x / steps);
      const devs = input.bestToOthers.map((v, j) => Math.abs(w[1]! / w[j]! - v)).concat(input.othersToWorst.map((v, j) => Math.abs(w[j]! / w[3]! - v)));
      bestGrid = Math.min(bestGrid, Math.max(...devs));
    }
    expect(r.xi).toBeLessThanOrEqual(bestGrid + 1e-12);
    const w = r.weights;
    const devs = input.bestToOthers.map((v, j) => Math.abs(w[1]! / w[j]! - v)).concat(input.othersToWorst.map((v, j) => Math.abs(w[j]! / w[3]! - v)));
    expect(Math.max(...devs)).toBeCloseTo(r.xi, 9);
  });
});
