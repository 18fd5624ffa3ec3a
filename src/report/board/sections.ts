import type { Agreement, AlphaGroup } from '../../core/agreement.js';
import type { QuestionResult } from '../../core/types.js';
import { htmlText } from '../html.js';
import { removedText } from '../movement.js';
import { closedEnvelope, PRICE_HEADS, priceView } from '../price.js';
import { MARKS } from '../status.js';
import { fixed1, percent, percentApart, scaleValue } from '../numbers.js';
import { drawLines, evaluatorLines, marginLines, stepLines, verdictLines, weightLines } from '../sensitivity-lines.js';
import { band } from '../style.js';
import { htmlWords, linesHtml } from './lines.js';
import type { BoardModel, BoardVendor } from './model.js';
import type { RenderedChart } from './svg.js';

/*
 * One builder per kind of data. Each returns its section's HTML, or null when its data is not
 * there (a single evaluator: no agreement section; no price: no value chart). Every string
 * from a file goes through htmlText.
 */

export type Section = (m: BoardModel, charts: readonly RenderedChart[]) => string | null;

const t = htmlText;
const section = (id: string, title: string, body: string) => `<section id="${id}">\n<h2>${title}</h2>\n${body}\n</section>`;
const scoreCell = (n: number | null, extra = '') => `<td class="num${n === null ? '' : ` ${band(n)}`}${extra}">${fixed1(n)}</td>`;
const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const statusHtml = (v: BoardVendor) => v.marks.map((mk) => `<span class="mark ${mk.tone}">${t(mk.mark)} ${t(mk.text)}</span>`).join(' ');

/** A cell that names its column, for the narrow layout where each row is a card (style.ts: table.stack). */
const labelled = (td: string, label: string) => td.replace(/^<td/, `<td data-label="${t(label)}"`);

/** "Northwind Applied AI leads by 4.2 points over Quanta Forge." */
export function leadSentence(m: BoardModel): string {
  const names = list(m.leaders.map((v) => `<strong>${t(v.name)}</strong>`));
  if (m.leaders.length === 0) return 'No vendor qualifies: there is no leader.';
  if (m.leaders.length > 1) return `${names} tie for first at ${fixed1(m.leaders[0]!.total)}.`;
  if (!m.runnerUp || m.margin === null) return `${names} is the only qualified vendor, at ${fixed1(m.leaders[0]!.total)}.`;
  return `${names} leads with ${fixed1(m.leaders[0]!.total)}, <strong>${fixed1(m.margin)} points</strong> ahead of ${t(m.runnerUp.name)} (${fixed1(m.runnerUp.total)}).`;
}

export const decisionSection: Section = (m) => {
  const verdict = verdictLines(htmlWords(m))[0]!.text;
  const base = m.baseline;
  const prices = priceView(m.comparison);
  const byId = new Map(m.comparison.vendors.map((v) => [v.id, v]));
  const head = ['<th class="num">#</th>', '<th>Vendor</th>', '<th class="num">Total</th>'];
  if (base) head.push('<th class="num">Move</th>', '<th class="num">Δ</th>');
  if (prices) head.push(...PRICE_HEADS.map((h) => `<th class="num">${h}</th>`));
  head.push('<th class="num">First under other weights</th>', '<th>Status</th>');
  const rows = m.vendors.map((v) => {
    const cells = [`<td class="num">${v.rank ?? '–'}</td>`, `<td class="vendor">${t(v.name)}</td>`, scoreCell(v.status === 'qualified' ? v.total : null).replace('>–<', `>${fixed1(v.total)}<`)];
    if (base) cells.push(`<td class="num">${t(v.movement?.move ?? '')}</td>`, `<td class="num">${t(v.movement?.delta ?? '')}</td>`);
    if (prices) cells.push(...prices.cells(byId.get(v.id)!).map((x) => `<td class="num">${t(x)}</td>`));
    cells.push(`<td class="num">${v.first ? percentApart(v.first.share) : '–'}</td>`, `<td class="status">${statusHtml(v)}</td>`);
    const named = cells.map((c, i) => (i < 2 ? c : labelled(c, head[i]!.replace(/<[^>]+>/g, ''))));
    return `<tr class="${v.status}${v.rank === 1 ? ' leader' : ''}" data-vendor="${t(v.id)}">${named.join('')}</tr>`;
  });
  const removed = base && base.removed.length > 0 ? `<p class="note">Since the baseline, no longer evaluated: ${t(removedText(base))}.</p>` : '';
  const since = base ? `<p class="note">Movement since <code>${t(base.file)}</code>: ↑/↓ ranks gained or lost, = same rank, new: not in the baseline, out: newly disqualified, in: no longer disqualified; Δ: change of total.</p>` : '';
  return section('decision', 'The decision', [
    `<p class="lead">${leadSentence(m)}</p>`,
    `<p class="verdict">${verdict}</p>`,
    '<div class="table-wrap"><table class="shortlist stack">',
    `<thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    since,
    removed,
    prices ? `<p class="note">${t(prices.legend)}. The Total combines quality and price; Quality is the areas alone.</p>` : closedNote(m),
    knockoutNotes(m),
  ].filter(Boolean).join('\n'));
};

function closedNote(m: BoardModel): string {
  const closed = closedEnvelope(m.comparison);
  return closed ? `<p class="note">${t(closed)}.</p>` : '';
}

function knockoutNotes(m: BoardModel): string {
  const items = m.vendors.flatMap((v) => v.knockouts.map((k) => `<li><strong>${t(v.name)}</strong> is knocked out: ${t(k.reason)} (${t(k.question ?? k.area)} scored ${scaleValue(k.score)}, the minimum is ${t(String(k.below))}).</li>`));
  return items.length > 0 ? `<ul class="knockouts">\n${items.join('\n')}\n</ul>` : '';
}

/** An anchor id made of the vendor's id (a slug) so links inside the page work; never vendor text unescaped. */
export function idFor(v: BoardVendor): string {
  return v.id.replace(/[^a-z0-9-]/gi, '-');
}

export const chartsSection: Section = (_m, charts) => {
  if (charts.length === 0) return null;
  const figures = charts.map((c) => `<figure class="chart" id="chart-${c.id}" data-chart="${c.id}" data-marks="${c.marks}">\n<figcaption><strong>${c.title}</strong><br><span>${t(c.caption)}</span></figcaption>\n<div class="wide">${c.svg}</div>\n<div class="narrow">${c.narrow}</div>\n</figure>`);
  return section('charts', 'The comparison in charts', figures.join('\n'));
};

export const robustnessSection: Section = (m) => {
  if (m.leaders.length === 0) return null;
  const w = htmlWords(m);
  const parts = [verdictLines(w), marginLines(w), weightLines(w), drawLines(w), evaluatorLines(w), stepLines(w)].map(linesHtml);
  return section('robustness', 'How sure we are', parts.join('\n'));
};

function evaluatorScores(q: QuestionResult): string {
  const parts = q.answers.map((a) => `${t(a.evaluator)} ${a.score === null ? '–' : scaleValue(a.score)}`);
  return parts.join(' · ');
}

function questionItem(q: QuestionResult): string {
  const flag = q.disagreement ? ' <span class="mark warn">⚑ evaluators disagree</span>' : '';
  const notes = q.answers.flatMap((a) => {
    const out: string[] = [];
    if (a.notes) out.push(`<li><span class="who">${t(a.evaluator)}:</span> ${t(a.notes)}</li>`);
    for (const e of a.evidence) out.push(`<li><span class="who">${t(a.evaluator)}, evidence:</span> <span class="evidence">${t(e)}</span></li>`);
    if (a.flag) out.push(`<li><span class="who">${t(a.evaluator)}, follow-up:</span> ${t(a.flag)}</li>`);
    return out;
  });
  // The consensus meeting's outcome (docs/files.md#consensus), which the score above already counts.
  if (q.agreed) {
    const a = q.agreed;
    const what = a.score === null ? `average kept (${scaleValue(q.aggregated)})` : `agreed ${scaleValue(a.score)} (the evaluators' aggregate was ${scaleValue(q.aggregated)})`;
    notes.unshift(`<li><span class="who">${MARKS.agreed} Panel:</span> ${t(`${what} · ${a.reason} · by ${a.by.join(', ')} on ${a.date}`)}</li>`);
  }
  return `<li class="question"><div class="q"><span class="qtext">${t(q.text)}</span> <span class="score">${scaleValue(q.score)}</span>${flag}</div><div class="by">${evaluatorScores(q)}</div>${notes.length > 0 ? `<ul class="notes">${notes.join('')}</ul>` : ''}</li>`;
}

function strengths(v: BoardVendor, m: BoardModel): string {
  const { max } = m.rubric.scale;
  const areas = (xs: BoardVendor['best']['areas']) => xs.map((a) => `${t(a.name)} (${fixed1(a.score)})`).join(', ') || '–';
  const qs = (xs: readonly QuestionResult[]) => (xs.length === 0 ? '–' : `<ul>${xs.map((q) => `<li>${t(q.text)} <strong>${scaleValue(q.score)}/${max}</strong></li>`).join('')}</ul>`);
  return [
    '<dl class="sw">',
    `<dt>Strongest areas</dt><dd>${areas(v.best.areas)}</dd>`,
    `<dt>Weakest areas</dt><dd>${areas(v.worst.areas)}</dd>`,
    `<dt>Highest-scored answers</dt><dd>${qs(v.best.questions)}</dd>`,
    `<dt>Lowest-scored answers</dt><dd>${qs(v.worst.questions)}</dd>`,
    '</dl>',
  ].join('\n');
}

function vendorBlock(v: BoardVendor, m: BoardModel): string {
  const rank = v.rank === null ? 'disqualified' : `rank ${v.rank}`;
  const areas = v.result.areas.map((a) => {
    const ba = v.areas.find((x) => x.id === a.id)!;
    return `<h4>${t(a.name)} <span class="area-score ${ba.score === null ? '' : band(ba.score)}">${fixed1(ba.score)}</span>${ba.knockedOut ? ' <span class="mark bad">⊘ knockout</span>' : ''} <small>weight ${percent(ba.weight)}</small></h4>\n<ul class="questions">${a.questions.map(questionItem).join('\n')}</ul>`;
  });
  const follow = v.followUps.length > 0 ? `<h4>Follow-ups</h4>\n<ul class="follow">${v.followUps.map((f) => `<li><strong>${t(cap(f.why))}</strong>: ${t(f.question)}</li>`).join('\n')}</ul>` : '';
  const dis = v.disagreements.length > 0 ? `<p class="note">${v.disagreements.length} question(s) where evaluators disagree: ${v.disagreements.map((q) => `${t(q.text)} (${evaluatorScores(q)})`).join('; ')}.</p>` : '';
  return [
    `<article class="vendor" id="vendor-${idFor(v)}">`,
    `<h3>${t(v.name)} <small>${rank} · ${fixed1(v.total)}</small></h3>`,
    `<p class="status">${statusHtml(v)}${v.price ? ` · cost ${t(v.price.currency)} ${v.price.cost.toLocaleString('en')}, value ${fixed1(v.price.score)}` : ''} · evaluated by ${t(v.evaluators.join(', '))}</p>`,
    strengths(v, m),
    dis,
    follow,
    ...areas,
    '</article>',
  ].filter(Boolean).join('\n');
}

export const vendorsSection: Section = (m) => {
  if (m.vendors.length === 0) return null;
  return section('vendors', 'Each vendor', m.vendors.map((v) => vendorBlock(v, m)).join('\n'));
};

export const agreementSection: Section = (m) => {
  if (m.evaluators.length < 2) return null;
  const head = `<tr><th>Vendor</th>${m.evaluators.map((e) => `<th class="num">${t(e)}</th>`).join('')}<th class="num">Spread</th><th class="num">Disagreements</th></tr>`;
  const rows = m.vendors.map((v) => {
    const by = new Map(v.evaluatorTotals.map((x) => [x.by, x.t]));
    const ts = v.evaluatorTotals.map((x) => x.t);
    const spread = ts.length > 1 ? Math.max(...ts) - Math.min(...ts) : null;
    const cells = [...m.evaluators.map((e) => labelled(scoreCell(by.get(e) ?? null), e)), labelled(`<td class="num">${fixed1(spread)}</td>`, 'Spread'), labelled(`<td class="num">${v.disagreements.length}</td>`, 'Disagreements')];
    return `<tr><td class="vendor">${t(v.name)}</td>${cells.join('')}</tr>`;
  });
  return section('agreement', 'Do the evaluators agree?', [
    `<p>Each evaluator’s own total for each vendor (their scores alone, over the questions they answered). A spread larger than the leader’s margin means the evaluators disagree by more than the lead. A disagreement is a question on which scores are ${m.rubric.disagreement} or more scale points apart.</p>`,
    `<div class="table-wrap"><table class="agreement stack"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    ...(m.agreement ? alphaHtml(m.agreement) : []),
  ].join('\n'));
};

/** The methods in words (core/method.ts: METHODS). */
const METHOD_NAMES: Record<string, string> = { 'weighted-sum': 'weighted sum' };

export const methodSection: Section = (m) => {
  const { scale } = m.rubric;
  const overridden = m.weights.some((w) => w.source !== 'rubric');
  const weight = (n: number) => fixed1(n).replace(/\.0$/, '');
  const rows = m.weights.map((w) => `<tr><td>${t(w.name)}</td><td class="num">${weight(w.rubricWeight)}</td>${overridden ? `<td class="num">${weight(w.used)}</td>` : ''}<td class="num">${percent(w.share)}</td></tr>`);
  const s = m.sensitivity;
  return section('method', 'How the numbers were made', [
    '<ul class="method">',
    `<li><strong>Rubric</strong>: ${t(m.rubric.title)} (<code>${t(m.rubric.id)}@${t(String(m.rubric.version))}</code>${m.rubric.file ? `, from <code>${t(m.rubric.file)}</code>` : ', bundled with vendorscore'}), ${m.rubric.areas.reduce((n, a) => n + a.questions.length, 0)} questions in ${m.rubric.areas.length} areas.</li>`,
    `<li><strong>Scores</strong>: each question on a scale of ${scale.min} to ${scale.max} in steps of ${scale.step}. Evaluators’ scores on a question are combined by their <strong>${m.options.aggregate}</strong>.</li>`,
    `<li><strong>Unanswered questions</strong>: ${m.options.missing === 'min' ? `count as the scale minimum (${scale.min})` : 'are left out of their area’s score'}.</li>`,
    `<li><strong>Method</strong>: ${METHOD_NAMES[m.method] ?? t(m.method)}. An area’s score is the weighted mean of its questions, put on 0–100; the total is the weighted mean of the area scores, weighted by the shares below. A knockout question or area scored below its minimum disqualifies the vendor, whatever its total. Equal totals share a rank.</li>`,
    `<li><strong>Robustness</strong>: ${s.draws.samples.toLocaleString('en')} random weightings within ±${Math.round(s.plausible.weightSpread * 100)}% (seed ${s.draws.seed}); each evaluator left out or ${s.plausible.bias} point(s) harsher or kinder; each score changed by up to ${s.plausible.scoreChange} point(s).</li>`,
    '</ul>',
    `<div class="table-wrap"><table class="weights"><thead><tr><th>Area</th><th class="num">Rubric weight</th>${overridden ? '<th class="num">Used (--weights)</th>' : ''}<th class="num">Share of the total</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`,
    `<p class="note">Weights come from ${overridden ? 'the rubric, with the overrides given by --weights' : 'the rubric'}.</p>`,
  ].join('\n'));
};

/** Every section, in reading order. */
/** Krippendorff's alpha (interval metric, with its bootstrap interval), overall and per area, and each evaluator's calibration (docs/arithmetic.md#agreement). */
function alphaHtml(a: Agreement): string[] {
  const pct = `${Math.round(a.bootstrap.confidence * 100)}%`;
  const est = (g: AlphaGroup) => {
    const x = g.alpha.interval;
    if (x.value === null) return 'not computable (too few questions scored by two or more)';
    return `${x.value.toFixed(3)}${x.low !== null && x.high !== null ? ` (${pct} interval ${x.low.toFixed(3)} to ${x.high.toFixed(3)})` : ''}, over ${g.pairable} (vendor, question) pair(s) scored by two or more`;
  };
  const areas = a.areas.map((g) => `<li>${t(g.name)}: ${est(g)}</li>`);
  const cal = a.calibration.map((c) => {
    if (c.offset === null) return `<li><strong>${t(c.evaluator)}</strong>: no question shared with another evaluator.</li>`;
    const way = Math.abs(c.offset) < 0.05 ? 'level with the others' : `${fixed1(Math.abs(c.offset))} scale points ${c.offset > 0 ? 'kinder' : 'harsher'} than the others`;
    return `<li><strong>${t(c.evaluator)}</strong> scores ${way} on average over ${c.units} shared question(s); ${c.significant ? 'larger than the noise' : 'within the noise'} (${pct} t interval${c.low !== null && c.high !== null ? ` ${fixed1(c.low)} to ${fixed1(c.high)}` : ''}).</li>`;
  });
  return [
    `<h3>Agreement (Krippendorff's alpha, interval)</h3>`,
    `<p>All questions: ${est(a.overall)}. 1 is perfect agreement, 0 no better than chance; 0.8 or more is usually read as reliable, 0.667 as the least for tentative conclusions.</p>`,
    `<ul>${areas.join('\n')}</ul>`,
    `<h3>Calibration</h3><ul>${cal.join('\n')}</ul>`,
  ];
}

export const SECTIONS: readonly Section[] = [decisionSection, chartsSection, robustnessSection, vendorsSection, agreementSection, methodSection];
