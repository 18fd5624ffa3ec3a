/** One entry point for every weighting method: judgments in, weights and their diagnostics out. */
import { ahp, RANDOM_INDEX_TABLE, CR_LIMIT, type AhpResult, type Matrix } from './ahp.js';
import { bwm, CONSISTENCY_INDEX_TABLE, type BwmModel, type BwmResult } from './bwm.js';
import { rankOrderCentroid } from './roc.js';
import { swingWeights } from './swing.js';

export type Judgments =
  | { method: 'ahp'; criteria: string[]; matrices: Matrix[]; judges: (string | null)[] }
  | { method: 'roc'; criteria: string[]; order: string[] }
  | { method: 'swing'; criteria: string[]; points: Record<string, number> }
  | { method: 'bwm'; criteria: string[]; best: string; worst: string; bestToOthers: number[]; othersToWorst: number[]; model: BwmModel };

export interface Derivation {
  judgments: Judgments;
  /** Weights in criteria order, summing to 1. */
  weights: number[];
  ahp?: AhpResult;
  bwm?: BwmResult;
}

export function deriveWeights(j: Judgments): Derivation {
  switch (j.method) {
    case 'ahp': {
      const r = ahp(j.matrices);
      return { judgments: j, weights: r.weights, ahp: r };
    }
    case 'roc': {
      const byRank = rankOrderCentroid(j.criteria.length);
      return { judgments: j, weights: j.criteria.map((c) => byRank[j.order.indexOf(c)]!) };
    }
    case 'swing':
      return { judgments: j, weights: swingWeights(j.criteria.map((c) => j.points[c]!)) };
    case 'bwm': {
      const input = { best: j.criteria.indexOf(j.best), worst: j.criteria.indexOf(j.worst), bestToOthers: j.bestToOthers, othersToWorst: j.othersToWorst };
      const r = bwm(input, j.model);
      return { judgments: j, weights: r.weights, bwm: r };
    }
  }
}

/** How the weights were derived, in a few words (the rubric comment, the table's heading). */
export function methodLabel(d: Derivation): string {
  switch (d.judgments.method) {
    case 'ahp': {
      const who = d.ahp!.judges > 1 ? `, ${d.ahp!.judges} people's matrices combined by geometric mean` : '';
      return `AHP (principal eigenvector${who}; CR ${d.ahp!.cr === null ? 'n/a' : d.ahp!.cr.toFixed(3)}, ${RANDOM_INDEX_TABLE} random index)`;
    }
    case 'roc':
      return 'rank order centroid';
    case 'swing':
      return 'swing weighting';
    case 'bwm':
      return `Best-Worst Method (${d.bwm!.model}; ξ ${d.bwm!.xi.toFixed(4)}, CR ${d.bwm!.cr.toFixed(3)}, ${CONSISTENCY_INDEX_TABLE} index)`;
  }
}

export { CR_LIMIT };
