import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levenshtein, Suggester, SUGGEST_BUDGET } from '../../src/schema/suggest.js';

/** Did-you-mean by brute force: every candidate in order, the first at the smallest distance. */
function reference(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 200) return undefined;
  let best: string | undefined;
  let bestD = Math.max(2, Math.ceil(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

describe('Suggester', () => {
  it('gives the same hint as comparing with every candidate in order (property)', () => {
    const id = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-', '1'), minLength: 0, maxLength: 9 });
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), fc.array(id, { minLength: 1, maxLength: 10 }), (candidates, words) => {
        const s = new Suggester(candidates);
        for (const w of [...words, ...words]) expect(s.suggest(w)).toBe(reference(w, candidates));
      }),
      { numRuns: 500 },
    );
  });

  it('over 6,000 ids: the nearest, an exact match in another case, nothing far off', () => {
    const ids = Array.from({ length: 6000 }, (_, i) => `question-${i}`);
    const s = new Suggester(ids);
    expect(s.suggest('questoin-4711')).toBe('question-4711');
    expect(s.suggest('QUESTION-17')).toBe('question-17');
    expect(s.suggest('pricing')).toBeUndefined();
  });

  it('stops hinting once its budget of comparisons is spent, and still answers exact matches', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `q${String(i).padStart(4, '0')}`);
    const s = new Suggester(ids);
    expect(new Suggester(ids).suggest('y0001')).toBe('q0001');
    let hinted = 0;
    for (let i = 0; i < (2 * SUGGEST_BUDGET) / ids.length; i++) if (s.suggest(`x${String(i).padStart(4, '0')}`) !== undefined) hinted++;
    expect(hinted).toBeGreaterThan(1000);
    expect(s.suggest('y0001')).toBeUndefined();
    expect(s.suggest('Q0042')).toBe('q0042');
  });
});
