import { clip } from '../text/sanitize.js';
import { disagrees } from './stats.js';
import { atLeast } from './ties.js';
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
        if (!atLeast(v.total, t)) out.push({ gate: '--fail-under', vendor: v.id, message: `--fail-under ${String(t)} --all: ${clip(v.name)} (rank ${v.rank}) has ${totalBelow(v.total, t)}, below ${String(t)}` });
      }
    } else {
      const leaders = qualified.filter((v) => v.rank === qualified[0]!.rank);
      if (leaders.length === 0 && !gates.failIfEmpty) {
        out.push({ gate: '--fail-under', message: `--fail-under ${String(t)}: no qualified vendor leads the ${what}` });
      }
      for (const v of leaders) {
        if (!atLeast(v.total, t)) out.push({ gate: '--fail-under', vendor: v.id, message: `--fail-under ${String(t)}: the leader, ${clip(v.name)}, has ${totalBelow(v.total, t)}, below ${String(t)}` });
      }
    }
  }

  if (gates.requireComplete) {
    for (const v of vendors) {
      if (v.complete) continue;
      const few = v.flags.find((f) => f.code === 'few-evaluators');
      if (few) out.push({ gate: '--require-complete', vendor: v.id, message: `--require-complete: ${clip(v.name)} is ${few.message}` });
      if (v.unanswered.length === 0) continue;
      const list = (v.unanswered.length > 5 ? [...v.unanswered.slice(0, 5), '…'] : v.unanswered).map(clip).join(', ');
      out.push({ gate: '--require-complete', vendor: v.id, message: `--require-complete: ${clip(v.name)} has ${v.unanswered.length} unanswered question(s): ${list}` });
    }
  }

  if (gates.maxDisagreement !== undefined) {
    const limit = gates.maxDisagreement;
    for (const v of vendors) {
      for (const a of v.areas) {
        for (const q of a.questions) {
          // The panel settled it in a consensus meeting (docs/arithmetic.md#gates).
          if (q.agreed) continue;
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

/**
 * A failing total with as many decimals as it takes to read below the threshold (which prints
 * as given): 69.96 against 70 is "69.96", never "70.0". At least one decimal, as in the tables,
 * and at least as many as the threshold has (70.0001 against 70.0004).
 */
export function totalBelow(total: number, threshold: number): string {
  const given = String(threshold).split('.')[1]?.length ?? 0;
  for (let d = Math.max(1, given); d < 15; d++) {
    const text = total.toFixed(d);
    if (Number(text) < threshold) return text;
  }
  return String(total);
}
