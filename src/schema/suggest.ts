/**
 * Edit distance, for did-you-mean hints (inputs are short ids and keys). With `max`, stops as
 * soon as the distance must reach it and returns `max`: a file with 50,000 unknown keys then
 * costs little more than one with five.
 */
let scratch = new Uint32Array(64);
/** A reused row 0, 1, 2, …: allocation would otherwise dominate a long run of short comparisons. */
function row(n: number): Uint32Array {
  if (scratch.length < n) scratch = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) scratch[i] = i;
  return scratch;
}

export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) >= max) return max;
  const prev = row(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev[j]! < rowMin) rowMin = prev[j]!;
      diag = tmp;
    }
    if (rowMin >= max) return max;
  }
  return Math.min(prev[b.length]!, max);
}

/**
 * Most comparisons one Suggester makes in its life. Past it, hints stop (the messages stay): a
 * hint is a courtesy, and a file with tens of thousands of unknown ids against a rubric of
 * thousands is not a typo. Without a cap that is ids × unknown keys comparisons.
 */
export const SUGGEST_BUDGET = 5_000_000;

/**
 * Did-you-mean over one fixed list of candidates (a rubric's question ids), indexed once: by
 * lower-cased text for exact matches and by length, since words whose lengths differ by d are at
 * least d apart. A word asked again is answered from memory.
 */
export class Suggester {
  private readonly candidates: readonly string[];
  private readonly exact = new Map<string, number>();
  /** Lower-cased candidates with their positions, by length. */
  private readonly byLength = new Map<number, Array<{ text: string; i: number }>>();
  private readonly memo = new Map<string, string | undefined>();
  private budget = SUGGEST_BUDGET;

  constructor(candidates: readonly string[]) {
    this.candidates = candidates;
    candidates.forEach((c, i) => {
      const text = c.toLowerCase();
      if (!this.exact.has(text)) this.exact.set(text, i);
      (this.byLength.get(text.length) ?? this.byLength.set(text.length, []).get(text.length)!).push({ text, i });
    });
  }

  /** The closest candidate within a third of the word's length, if any; the first listed on a tie. */
  suggest(word: string): string | undefined {
    if (word.length > 200) return undefined;
    if (this.memo.has(word)) return this.memo.get(word);
    const w = word.toLowerCase();
    const exact = this.exact.get(w);
    let hint: string | undefined;
    if (exact !== undefined) hint = this.candidates[exact];
    else if (this.budget > 0) hint = this.nearest(w, Math.max(2, Math.ceil(word.length / 3)) + 1);
    this.memo.set(word, hint);
    return hint;
  }

  /** Nearest at a distance below `limit`; nearer lengths first, so the bound tightens early. */
  private nearest(w: string, limit: number): string | undefined {
    let bestD = limit;
    let bestI = -1;
    for (let off = 0; off < bestD + (bestI >= 0 ? 1 : 0); off++) {
      for (const len of off === 0 ? [w.length] : [w.length - off, w.length + off]) {
        // No candidate is nearer than `off` (their lengths differ by it), nor than 1 (exact matches are found above).
        const floor = Math.max(off, 1);
        for (const c of this.byLength.get(len) ?? []) {
          if (floor > bestD || (floor === bestD && c.i > bestI)) break;
          this.budget--;
          // A tie with the best so far wins only for a candidate listed earlier.
          const tieWins = bestI >= 0 && c.i < bestI;
          const d = levenshtein(w, c.text, tieWins ? bestD + 1 : bestD);
          if (d < bestD || (tieWins && d === bestD)) {
            bestD = d;
            bestI = c.i;
          }
        }
      }
    }
    return bestI >= 0 ? this.candidates[bestI] : undefined;
  }
}

/** The closest candidate within a third of the word's length, if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  return new Suggester(candidates).suggest(word);
}
