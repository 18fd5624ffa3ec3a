import { aggregateWords } from './status.js';
import type { Comparison, Rubric, VendorResult } from '../core/types.js';
import { csvRow } from './csv.js';
import { priceJson, vendorJson } from './json.js';
import { priceLine } from './price.js';
import { mdCell } from './markdown.js';
import { fixed1, percent, scaleValue } from './numbers.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { fitLines, paintBand, painter, type RenderOptions } from './style.js';
import { agreedCount, agreementLine, MARKS } from './status.js';
import { statusText } from './table.js';

function scaleNote(r: Rubric): string {
  return `${r.scale.min}–${r.scale.max}`;
}

/** One vendor in depth, for a terminal: areas, questions, each evaluator's score and notes. */
export function renderVendorText(c: Comparison, v: VendorResult, opts: RenderOptions, panel: readonly string[] = []): string {
  const p = painter(opts.color);
  const lines: string[] = [];
  const rank = v.rank === null ? 'not ranked' : `rank ${v.rank} of ${c.vendors.filter((x) => x.rank !== null).length}`;
  lines.push(`${p.bold(safeText(v.name))} (${safeText(v.id)}) · ${rank} · total ${paintBand(p, v.total, p.bold(fixed1(v.total)))} / 100`);
  lines.push(`${statusText(v)} · evaluators: ${v.evaluators.map((e) => safeText(e)).join(', ')}`);
  const price = priceLine(c, v);
  if (price) lines.push(price);
  for (const k of v.knockouts) lines.push(p.red(`✗ knockout: ${safeText(k.reason)} (${safeText(k.question ?? k.area)} scored ${scaleValue(k.score)}, must be at least ${k.below})`));
  for (const a of v.areas) {
    lines.push('');
    lines.push(`${p.bold(safeText(a.name))}  weight ${percent(a.weight)} · score ${scaleValue(a.score)} / ${c.rubric.scale.max} · ${paintBand(p, a.normalized, fixed1(a.normalized))} / 100`);
    for (const q of a.questions) {
      const flag = q.disagreement ? p.yellow(` ⚠ spread ${scaleValue(q.spread)}`) : '';
      const score = q.score === null ? p.dim('unanswered') : `${p.bold(scaleValue(q.score))}${q.agreed?.score != null ? p.cyan(` ${MARKS.agreed}`) : ''}`;
      lines.push(`  ${safeText(q.id)}  ${score}${flag}${q.weight !== 1 ? p.dim(`  (weight ${q.weight})`) : ''}`);
      lines.push(p.dim(`    ${safeText(q.text, { max: 160 })}`));
      if (q.agreed) lines.push(p.cyan(`    ${MARKS.agreed} ${safeText(agreementLine(q, c.options.aggregate), { max: 400 })}`));
      for (const ans of q.answers) {
        lines.push(`    ${safeText(ans.evaluator, { max: 40 })}: ${ans.score === null ? 'unanswered' : scaleValue(ans.score)}${ans.notes ? ` · ${safeText(ans.notes, { max: 300 })}` : ''}`);
        if (ans.evidence.length > 0) lines.push(p.dim(`      evidence: ${ans.evidence.map((e) => safeText(e, { max: 120 })).join(', ')}`));
        if (ans.flag) lines.push(p.yellow(`      ⚑ follow up: ${safeText(ans.flag, { max: 200 })}`));
      }
    }
  }
  lines.push(...followUpLines(v).map((l) => p.yellow(l)));
  const flags = v.flags.filter((f) => f.code !== 'disagreement');
  if (flags.length > 0) {
    lines.push('');
    for (const f of flags) lines.push(p.yellow(`⚠ ${safeText(f.message)}`));
  }
  lines.push(...panel);
  lines.push('');
  if (agreedCount(v) > 0) lines.push(p.dim(`${MARKS.agreed} agreed score: the consensus meeting's score replaces the ${c.options.aggregate} of the evaluators' scores.`));
  lines.push(p.dim(`Scale ${scaleNote(c.rubric)}; aggregate ${aggregateWords(c.options)}; unanswered counts as ${c.options.missing === 'min' ? 'the minimum' : 'nothing'}.`));
  return (opts.width === undefined ? lines : fitLines(lines, opts.width)).join('\n') + '\n';
}

/** The questions flagged for follow-up (an answer's `flag:`), each with who flagged it and the note. */
export function followUps(v: VendorResult): Array<{ question: string; evaluator: string; flag: string; file: string }> {
  return v.areas.flatMap((a) => a.questions.flatMap((q) => q.answers.filter((x) => x.flag).map((x) => ({ question: q.id, evaluator: x.evaluator, flag: x.flag!, file: x.file }))));
}

function followUpLines(v: VendorResult): string[] {
  const list = followUps(v);
  if (list.length === 0) return [];
  return ['', `Flagged for follow-up (${list.length}):`, ...list.map((f) => `  ⚑ ${safeText(f.question)} (${safeText(f.evaluator, { max: 40 })}): ${safeText(f.flag, { max: 200 })}`)];
}

export function renderVendorMarkdown(c: Comparison, v: VendorResult): string {
  let out = `### ${mdCell(v.name)} (${mdCell(v.id)})\n\n`;
  out += `Total **${fixed1(v.total)}** / 100 · ${v.rank === null ? 'not ranked' : `rank ${v.rank}`} · ${mdCell(statusText(v))}\n\n`;
  const price = priceLine(c, v);
  if (price) out += `${mdCell(price)}\n\n`;
  for (const k of v.knockouts) out += `- ❌ ${mdCell(k.reason)}\n`;
  out += `| Area | Question | Score | Evaluators | Notes |\n| :--- | :--- | ---: | :--- | :--- |\n`;
  for (const a of v.areas) {
    for (const q of a.questions) {
      const scores = q.answers.map((x) => `${mdCell(x.evaluator)}: ${x.score === null ? '–' : scaleValue(x.score)}`).join('<br>');
      const notes = q.answers.filter((x) => x.notes).map((x) => `${mdCell(x.evaluator)}: ${mdCell(x.notes!)}`).join('<br>');
      const agreed = q.agreed ? `<br>${MARKS.agreed} ${mdCell(agreementLine(q, c.options.aggregate))}` : '';
      out += `| ${mdCell(a.name)} | ${mdCell(q.id)}${q.disagreement ? ' ⚠️' : ''} | ${scaleValue(q.score)}${q.agreed?.score != null ? ` ${MARKS.agreed}` : ''} | ${scores} | ${notes}${agreed} |\n`;
    }
  }
  if (agreedCount(v) > 0) out += `\n${MARKS.agreed} agreed score: the consensus meeting's score replaces the ${c.options.aggregate} of the evaluators' scores.\n`;
  return out;
}

/** `extra`: keys added after `vendor` (score's `declarations` and `agreement`). */
export function renderVendorJson(c: Comparison, v: VendorResult, extra: Record<string, unknown> = {}): string {
  const base = vendorJson(v, c.rubric.price !== undefined);
  const detail = {
    ...base,
    areas: base.areas.map((a, ai) => ({
      ...a,
      name: v.areas[ai]!.name,
      questions: a.questions.map((q, qi) => {
        const src = v.areas[ai]!.questions[qi]!;
        return { ...q, text: src.text, weight: src.weight, spread: src.spread, answers: src.answers.map((x) => ({ evaluator: x.evaluator, score: x.score, notes: x.notes ?? null, evidence: x.evidence, flag: x.flag ?? null, file: x.file })) };
      }),
    })),
    unanswered: v.unanswered,
    'follow-up': followUps(v),
  };
  return safeJson({ rubric: { id: c.rubric.id, version: c.rubric.version, scale: { min: c.rubric.scale.min, max: c.rubric.scale.max } }, options: { aggregate: c.options.aggregate, missing: c.options.missing, ...(c.options.normalise ? { normalise: c.options.normalise } : {}) }, ...(c.rubric.price ? { price: priceJson(c) } : {}), vendor: detail, ...extra }) + '\n';
}

export function renderVendorCsv(_c: Comparison, v: VendorResult): string {
  let out = csvRow(['area', 'question', 'question_score', 'evaluator', 'score', 'notes', 'evidence']);
  for (const a of v.areas) {
    for (const q of a.questions) {
      if (q.answers.length === 0) out += csvRow([a.id, q.id, q.score, '', null, '', '']);
      for (const x of q.answers) out += csvRow([a.id, q.id, q.score, x.evaluator, x.score, x.notes ?? '', x.evidence.join('; ')]);
    }
  }
  return out;
}
