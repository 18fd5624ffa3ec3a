/** The TOPSIS line of `sensitivity --method topsis|all` (docs/json.md#sensitivity---method). */
import type { MethodDraws } from '../core/sensitivity-methods.js';
import type { Comparison } from '../core/types.js';
import { percentApart } from './numbers.js';

export function methodDrawsLine(c: Comparison, m: MethodDraws): string {
  const d = m.draws;
  const who = m.leader.map((id) => c.vendors.find((v) => v.id === id)!.name).join(' and ') || 'nobody';
  if (d.samples === 0) return `Under TOPSIS: ${who} leads; with fewer than two qualified vendors nothing can change places.`;
  const p = d.leaderStays;
  const verdict = d.decision === 'holds' ? 'the lead holds' : d.decision === 'fails' ? `below the ${percentApart(d.threshold)} needed` : 'too close to call';
  return `Under TOPSIS, with the same random weights (±${percentApart(d.spread)} each, ${d.samples} draws): ${who}, first under TOPSIS today, stays first in ${percentApart(p.share)} of draws (${percentApart(p.low)}–${percentApart(p.high)} at ${percentApart(d.confidence)} confidence): ${verdict}.`;
}
