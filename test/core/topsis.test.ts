import { describe, expect, it } from 'vitest';
import { topsis } from '../../src/core/topsis.js';

describe('TOPSIS', () => {
  it('reproduces the published check: closeness .5037 .6581 .7482 .3340', () => {
    const m = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]];
    const c = topsis(m, [{ weight: 0.3 }, { weight: 0.4 }, { weight: 0.3 }]);
    [0.5037, 0.6581, 0.7482, 0.334].forEach((e, i) => expect(c[i]).toBeCloseTo(e, 4));
  });

  it('weights need not sum to 1', () => {
    const m = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]];
    expect(topsis(m, [{ weight: 3 }, { weight: 4 }, { weight: 3 }])).toEqual(topsis(m, [{ weight: 0.3 }, { weight: 0.4 }, { weight: 0.3 }]));
  });

  it('a cost criterion prefers the smaller value', () => {
    const c = topsis([[5, 100], [5, 200]], [{ weight: 1 }, { weight: 1, cost: true }]);
    expect(c[0]).toBe(1);
    expect(c[1]).toBe(0);
  });

  it('alike alternatives and zero columns', () => {
    expect(topsis([[3, 0], [3, 0]], [{ weight: 1 }, { weight: 1 }])).toEqual([1, 1]);
    expect(topsis([[4]], [{ weight: 1 }])).toEqual([1]);
  });
});

describe('TOPSIS with reference rows', () => {
  it('other rows never move the reference rows\' closeness', () => {
    const m = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]];
    const w = [{ weight: 0.3 }, { weight: 0.4 }, { weight: 0.3 }];
    const c = topsis([...m, [10, 1, 10]], w, [true, true, true, true, false]);
    [0.5037, 0.6581, 0.7482, 0.334].forEach((e, i) => expect(c[i]).toBeCloseTo(e, 4));
    expect(c[4]).toBeGreaterThan(0);
  });
});
