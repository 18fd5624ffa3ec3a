import { describe, expect, it } from 'vitest';
import { compareVendors } from '../../src/core/score.js';
import { analyzeSensitivity, DEFAULT_SENSITIVITY } from '../../src/core/sensitivity.js';
import type { Rubric } from '../../src/core/types.js';
import { ev } from './fixtures.js';

// Two equally weighted areas with one question each, scale 0–5.
const R: Rubric = {
  id: 's',
  version: 1,
  title: 'S',
  scale: { min: 0, max: 5, step: 1, labels: {} },
  missing: 'min',
  aggregate: 'mean',
  disagreement: 2,
  areas: [
    { id: 'a1', name: 'One', weight: 1, questions: [{ id: 'x', text: '', weight: 1, guidance: {} }] },
    { id: 'a2', name: 'Two', weight: 1, questions: [{ id: 'y', text: '', weight: 1, guidance: {} }] },
  ],
};
const opts = { aggregate: 'mean' as const, missing: 'min' as const, weights: {} };

describe('analyzeSensitivity', () => {
  // V1 = (100, 0) → 50; V2 = (40, 40) → 40.
  const evs = [ev('v1', 'E1', { x: 5, y: 0 }, 'V1'), ev('v2', 'E1', { x: 2, y: 2 }, 'V2'), ev('v2', 'E2', { x: 2, y: 2 }, 'V2')];
  const c = compareVendors(R, evs, opts);
  const s = analyzeSensitivity(c, evs, DEFAULT_SENSITIVITY);

  it('finds the weight change at which the leader changes (hand-computed)', () => {
    // Cutting a1 by d: 100(1 − d)/(2 − d) = 40 → d = 1/3. Raising a2 by u: 100/(2 + u) = 40 → u = 1/2.
    const [a1, a2] = s.weights;
    expect(a1!.down).toBeCloseTo(-1 / 3, 9);
    expect(a1!.downLeader).toBe('v2');
    expect(a1!.up).toBeNull(); // raising a1 only helps V1
    expect(a2!.up).toBeCloseTo(0.5, 9);
    expect(a2!.upLeader).toBe('v2');
    expect(a2!.down).toBeNull();
    expect(a1!.orderDown).toBeCloseTo(-1 / 3, 9);
    expect(a1!.orderDownSwap).toEqual(['v1', 'v2']);
  });

  it('random draws within ±20% never move V1 (its worst case ties at exactly 40)', () => {
    expect(s.draws.samples).toBe(2000);
    expect(s.draws.vendors.find((v) => v.id === 'v1')!.first).toBeGreaterThan(0.999);
    expect(s.draws.vendors.find((v) => v.id === 'v2')!.worstRank).toBe(2);
    // Same seed, same report.
    expect(analyzeSensitivity(c, evs, DEFAULT_SENSITIVITY).draws).toEqual(s.draws);
  });

  it('evaluator checks: left out, harsher and kinder, with clamping to the scale', () => {
    const e1 = s.evaluators.filter((e) => e.evaluator === 'E1');
    expect(e1.map((e) => [e.change, e.leader, e.leaderChanged])).toEqual([
      ['without', ['v2'], true], // V1 was scored by E1 alone
      ['harsher', ['v1'], false], // V1 (4, 0) → 40; V2 (1.5, 1.5) → 30
      ['kinder', ['v1'], false], // V1 (5, 1) → 60; V2 (2.5, 2.5) → 50
    ]);
    expect(s.robust).toBe(false);
    expect(s.leader).toEqual(['v1']);
  });
});
