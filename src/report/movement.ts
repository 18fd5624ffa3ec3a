import { deltaText, moveText, type Movement, type Results, type ResultVendor } from '../core/diff.js';
import type { Comparison, VendorResult } from '../core/types.js';
import { comparisonJson } from './json.js';
import { safeJson } from '../text/sanitize.js';

/** A previous `compare --format json` result and how the current one moved against it. */
export interface Baseline {
  file: string;
  results: Results;
  movement: Map<string, Movement>;
  /** In the baseline, not in this result. */
  removed: ResultVendor[];
}

/** The two movement cells shown next to the total: move (↑2, ↓1, =, new, out, in) and Δ total. */
export function movementCells(b: Baseline, v: VendorResult): [string, string] {
  const m = b.movement.get(v.id);
  return [moveText(m, v.status), m?.new ? '' : deltaText(m?.totalDelta ?? null)];
}

export const MOVEMENT_LEGEND = 'Move: ↑/↓ ranks since the baseline · = same rank · new: not in the baseline · out: newly disqualified · in: no longer disqualified · Δ: change of total';

export function removedText(b: Baseline): string {
  return b.removed.map((v) => `${v.name} (${v.rank === null ? 'disqualified' : `rank ${v.rank}`}, ${v.total.toFixed(1)})`).join(', ');
}

/** docs/json.md JSON plus, per vendor, a `movement` object, and a top-level `baseline`. */
export function renderJsonWithMovement(c: Comparison, vendors: readonly VendorResult[], b: Baseline): string {
  const json = comparisonJson(c, vendors);
  const out = {
    ...json,
    baseline: { file: b.file, removed: b.removed.map((v) => ({ id: v.id, name: v.name, rank: v.rank, total: v.total, status: v.status })) },
    vendors: json.vendors.map((v) => ({ ...v, movement: b.movement.get(v.id) ?? null })),
  };
  return safeJson(out) + '\n';
}
