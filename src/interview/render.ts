/** Interview screens as strings: the question header, review rows and the closing summary. */
import type { Rubric, VendorResult } from '../core/types.js';
import { safeText, truncate } from '../text/sanitize.js';
import { painter } from '../report/style.js';
import { formatScore, type Draft, type Progress, type Slot } from './session.js';

export interface ViewOptions {
  color: boolean;
  width: number;
}

/** Greedy word wrap; words longer than the width are left whole rather than cut. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(indent + line);
  }
  return lines;
}

export function labelOf(rubric: Rubric, v: number): string {
  return safeText(rubric.scale.labels[formatScore(v)] ?? '');
}

export function percent(weight: number, total: number): string {
  const p = total > 0 ? (100 * weight) / total : 0;
  return `${Number.isInteger(Math.round(p * 10) / 10) ? Math.round(p) : p.toFixed(1)}%`;
}

function areaWeightTotal(rubric: Rubric): number {
  return rubric.areas.reduce((s, a) => s + a.weight, 0);
}

/** One answer in a few words: "4 Strong · notes · 1 evidence". */
export function describeDraft(rubric: Rubric, d: Draft | undefined): string {
  if (!d || d.score === null) return ['unanswered', ...(d?.notes ? ['has notes'] : []), ...(d?.flag ? ['flagged'] : [])].join(' · ');
  const parts = [`${formatScore(d.score)} ${labelOf(rubric, d.score)}`.trim()];
  if (d.notes) parts.push('notes');
  if (d.evidence.length > 0) parts.push(`${d.evidence.length} evidence`);
  if (d.flag) parts.push('flagged');
  return parts.join(' · ');
}

/** The question screen above the score list. `guidance: false` leaves the anchors out (short terminals show them per choice). */
/** The score so far, while scoring: this area's and the total (core/score.ts figures them). */
export interface Running {
  area: number | null;
  total: number;
}

export function renderQuestion(rubric: Rubric, slot: Slot, progress: Progress, draft: Draft | undefined, opts: ViewOptions & { guidance?: boolean; brief?: boolean | undefined; running?: Running | undefined }): string {
  const c = painter(opts.color);
  const width = Math.max(40, Math.min(opts.width, 120));
  const { area, question: q } = slot;
  const out: string[] = [];
  const title = ` ${safeText(area.name)} · weight ${percent(area.weight, areaWeightTotal(rubric))} `;
  out.push(c.bold.cyan(`──${title}${'─'.repeat(Math.max(2, width - title.length - 2))}`));
  if (area.description && !opts.brief) out.push(...wrap(safeText(area.description), width).map((l) => c.dim(l)));
  const where = `Area ${progress.area} of ${progress.areas} · question ${progress.question} of ${progress.questionsInArea} · ${progress.overall} of ${progress.total} overall · ${progress.answered} answered`;
  out.push(...wrap(where, width).map((l) => c.dim(l)));
  out.push('');
  out.push(...wrap(safeText(q.text), width).map((l) => c.bold(l)));
  out.push(c.dim(`(${safeText(q.id)})`));
  if (q.weight !== 1 && !opts.brief) out.push(c.dim(`This question weighs ${formatScore(q.weight)} within its area.`));
  if (opts.running && progress.answered > 0) {
    const r = opts.running;
    out.push(c.dim(`Score so far: ${safeText(area.name)} ${r.area === null ? '—' : r.area.toFixed(1)} · total ${r.total.toFixed(1)} of 100`));
  }
  const knock = q.knockout ?? area.knockout;
  if (q.knockout) {
    out.push(...wrap(`KNOCKOUT: a score below ${formatScore(q.knockout.below)} disqualifies the vendor${q.knockout.reason ? ` (${safeText(q.knockout.reason)})` : ''}.`, width).map((l) => c.yellow(l)));
  } else if (knock) {
    out.push(c.yellow(`Knockout area: an area average below ${formatScore(knock.below)} disqualifies the vendor.`));
  }
  if (q.evidence) out.push(c.dim('Evidence expected: ask for a document or a link.'));
  if (draft?.flag) out.push(...wrap(`⚑ Flagged for follow-up: ${safeText(draft.flag)} (f clears it)`, width).map((l) => c.yellow(l)));
  const anchors = Object.keys(q.guidance)
    .map(Number)
    .sort((a, b) => a - b);
  if (anchors.length > 0 && opts.guidance !== false) {
    out.push('');
    out.push(c.underline('Guidance'));
    const labelWidth = Math.max(...anchors.map((v) => `${formatScore(v)} ${labelOf(rubric, v)}`.length));
    for (const v of anchors) {
      const head = `${formatScore(v)} ${labelOf(rubric, v)}`.padEnd(labelWidth);
      const body = wrap(safeText(q.guidance[formatScore(v)] ?? q.guidance[String(v)] ?? ''), width - labelWidth - 4, ' '.repeat(labelWidth + 4));
      out.push(`  ${c.bold(head)}  ${body[0]!.trimStart()}`, ...body.slice(1));
    }
  }
  if (draft && (draft.score !== null || draft.notes || draft.evidence.length > 0)) {
    out.push('');
    out.push(c.green(`Current answer: ${describeDraft(rubric, draft)}`));
    if (draft.notes) out.push(...wrap(safeText(draft.notes, { keepLines: true }), width, '  ').map((l) => c.dim(l)));
    if (draft.evidence.length > 0) out.push(c.dim(`  evidence: ${draft.evidence.map((e) => safeText(e)).join(', ')}`));
  }
  out.push('');
  return out.join('\n');
}

/** What the person must know before the next screen (a hand edit merged, a field changed in two places), above it. */
export function renderNotices(notices: readonly string[], opts: ViewOptions): string {
  if (notices.length === 0) return '';
  const c = painter(opts.color);
  const width = Math.max(40, Math.min(opts.width, 120)) - 2;
  const lines = notices.flatMap((n) => wrap(safeText(n), width).map((l, i) => c.yellow(`${i === 0 ? '! ' : '  '}${l}`)));
  return `${lines.join('\n')}\n\n`;
}

/** The short text of a score choice: "3  Meets — Named the workflow…", cut to the width. */
export function scoreChoiceName(rubric: Rubric, slot: Slot, v: number, width: number): string {
  const valueWidth = Math.max(...[rubric.scale.min, rubric.scale.max, rubric.scale.min + rubric.scale.step].map((x) => formatScore(x).length));
  const guidance = slot.question.guidance[formatScore(v)];
  const label = labelOf(rubric, v);
  const text = [label, guidance ? safeText(guidance) : ''].filter(Boolean).join(' — ');
  return clipWords(`${formatScore(v).padStart(valueWidth)}${text ? `  ${text}` : ''}`, Math.max(20, width - 4));
}

/** Cut to `max` characters at a word boundary, with "…" (a single word longer than that is cut). */
export function clipWords(s: string, max: number): string {
  const cut = truncate(s, max);
  if (cut === s) return s;
  const head = cut.slice(0, -1);
  const space = head.lastIndexOf(' ');
  return space > max / 2 ? `${head.slice(0, space).replace(/[\s—–,;:]+$/u, '')} …` : cut;
}

export function reviewHeader(rubric: Rubric, slots: readonly Slot[], drafts: Record<string, Draft>, opts: ViewOptions, only?: 'todo'): string {
  const c = painter(opts.color);
  const answered = slots.filter((s) => drafts[s.question.id]?.score != null).length;
  const flagged = slots.filter((s) => drafts[s.question.id]?.flag).length;
  const title = only === 'todo' ? `── To do · ${slots.length - answered} open or skipped · ${flagged} flagged ──` : `── Review · ${answered} of ${slots.length} answered${flagged > 0 ? ` · ${flagged} flagged` : ''} ──`;
  const lines = [c.bold.cyan(title)];
  for (const area of rubric.areas) {
    const n = area.questions.filter((q) => drafts[q.id]?.score != null).length;
    lines.push(`  ${n === area.questions.length ? c.green('✓') : ' '} ${safeText(area.name)}: ${n} of ${area.questions.length}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Marks at the start of a review row: ✓ answered, ↷ skipped in this session, · not reached yet. */
const STATE_MARK = { answered: '✓', skipped: '↷', open: '·' } as const;

/** One review row: "✓ keys   1 Weak · KNOCKOUT · notes · ⚑ ask for the SOC 2 report". */
export function reviewRow(rubric: Rubric, slot: Slot, draft: Draft | undefined, width: number, state: keyof typeof STATE_MARK = draft?.score != null ? 'answered' : 'open'): string {
  const head = `${STATE_MARK[state]} ${safeText(slot.question.id)}`;
  const { knockout } = slot.question;
  const parts: string[] = [];
  if (draft?.score != null) {
    parts.push(`${formatScore(draft.score)} ${labelOf(rubric, draft.score)}`.trim());
    if (knockout && draft.score < knockout.below) parts.push('KNOCKOUT');
  } else {
    parts.push(state === 'skipped' ? 'skipped' : 'unanswered');
  }
  if (draft?.notes) parts.push('notes');
  if (draft && draft.evidence.length > 0) parts.push(`${draft.evidence.length} evidence`);
  if (draft?.flag) parts.push(`⚑ ${safeText(draft.flag)}`);
  // Narrow terminals give the id column less room, so the marks stay in view.
  return truncate(`${head.padEnd(Math.min(34, Math.max(24, Math.floor(width / 2) - 4)))} ${parts.join(' · ')}`, Math.max(30, width - 4));
}

export interface SummaryInput {
  rubric: Rubric;
  result: VendorResult;
  file: string;
  slots: readonly Slot[];
  compareCommand: string;
  resumeCommand?: string | undefined;
}

/** The closing screen: area scores and total so far, knockouts, what is left, what to run next. */
export function renderSummary(s: SummaryInput, opts: ViewOptions): string {
  const c = painter(opts.color);
  const { result, rubric } = s;
  const out: string[] = [];
  const answered = s.slots.length - result.unanswered.length;
  out.push(c.bold(`${safeText(result.name)} (${safeText(result.id)}), scored by ${safeText(result.evaluators.join(', '))}: ${answered} of ${s.slots.length} questions answered`));
  out.push(`Saved in ${safeText(s.file)}`);
  out.push('');
  const total = 'Total so far';
  const nameWidth = Math.max(...rubric.areas.map((a) => safeText(a.name).length), total.length);
  const row = (name: string, weight: string, score: string, norm: string) => `  ${name.padEnd(nameWidth)}  ${weight.padStart(6)}  ${score.padStart(5)}  ${norm.padStart(6)}`;
  out.push(c.dim(row('Area', 'Weight', 'Score', 'of 100')));
  for (const a of result.areas) {
    out.push(row(safeText(a.name), percent(a.weight, 1), a.score === null ? '—' : a.score.toFixed(1), a.normalized === null ? '—' : a.normalized.toFixed(1)));
  }
  out.push(c.bold(row(total, '', '', result.total.toFixed(1))));
  if (result.unanswered.length > 0 && rubric.missing === 'min') out.push(c.dim(`  (unanswered questions count as ${formatScore(rubric.scale.min)}, the scale minimum)`));
  out.push('');
  if (result.knockouts.length > 0) {
    out.push(c.red(`Knockouts triggered (${result.knockouts.length}):`));
    for (const k of result.knockouts) {
      const unanswered = k.question !== undefined && result.unanswered.includes(k.question) ? ' [unanswered]' : '';
      out.push(...wrap(`- ${safeText(k.reason)}${unanswered}`, Math.max(40, opts.width - 2), '  ').map((l, i) => (i === 0 ? l : `  ${l}`)));
    }
  } else {
    out.push('Knockouts triggered: none');
  }
  if (result.unanswered.length > 0) {
    out.push(...wrap(`Unanswered (${result.unanswered.length}): ${result.unanswered.join(', ')}`, Math.max(40, opts.width - 2)));
  } else {
    out.push('Unanswered: none; every question has a score');
  }
  out.push('');
  if (s.resumeCommand) out.push(`Resume with:  ${s.resumeCommand}`);
  out.push(`Next:         ${s.compareCommand}`);
  return out.join('\n') + '\n';
}
