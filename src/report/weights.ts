/** Renders a weights derivation (`vendorscore weights`): table, markdown or JSON (docs/json.md#weights). */
import type { Rubric } from '../core/types.js';
import type { Judgment } from '../core/weights/ahp.js';
import { CR_LIMIT, methodLabel, type Derivation } from '../core/weights/derive.js';
import { RANDOM_INDEX_TABLE } from '../core/weights/ahp.js';
import { CONSISTENCY_INDEX_TABLE } from '../core/weights/bwm.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { mdCell } from './markdown.js';
import { painter, type RenderOptions } from './style.js';

export interface WeightsReport {
  derivation: Derivation;
  rubric: Rubric;
  /** The judgments file as named on the command line. */
  file: string;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const num = (x: number | null, digits = 4) => (x === null ? 'n/a' : x.toFixed(digits));

/** A judgment's value as Saaty writes it: 3, or 1/3; a combined panel value with decimals. */
export function judgmentText(x: number): string {
  const near = (y: number) => Math.abs(y - Math.round(y)) < 1e-9;
  if (near(x)) return String(Math.round(x));
  if (near(1 / x)) return `1/${Math.round(1 / x)}`;
  return x.toFixed(2);
}

function rubricShares(r: Rubric): Record<string, number> {
  const total = r.areas.reduce((s, a) => s + a.weight, 0);
  return Object.fromEntries(r.areas.map((a) => [a.id, a.weight / total]));
}

/** The diagnostics lines under the table: consistency and, when poor, what to change. */
export function consistencyLines(d: Derivation, name: (id: string) => string = (id) => id): string[] {
  const c = d.judgments.criteria;
  if (d.ahp) {
    const a = d.ahp;
    const verdict = a.cr === null ? `no RI for n = ${c.length}` : a.consistent ? `CR ${num(a.cr)} ≤ ${CR_LIMIT.toFixed(2)}, consistent` : `CR ${num(a.cr)} > ${CR_LIMIT.toFixed(2)}, inconsistent`;
    const lines = [`λmax ${num(a.lambdaMax)}, CI ${num(a.ci)}, RI ${a.ri === null ? 'n/a' : a.ri.toFixed(2)} (n = ${c.length}, ${RANDOM_INDEX_TABLE}): ${verdict}`];
    if (a.worst.length > 0) lines.push('Most inconsistent (repair: the scale value nearest what the weights imply):', ...a.worst.map((j) => `  ${repairLine(j, c, name)}`));
    return lines;
  }
  if (d.bwm) {
    const b = d.bwm;
    const xi = b.model === 'linear' ? `ξᴸ ${num(b.xi)} (linear model); non-linear ξ* ${num(b.xiNonLinear)}` : `ξ* ${num(b.xi)}`;
    return [`${xi}, CI ${b.ci.toFixed(2)} (a_BW = ${d.judgments.method === 'bwm' ? d.judgments.bestToOthers[c.indexOf(d.judgments.worst)] : ''}, ${CONSISTENCY_INDEX_TABLE}), CR ${num(b.cr)}`];
  }
  return [];
}

export function repairLine(j: Judgment, criteria: readonly string[], name: (id: string) => string = (id) => id): string {
  return `${safeText(name(criteria[j.row]!))} vs ${safeText(name(criteria[j.column]!))}: ${judgmentText(j.value)} given, weights imply ${j.implied.toFixed(2)}, repair ${judgmentText(j.repair)}`;
}

/** An area's name in the rubric (its id when the rubric lacks it). */
export const areaName = (r: Rubric) => (id: string) => r.areas.find((a) => a.id === id)?.name ?? id;

export function renderWeights(r: WeightsReport, format: string, opts: RenderOptions): string {
  if (format === 'json') return safeJson(weightsJson(r)) + '\n';
  if (format === 'markdown') return weightsMarkdown(r);
  return weightsTable(r, opts);
}

function weightsTable(r: WeightsReport, opts: RenderOptions): string {
  const p = painter(opts.color);
  const d = r.derivation;
  const now = rubricShares(r.rubric);
  const names = d.judgments.criteria.map((c) => safeText(areaName(r.rubric)(c)));
  const w = Math.max(4, ...names.map((n) => n.length));
  const lines = [`${p.bold('Weights')} from ${safeText(r.file)}: ${methodLabel(d)}`, '', `  ${'Area'.padEnd(w)}  Derived  Rubric now`];
  d.judgments.criteria.forEach((c, i) => lines.push(`  ${names[i]!.padEnd(w)}  ${pct(d.weights[i]!).padStart(7)}  ${pct(now[c] ?? 0).padStart(10)}`));
  const diag = consistencyLines(d, areaName(r.rubric));
  if (diag.length > 0) lines.push('', ...diag);
  return lines.join('\n') + '\n';
}

function weightsMarkdown(r: WeightsReport): string {
  const d = r.derivation;
  const now = rubricShares(r.rubric);
  let out = `## Weights from ${mdCell(r.file)}\n\n${mdCell(methodLabel(d))}\n\n| Area | Derived | Rubric now |\n| :--- | ---: | ---: |\n`;
  d.judgments.criteria.forEach((c, i) => (out += `| ${mdCell(areaName(r.rubric)(c))} | ${pct(d.weights[i]!)} | ${pct(now[c] ?? 0)} |\n`));
  const diag = consistencyLines(d, areaName(r.rubric));
  if (diag.length > 0) out += `\n${diag.map((l) => (l.startsWith('  ') ? `- ${mdCell(l.trim())}` : `${mdCell(l)}\n`)).join('\n')}\n`;
  return out;
}

/** The JSON of docs/json.md#weights, keys in that order. */
export function weightsJson(r: WeightsReport): Record<string, unknown> {
  const d = r.derivation;
  const j = d.judgments;
  const byId = (xs: readonly number[]) => Object.fromEntries(j.criteria.map((c, i) => [c, xs[i]!]));
  const out: Record<string, unknown> = {
    file: r.file,
    rubric: { id: r.rubric.id, version: r.rubric.version },
    method: j.method,
    criteria: j.criteria,
    weights: byId(d.weights),
    rubricWeights: rubricShares(r.rubric),
  };
  if (d.ahp) {
    const a = d.ahp;
    const judgment = (x: Judgment) => ({ row: j.criteria[x.row], column: j.criteria[x.column], value: x.value, implied: x.implied, deviation: x.deviation, repair: x.repair });
    out.ahp = { judges: a.judges, lambdaMax: a.lambdaMax, ci: a.ci, ri: a.ri, randomIndex: RANDOM_INDEX_TABLE, cr: a.cr, limit: CR_LIMIT, consistent: a.consistent, worst: a.worst.map(judgment) };
  }
  if (d.bwm && j.method === 'bwm') {
    const b = d.bwm;
    out.bwm = { model: b.model, best: j.best, worst: j.worst, xi: b.xi, xiNonLinear: b.xiNonLinear, ci: b.ci, consistencyIndex: CONSISTENCY_INDEX_TABLE, cr: b.cr };
  }
  if (j.method === 'roc') out.roc = { order: j.order };
  if (j.method === 'swing') out.swing = { points: byId(j.criteria.map((c) => j.points[c]!)) };
  return out;
}
