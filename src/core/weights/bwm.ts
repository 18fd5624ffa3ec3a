/**
 * Best-Worst Method (Rezaei 2015, 2016): weights from the best area's preference over every
 * other (best-to-others) and every area's over the worst (others-to-worst), on the 1–9 scale.
 * The formulas, the solution method and the consistency index are in docs/arithmetic.md#weights.
 */
import { solve } from 'yalps';

export type BwmModel = 'non-linear' | 'linear';

/** Rezaei (2015) consistency index for a_BW = 1…9 (the largest ξ* possible for that a_BW). */
export const CONSISTENCY_INDEX_REZAEI_2015: readonly number[] = [0, 0.44, 1.0, 1.63, 2.3, 3.0, 3.73, 4.47, 5.23];
export const CONSISTENCY_INDEX_TABLE = 'Rezaei 2015';

export interface BwmInput {
  best: number;
  worst: number;
  /** a_Bj in criteria order (a_BB = 1). */
  bestToOthers: readonly number[];
  /** a_jW in criteria order (a_WW = 1). */
  othersToWorst: readonly number[];
}

export interface BwmResult {
  model: BwmModel;
  weights: number[];
  /** The model's optimum: ξ* (non-linear) or ξᴸ* (linear). */
  xi: number;
  /** The non-linear model's ξ*, whichever model gave the weights: the consistency of the judgments. */
  xiNonLinear: number;
  /** CI for a_BW from the table; CR = ξ* ÷ CI (0 when a_BW = 1). */
  ci: number;
  cr: number;
}

export function bwm(input: BwmInput, model: BwmModel = 'non-linear'): BwmResult {
  const nonLinear = bwmNonLinear(input);
  const solved = model === 'linear' ? bwmLinear(input) : nonLinear;
  const ci = CONSISTENCY_INDEX_REZAEI_2015[Math.round(input.bestToOthers[input.worst]!) - 1] ?? Number.NaN;
  return { model, ...solved, xiNonLinear: nonLinear.xi, ci, cr: ci === 0 ? 0 : nonLinear.xi / ci };
}

/** An edge u → v of weight c stands for x_v − x_u ≤ c, where x = log w. */
type Edge = readonly [number, number, number];

/**
 * The ratio bounds of Rezaei's non-linear model at a given ξ, as difference constraints on
 * log-weights: |w_B/w_j − a_Bj| ≤ ξ and |w_j/w_W − a_jW| ≤ ξ. A lower bound a − ξ ≤ 0 holds anyway.
 */
function ratioEdges(input: BwmInput, xi: number): Edge[] {
  const edges: Edge[] = [];
  const bound = (hi: number, lo: number, a: number) => {
    edges.push([lo, hi, Math.log(a + xi)]); // x_hi − x_lo ≤ log(a + ξ)
    if (a - xi > 0) edges.push([hi, lo, -Math.log(a - xi)]); // x_lo − x_hi ≤ −log(a − ξ)
  };
  input.bestToOthers.forEach((a, j) => j !== input.best && bound(input.best, j, a));
  input.othersToWorst.forEach((a, j) => j !== input.worst && j !== input.best && bound(j, input.worst, a));
  return edges;
}

/** Bellman–Ford from a virtual source: a feasible x, or undefined on a negative cycle. */
function feasibleLogWeights(n: number, edges: readonly Edge[]): number[] | undefined {
  const x = new Array<number>(n).fill(0);
  for (let pass = 0; pass <= n; pass++) {
    let relaxed = false;
    for (const [u, v, c] of edges) {
      if (x[u]! + c < x[v]! - 1e-15) {
        x[v] = x[u]! + c;
        relaxed = true;
      }
    }
    if (!relaxed) return x;
  }
  return undefined;
}

/**
 * Non-linear model: min ξ. Feasibility at a given ξ is a system of difference constraints in
 * log-weights and only grows with ξ, so bisection on ξ finds the global optimum (to 1e-13),
 * and any feasible point there gives optimal weights.
 */
export function bwmNonLinear(input: BwmInput): { weights: number[]; xi: number } {
  const n = input.bestToOthers.length;
  const at = (xi: number) => feasibleLogWeights(n, ratioEdges(input, xi));
  let lo = 0;
  let hi = Math.max(...input.bestToOthers, ...input.othersToWorst);
  let x = at(lo);
  if (x === undefined) {
    x = at(hi)!;
    while (hi - lo > 1e-13) {
      const mid = (lo + hi) / 2;
      const y = at(mid);
      if (y === undefined) lo = mid;
      else [hi, x] = [mid, y];
    }
  } else hi = 0;
  const w = x.map(Math.exp);
  const sum = w.reduce((s, v) => s + v, 0);
  return { weights: w.map((v) => v / sum), xi: hi };
}

/** Linear model (Rezaei 2016): min ξ subject to |w_B − a_Bj w_j| ≤ ξ, |w_j − a_jW w_W| ≤ ξ, Σw = 1, w ≥ 0. */
export function bwmLinear(input: BwmInput): { weights: number[]; xi: number } {
  const n = input.bestToOthers.length;
  const variables: Record<string, Record<string, number>> = { xi: { objective: 1 } };
  const constraints: Record<string, { max?: number; equal?: number }> = { sum: { equal: 1 } };
  for (let i = 0; i < n; i++) variables[`w${i}`] = { sum: 1 };
  const pair = (name: string, p: number, q: number, a: number) => {
    // w_p − a·w_q − ξ ≤ 0 and −w_p + a·w_q − ξ ≤ 0
    for (const [sign, key] of [[1, `${name}+`], [-1, `${name}-`]] as const) {
      constraints[key] = { max: 0 };
      variables[`w${p}`]![key] = (variables[`w${p}`]![key] ?? 0) + sign;
      variables[`w${q}`]![key] = (variables[`w${q}`]![key] ?? 0) - sign * a;
      variables.xi![key] = -1;
    }
  };
  input.bestToOthers.forEach((a, j) => j !== input.best && pair(`b${j}`, input.best, j, a));
  input.othersToWorst.forEach((a, j) => j !== input.worst && j !== input.best && pair(`w${j}`, j, input.worst, a));
  const solution = solve({ direction: 'minimize', objective: 'objective', constraints, variables }, { precision: 1e-12, includeZeroVariables: true });
  if (solution.status !== 'optimal') throw new Error(`BWM linear model: the solver ended ${solution.status}`);
  const values = new Map(solution.variables);
  return { weights: Array.from({ length: n }, (_, i) => values.get(`w${i}`) ?? 0), xi: values.get('xi') ?? 0 };
}
