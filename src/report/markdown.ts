import { normalizedAreaWeights } from '../core/score.js';
import { closedEnvelope, PRICE_HEADS, priceView } from './price.js';
import type { Comparison, VendorResult } from '../core/types.js';
import { MOVEMENT_LEGEND, movementCells, removedText, type Baseline } from './movement.js';
import { emptyListing, fixed1, percent, scaleValue } from './numbers.js';
import { safeText } from '../text/sanitize.js';
import { aggregateWords, agreedCount, agreementLine, MARKS } from './status.js';
import { statusText } from './table.js';

/**
 * Text safe inside a GitHub Markdown table cell, and at the start of a line: one line, no raw
 * HTML, pipes escaped, Markdown punctuation that could start links, emphasis or images escaped,
 * and a start that would open a block (a heading, a list item, a rule, a setext underline) too.
 */
export function mdCell(s: string): string {
  return noMention(
    escapeBlockStart(
      safeText(s)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|~])/g, '\\$1')
        .trim(),
    ),
  );
}

/**
 * `@name` in a pull-request comment or a job summary notifies that GitHub user or team, so a
 * vendor could ping people through its own notes. GitHub finds mentions after rendering, in
 * the text between tags, so neither a backslash nor `&#64;` stops one; an empty HTML comment
 * between `@` and the name does, and renders as nothing: `@name` still reads as written.
 * (Invisible characters would also work, and are what the output boundary removes.)
 */
function noMention(s: string): string {
  return s.replace(/@(?=[A-Za-z0-9_-])/g, '@<!-- -->');
}

/**
 * `#` (a heading), `-`, `+`, `=` (a list item, a rule, a setext underline) and `1.` or `1)` (an
 * ordered list) mean something only at the start of a line, and `#` at the end of a heading
 * closes it; a backslash makes them plain there. (`>`, `<`, `*`, `_`, backticks, `~` and `|` are
 * escaped everywhere already.)
 */
function escapeBlockStart(s: string): string {
  return s
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/(\s)(#+)$/, '$1\\$2');
}

/**
 * Text inside raw HTML such as <summary>: GitHub does not read Markdown there, so backslash
 * escapes would show; entities are what work.
 */
export function htmlText(s: string): string {
  return noMention(safeText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').trim());
}

export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

/**
 * A ranking for pull requests and job summaries: the ranked table (with movement when there is
 * a baseline), knockouts and flags, then one collapsed section per vendor with every question.
 */
export function renderMarkdown(c: Comparison, vendors: readonly VendorResult[] = c.vendors, baseline?: Baseline): string {
  const areas = c.rubric.areas;
  const w = normalizedAreaWeights(c.rubric, c.options);
  let out = `### Vendor ranking: ${mdCell(c.rubric.title)}\n\n`;
  if (vendors.length === 0) return out + `${emptyListing(c.vendors.length)}\n` + (baseline ? baselineNote(baseline) : '');
  const moveHead = baseline ? ['Move', 'Δ'] : [];
  const priced = priceView(c);
  const priceHead = priced ? [...PRICE_HEADS] : [];
  out += mdRow(['Rank', 'Vendor', 'Total', ...moveHead, ...priceHead, ...areas.map((a) => `${mdCell(a.name)} (${percent(w[a.id]!)})`), 'Status']);
  out += mdRow(['---:', ':---', '---:', ...moveHead.map(() => '---:'), ...priceHead.map(() => '---:'), ...areas.map(() => '---:'), ':---']);
  for (const v of vendors) {
    const knocked = new Set(v.knockouts.map((k) => k.area));
    const name = v.status === 'disqualified' ? `~~${mdCell(v.name)}~~` : v.rank === 1 ? `**${mdCell(v.name)}**` : mdCell(v.name);
    out += mdRow([
      v.rank === null ? '—' : String(v.rank),
      name,
      `**${fixed1(v.total)}**`,
      ...(baseline ? movementCells(baseline, v).map((s) => s || '—') : []),
      ...(priced ? priced.cells(v) : []),
      ...v.areas.map((a) => (knocked.has(a.id) ? `❌ ${fixed1(a.normalized)}` : fixed1(a.normalized))),
      mdCell(statusText(v)),
    ]);
  }
  const notes: string[] = [];
  for (const v of vendors) {
    for (const k of v.knockouts) notes.push(`- ❌ **${mdCell(v.name)}**: ${mdCell(k.reason)} (${mdCell(k.question ?? k.area)} scored ${fixed1(k.score)}, knockout below ${k.below})`);
    for (const f of v.flags) {
      if (f.code === 'disagreement' || f.code === 'knockout-unanswered' || f.code === 'single-evaluator' || f.code === 'few-evaluators') notes.push(`- ⚠️ **${mdCell(v.name)}**: ${mdCell(f.message)}`);
    }
    if (v.unanswered.length > 0) notes.push(`- ◐ **${mdCell(v.name)}**: ${v.unanswered.length} question(s) unanswered: ${v.unanswered.map(mdCell).join(', ')}`);
    for (const q of v.areas.flatMap((x) => x.questions)) if (q.agreed) notes.push(`- ${MARKS.agreed} **${mdCell(v.name)}**: ${mdCell(q.id)} ${mdCell(agreementLine(q, c.options.aggregate))}`);
  }
  out += `\nScores are 0–100; aggregate ${aggregateWords(c.options)}; unanswered questions count as ${c.options.missing === 'min' ? 'the scale minimum' : 'nothing (ignored)'}.\n`;
  if (priced) out += `\n${mdCell(priced.legend)}.\n`;
  const closed = closedEnvelope(c);
  if (closed) out += `\n${mdCell(closed)}.\n`;
  if (baseline) out += baselineNote(baseline);
  if (notes.length > 0) out += `\n${notes.join('\n')}\n`;
  for (const v of vendors) out += vendorDetails(c, v);
  return out;
}

function baselineNote(b: Baseline): string {
  let s = `\nCompared with ${mdCell(b.file)}. ${mdCell(MOVEMENT_LEGEND)}.\n`;
  if (b.removed.length > 0) s += `\nNot in this result any more: ${mdCell(removedText(b))}.\n`;
  return s;
}

/** One vendor, collapsed: areas, then every question with each evaluator's score. */
function vendorDetails(c: Comparison, v: VendorResult): string {
  const place = v.rank !== null ? `rank ${v.rank}` : v.status === 'disqualified' ? 'disqualified' : statusText(v).slice(2);
  let out = `\n<details><summary>${htmlText(v.name)}: ${fixed1(v.total)} (${place})</summary>\n\n`;
  const evaluators = v.evaluators;
  out += mdRow(['Area', 'Question', 'Score', ...evaluators.map(mdCell), 'Flag']);
  out += mdRow([':---', ':---', '---:', ...evaluators.map(() => '---:'), ':---']);
  const areaOf = new Map(c.rubric.areas.map((a) => [a.id, a.name]));
  const knockedQ = new Set(v.knockouts.filter((k) => k.question).map((k) => k.question));
  const knockedA = new Set(v.knockouts.filter((k) => !k.question).map((k) => k.area));
  for (const a of v.areas) {
    out += mdRow([
      `**${mdCell(areaOf.get(a.id) ?? a.id)}**`,
      `*area, weight ${percent(a.weight)}*`,
      `**${scaleValue(a.score)}**`,
      ...evaluators.map(() => ''),
      knockedA.has(a.id) ? '❌ knockout' : '',
    ]);
    for (const q of a.questions) {
      const flag = knockedQ.has(q.id) ? '❌ knockout' : q.disagreement ? `⚠️ spread ${scaleValue(q.spread)}` : q.score === null ? '◐ unanswered' : '';
      const mark = q.agreed?.score != null ? ` ${MARKS.agreed}` : '';
      out += mdRow(['', mdCell(q.id), `${scaleValue(q.score)}${mark}`, ...evaluators.map((e) => (q.scores[e] === undefined ? '–' : scaleValue(q.scores[e]))), flag]);
    }
  }
  if (agreedCount(v) > 0) out += `\n${MARKS.agreed} agreed score: the consensus meeting's score replaces the ${c.options.aggregate} of the evaluators' scores.\n`;
  return out + '\n</details>\n';
}
