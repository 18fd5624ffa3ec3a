/*
 * The one near-tie rule for totals (0–100 points), used by the ranking, the gates, the
 * shortlist threshold and every sensitivity probe. README "Equal totals" documents it.
 *
 * Two totals tie when they are at most TIE_TOLERANCE apart. Ties chain: with the totals sorted
 * from highest, each total within the tolerance of the one just above it joins that one's
 * group. So 50, 50 − 0.8e-9 and 50 − 1.6e-9 are one tie group (each is within 1e-9 of the
 * next) although the first and last are 1.6e-9 apart. Chaining makes the groups a partition
 * that does not depend on the order the vendors were read in, and never splits two totals
 * that are within the tolerance of each other.
 */

/** Points: far below anything a rubric can express, far above floating-point noise. */
export const TIE_TOLERANCE = 1e-9;

/** With totals sorted from highest: does `lower` join the tie group of `higher`, just above it? */
export function joinsTieGroup(higher: number, lower: number): boolean {
  return higher - lower <= TIE_TOLERANCE;
}

/** A total meets a threshold when it is at least the threshold less the tolerance. */
export function atLeast(total: number, threshold: number): boolean {
  return total >= threshold - TIE_TOLERANCE;
}

/** Groups items by the rule above, highest total first; within a group the input order is kept. */
export function tieGroups<T>(items: readonly T[], totalOf: (item: T) => number): T[][] {
  const sorted = items.map((item, i) => ({ item, t: totalOf(item), i })).sort((a, b) => b.t - a.t || a.i - b.i);
  const groups: Array<typeof sorted> = [];
  for (let k = 0; k < sorted.length; k++) {
    const g = groups[groups.length - 1];
    if (g && joinsTieGroup(sorted[k - 1]!.t, sorted[k]!.t)) g.push(sorted[k]!);
    else groups.push([sorted[k]!]);
  }
  return groups.map((g) => g.sort((a, b) => a.i - b.i).map((x) => x.item));
}

/**
 * The top tie group among `members` (indices into `totals`), by the same rule, without sorting
 * everyone: a chain of k totals spans at most (k − 1) tolerances, so only totals that close to
 * the highest can belong to it. For the probes' inner loops. Indices come back highest first.
 */
export function topGroup(totals: ArrayLike<number>, members: ArrayLike<number>): number[] {
  let best = -Infinity;
  for (let k = 0; k < members.length; k++) best = Math.max(best, totals[members[k]!]!);
  const reach = best - members.length * TIE_TOLERANCE;
  const near: number[] = [];
  for (let k = 0; k < members.length; k++) if (totals[members[k]!]! >= reach) near.push(members[k]!);
  near.sort((a, b) => totals[b]! - totals[a]! || a - b);
  let end = 1;
  while (end < near.length && joinsTieGroup(totals[near[end - 1]!]!, totals[near[end]!]!)) end++;
  return near.slice(0, Math.min(end, near.length));
}
