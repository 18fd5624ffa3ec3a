import type { Agreement, AlphaGroup, Calibration } from '../core/agreement.js';
import { METRICS, type AlphaEstimate, type Metric } from '../core/krippendorff.js';
import type { Comparison } from '../core/types.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { mdCell, mdRow } from './markdown.js';
import { scaleValue } from './numbers.js';
import { fitLines, painter, type RenderOptions } from './style.js';

const a3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));
const estimate = (e: AlphaEstimate) => (e.low === null || e.high === null ? a3(e.value) : `${a3(e.value)} [${e.low.toFixed(2)}, ${e.high.toFixed(2)}]`);
const signed = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(2)}`;

interface Words {
  clean: (s: string) => string;
  strong: (s: string) => string;
}

function intro(a: Agreement, w: Words): string[] {
  const o = a.overall;
  const b = a.bootstrap;
  return [
    `${w.strong("Krippendorff's alpha")} over ${o.units} (vendor, question) units; ${o.pairable} have two or more scores (${o.values} in all).`,
    `In brackets: ${Math.round(b.confidence * 100)}% bootstrap interval, ${b.samples} resamples of the units, seed ${b.seed}.`,
    '1 is perfect agreement, 0 no better than chance; 0.8 is the usual bar, 0.667 the lowest.',
  ];
}

function alphaRows(a: Agreement, w: Words): Array<{ label: string; group: AlphaGroup }> {
  return [{ label: 'All areas', group: a.overall }, ...a.areas.map((x) => ({ label: w.clean(x.name), group: x as AlphaGroup }))];
}

function agendaLine(item: Agreement['agenda'][number], w: Words): string {
  const scores = Object.entries(item.scores).map(([who, x]) => `${w.clean(who)} ${scaleValue(x)}`).join(', ');
  return `${w.clean(item.vendor)} · ${w.clean(item.question)}: spread ${scaleValue(item.spread)} (${scores})${item.flagged ? ' — flagged' : ''}`;
}

/** "Ravi scores 0.80 points kinder than the panel on average (95% t interval +0.30 to +1.30, 12 questions): larger than the noise". */
export function calibrationLine(c: Calibration, confidence: number, clean: (s: string) => string): string {
  const off = c.offset ?? 0;
  const how = Math.abs(off) < 0.005 ? 'in line with the panel on average' : `${Math.abs(off).toFixed(2)} points ${off > 0 ? 'kinder' : 'harsher'} than the panel on average`;
  const interval = c.low === null || c.high === null ? `${c.units} question` : `${Math.round(confidence * 100)}% t interval ${signed(c.low)} to ${signed(c.high)}, ${c.units} questions`;
  const verdict = c.low === null ? 'too few shared questions to tell' : c.significant ? 'larger than the noise' : 'within the noise';
  return `${clean(c.evaluator)} scores ${how} (${interval}): ${verdict}`;
}

function calibrationHead(a: Agreement): string {
  return "Calibration: each evaluator's mean offset (own score − the mean of the others' on the same question), over the questions they shared with another evaluator.";
}

/** The panel section of `score` for a terminal: declarations, then this vendor's agreement in brief. */
export function renderVendorPanelText(a: Agreement, declarations: readonly string[], opts: RenderOptions): string[] {
  const p = painter(opts.color);
  const w: Words = { clean: (s) => safeText(s), strong: (s) => p.bold(s) };
  const o = a.overall.alpha;
  const out = ['', p.bold('Panel'), ...declarations.map((d) => `  ${d}`), ''];
  out.push(`${p.bold('Agreement')} on this vendor (${a.overall.pairable} question${a.overall.pairable === 1 ? '' : 's'} scored by two or more): Krippendorff's alpha interval ${estimate(o.interval)}, ordinal ${estimate(o.ordinal)}`);
  out.push(...a.agenda.map((x) => `  to discuss: ${agendaLine(x, w)}`));
  out.push(...a.calibration.map((c) => `  ${calibrationLine(c, a.bootstrap.confidence, w.clean)}`));
  return out;
}

/**
 * The alpha table for a terminal: every metric with its interval, or, when that is wider than
 * the terminal, interval and ordinal with intervals and nominal and ratio alone.
 */
function alphaTable(a: Agreement, w: Words, width: number | undefined): string[] {
  const rows = alphaRows(a, w);
  const layout = (cols: ReadonlyArray<readonly [Metric, boolean]>) => {
    const head = ['', ...cols.map(([m]) => m)];
    const cells = rows.map((r) => [r.label, ...cols.map(([m, full]) => (full ? estimate(r.group.alpha[m]) : a3(r.group.alpha[m].value)))]);
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    return [head, ...cells].map((c) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd());
  };
  const full = layout(METRICS.map((m) => [m, true] as const));
  if (width === undefined || full.every((l) => l.length <= width)) return full;
  return layout([['interval', true], ['ordinal', true], ['nominal', false], ['ratio', false]]);
}

/** The panel section of `score --format markdown`: lists, no table (the page's one table is the vendor's questions). */
export function renderVendorPanelMarkdown(a: Agreement, declarations: readonly string[]): string {
  const w: Words = { clean: mdCell, strong: (s) => `**${s}**` };
  const o = a.overall.alpha;
  let out = `#### Panel\n\n${declarations.map((d) => `- ${d}\n`).join('')}`;
  out += `\n**Agreement** on this vendor (${a.overall.pairable} question${a.overall.pairable === 1 ? '' : 's'} scored by two or more): Krippendorff's alpha interval ${estimate(o.interval)}, ordinal ${estimate(o.ordinal)}, nominal ${estimate(o.nominal)}, ratio ${estimate(o.ratio)}; in brackets a ${Math.round(a.bootstrap.confidence * 100)}% bootstrap interval (${a.bootstrap.samples} resamples, seed ${a.bootstrap.seed}).\n\n`;
  out += a.agenda.map((x) => `- To discuss: ${agendaLine(x, w)}\n`).join('');
  out += a.calibration.map((c) => `- ${calibrationLine(c, a.bootstrap.confidence, mdCell)}\n`).join('');
  return out;
}

export function renderAgreementText(a: Agreement, opts: RenderOptions): string {
  const p = painter(opts.color);
  const w: Words = { clean: (s) => safeText(s), strong: (s) => p.bold(s) };
  const out = [...intro(a, w), '', ...alphaTable(a, w, opts.width), ''];
  out.push(p.bold('Agenda for the consensus meeting') + ' (largest spread first):');
  out.push(...(a.agenda.length === 0 ? ['  no question has scores that differ'] : a.agenda.map((x) => `- ${agendaLine(x, w)}`)), '');
  out.push(calibrationHead(a));
  out.push(...(a.calibration.length === 0 ? ['  no evaluator shares a question with another'] : a.calibration.map((c) => `- ${calibrationLine(c, a.bootstrap.confidence, w.clean)}`)));
  return (opts.width === undefined ? out : fitLines(out, opts.width)).join('\n') + '\n';
}

/**
 * The agreement section in Markdown: `agreement --format markdown` with a table of alphas;
 * in the ranking report (`compare --format markdown`, `asList`) one list item per area instead,
 * so the report's tables stay the ranking and the vendors' details.
 */
export function renderAgreementMarkdown(a: Agreement, asList = false): string {
  const w: Words = { clean: mdCell, strong: (s) => `**${s}**` };
  let out = `### Agreement\n\n${intro(a, w).join('\n')}\n\n`;
  if (asList) {
    for (const r of alphaRows(a, w)) out += `- ${r.label}: ${METRICS.map((m) => `${m} ${estimate(r.group.alpha[m])}`).join(' · ')}\n`;
  } else {
    out += mdRow(['', ...METRICS]) + mdRow(['---', ...METRICS.map(() => '---:')]);
    for (const r of alphaRows(a, w)) out += mdRow([r.label, ...METRICS.map((m) => estimate(r.group.alpha[m]))]);
  }
  out += `\n**Agenda for the consensus meeting** (largest spread first):\n\n`;
  out += a.agenda.length === 0 ? 'No question has scores that differ.\n' : a.agenda.map((x) => `- ${agendaLine(x, w)}\n`).join('');
  out += `\n${calibrationHead(a)}\n\n`;
  out += a.calibration.length === 0 ? 'No evaluator shares a question with another.\n' : a.calibration.map((c) => `- ${calibrationLine(c, a.bootstrap.confidence, mdCell)}\n`).join('');
  return out;
}

/** docs/json.md#agreement, key for key. */
export function agreementJson(c: Comparison, a: Agreement): Record<string, unknown> {
  const group = (g: AlphaGroup) => ({ units: g.units, pairable: g.pairable, values: g.values, alpha: g.alpha });
  return {
    rubric: { id: c.rubric.id, version: c.rubric.version, scale: { min: c.rubric.scale.min, max: c.rubric.scale.max, step: c.rubric.scale.step } },
    vendors: c.vendors.map((v) => v.id),
    bootstrap: { resample: 'units', samples: a.bootstrap.samples, seed: a.bootstrap.seed, confidence: a.bootstrap.confidence },
    overall: group(a.overall),
    areas: a.areas.map((x) => ({ id: x.id, name: x.name, ...group(x) })),
    agenda: a.agenda,
    calibration: { test: 't-interval', confidence: a.bootstrap.confidence, evaluators: a.calibration },
  };
}

export function renderAgreementJson(c: Comparison, a: Agreement): string {
  return safeJson(agreementJson(c, a)) + '\n';
}
