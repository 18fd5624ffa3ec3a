import { clip } from '../text/sanitize.js';
import { disagrees } from './stats.js';
import type { VendorResult } from './types.js';

/** Policy gates for CI (compare and shortlist). Each is off unless set. */
export interface Gates {
  /** The leader's total (or, with `all`, every qualified vendor's) must be at least this. */
  failUnder?: number | undefined;
  all?: boolean | undefined;
  requireComplete?: boolean | undefined;
  failIfEmpty?: boolean | undefined;
  /** A question whose evaluators are this many scale points apart or more fails, as the rubric's `disagreement` flags it. */
  maxDisagreement?: number | undefined;
}

export interface GateFailure {
  gate: '--fail-under' | '--require-complete' | '--fail-if-empty' | '--max-disagreement';
  vendor?: string;
  message: string;
}

const EPSILON = 1e-9;

/**
 * Which listed vendor broke which rule. `vendors` is what the command shows (for shortlist, the
 * shortlist), ranked. `what` names that list in messages ("comparison" or "shortlist").
 */
export function evaluateGates(vendors: readonly VendorResult[], gates: Gates, what = 'comparison'): GateFailure[] {
  const out: GateFailure[] = [];
  const qualified = vendors.filter((v) => v.status === 'qualified');

  if (gates.failIfEmpty && qualified.length === 0) {
    out.push({ gate: '--fail-if-empty', message: `--fail-if-empty: the ${what} has no qualified vendor${vendors.length > 0 ? ` (${vendors.length} disqualified)` : ''}` });
  }

  if (gates.failUnder !== undefined) {
    const t = gates.failUnder;
    if (gates.all) {
      for (const v of qualified) {
        if (v.total < t - EPSILON) out.push({ gate: '--fail-under', vendor: v.id, message: `--fail-under ${num(t)} --all: ${clip(v.name)} (rank ${v.rank}) has ${fixed1(v.total)}, below ${num(t)}` });
      }
    } else {
      const leaders = qualified.filter((v) => v.rank === qualified[0]!.rank);
      if (leaders.length === 0 && !gates.failIfEmpty) {
        out.push({ gate: '--fail-under', message: `--fail-under ${num(t)}: no qualified vendor leads the ${what}` });
      }
      for (const v of leaders) {
        if (v.total < t - EPSILON) out.push({ gate: '--fail-under', vendor: v.id, message: `--fail-under ${num(t)}: the leader, ${clip(v.name)}, has ${fixed1(v.total)}, below ${num(t)}` });
      }
    }
  }

  if (gates.requireComplete) {
    for (const v of vendors) {
      if (v.complete) continue;
      const list = (v.unanswered.length > 5 ? [...v.unanswered.slice(0, 5), '…'] : v.unanswered).map(clip).join(', ');
      out.push({ gate: '--require-complete', vendor: v.id, message: `--require-complete: ${clip(v.name)} has ${v.unanswered.length} unanswered question(s): ${list}` });
    }
  }

  if (gates.maxDisagreement !== undefined) {
    const limit = gates.maxDisagreement;
    for (const v of vendors) {
      for (const a of v.areas) {
        for (const q of a.questions) {
          const scored = q.answers.filter((x) => x.score !== null);
          if (!disagrees(scored.map((x) => x.score!), limit)) continue;
          const who = scored.map((x) => `${clip(x.evaluator)} ${x.score}`).join(', ');
          out.push({ gate: '--max-disagreement', vendor: v.id, message: `--max-disagreement ${num(limit)}: ${clip(v.name)}: evaluators are ${num(q.spread!)} points apart on ${clip(q.id)} (${who})` });
        }
      }
    }
  }
  return out;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

function fixed1(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}
