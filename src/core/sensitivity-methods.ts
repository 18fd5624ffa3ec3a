/**
 * `sensitivity --method topsis|all`: the random-weight probe again, with TOPSIS turning each
 * draw's weights into a ranking. The other probes solve the weighted sum exactly and stay its own.
 */
import { leaders, rankByMethod } from './method-rankings.js';
import { weightDraws, type WeightDraws } from './sensitivity-draws.js';
import { areaMatrix } from './sensitivity-matrix.js';
import type { SensitivityOptions } from './sensitivity.js';
import type { Comparison } from './types.js';

export interface MethodDraws {
  method: 'topsis';
  /** The vendors TOPSIS ranks first today. */
  leader: string[];
  draws: WeightDraws;
}

export function topsisDraws(c: Comparison, opts: SensitivityOptions): MethodDraws {
  const leader = leaders(rankByMethod(c, 'topsis'));
  const matrix = areaMatrix(c);
  const rows = matrix.ids.flatMap((id, k) => (leader.includes(id) ? [k] : []));
  return { method: 'topsis', leader, draws: weightDraws(matrix, rows, { ...opts, method: 'topsis' }) };
}
