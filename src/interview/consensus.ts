/**
 * The consensus meeting as pure data: which questions are on the agenda (flagged, most important
 * first), and the screen for one of them. The command (cli/commands/consensus.ts) asks and saves.
 */
import type { Agreement, Comparison, QuestionResult, Rubric, VendorResult } from '../core/types.js';
import { painter } from '../report/style.js';
import { safeText, truncate } from '../text/sanitize.js';
import { wrap, type ViewOptions } from './render.js';
import { formatScore, scaleValues } from './session.js';

export interface AgendaItem {
  vendor: VendorResult;
  area: string;
  question: QuestionResult;
  /** The question's share of the vendor's total (area share × question weight ÷ the area's question weights). */
  share: number;
  /** spread × share: the order of the agenda. */
  importance: number;
}

/** A vendor's flagged questions, most important first (spread × share of the total); ties in rubric order. */
export function agendaOf(v: VendorResult): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const a of v.areas) {
    const weights = a.questions.reduce((s, q) => s + q.weight, 0);
    for (const q of a.questions) {
      if (!q.disagreement) continue;
      const share = weights > 0 ? (a.weight * q.weight) / weights : 0;
      items.push({ vendor: v, area: a.name, question: q, share, importance: (q.spread ?? 0) * share });
    }
  }
  return items.map((x, i) => ({ x, i })).sort((a, b) => b.x.importance - a.x.importance || a.i - b.i).map(({ x }) => x);
}

/** What the facilitator is choosing between: a score on the scale, or keep the average. */
export interface OutcomeChoice {
  value: number | 'keep';
  name: string;
}

export function outcomeChoices(rubric: Rubric, q: QuestionResult, guidance: Record<string, string>, aggregate: string, width: number): OutcomeChoice[] {
  const out: OutcomeChoice[] = scaleValues(rubric.scale).map((v) => {
    const key = formatScore(v);
    const label = rubric.scale.labels[key];
    const text = guidance[key] ?? label ?? '';
    return { value: v, name: truncate(safeText(`${key}${text ? `  ${text}` : ''}`), Math.max(20, width - 6)) };
  });
  const avg = q.aggregated === null ? 'no score' : formatScore(Math.round(q.aggregated * 100) / 100);
  out.push({ value: 'keep', name: `k  Keep the ${aggregate} (${avg}), with a reason` });
  return out;
}

/** The score to highlight first: a draft's, else the scale value nearest the aggregate. */
export function startingChoice(rubric: Rubric, q: QuestionResult, draft: number | 'keep' | undefined): number | 'keep' {
  if (draft !== undefined) return draft;
  if (q.aggregated === null) return 'keep';
  const values = scaleValues(rubric.scale);
  return values.reduce((best, v) => (Math.abs(v - q.aggregated!) < Math.abs(best - q.aggregated!) ? v : best), values[0]!);
}

export interface ScreenInput {
  item: AgendaItem;
  /** 1-based position on this vendor's agenda, and its length. */
  at: number;
  of: number;
  settled: number;
  text: string;
  aggregate: string;
  /** Rows the header may take (the list and prompt take the rest of the terminal). */
  rows: number;
}

/**
 * The header of one agenda item: vendor, progress, the question, then each evaluator's score,
 * notes and evidence, one block each, cut to fit `rows` (notes first lose lines, then evidence).
 */
export function renderAgendaItem(s: ScreenInput, opts: ViewOptions): string {
  const c = painter(opts.color);
  const w = Math.max(40, opts.width - 1);
  const q = s.item.question;
  const avg = q.aggregated === null ? '–' : formatScore(Math.round(q.aggregated * 100) / 100);
  const head = [
    c.bold(truncate(`Consensus · ${safeText(s.item.vendor.name)} · ${s.at} of ${s.of} flagged (${s.settled} settled)`, w)),
    truncate(`${safeText(s.item.area)} › ${safeText(q.id)} · spread ${formatScore(q.spread ?? 0)} · ${s.aggregate} ${avg} · ${(s.item.share * 100).toFixed(1)}% of total`, w),
    ...wrap(safeText(s.text), w).slice(0, 2).map((l) => c.dim(l)),
  ];
  const answers = q.answers.filter((a) => a.score !== null);
  const budget = Math.max(answers.length, s.rows - head.length - 1);
  const per = Math.max(1, Math.floor(budget / Math.max(1, answers.length)));
  const blocks = answers.map((a) => evaluatorBlock(a, per, w, c));
  return [...head, '', ...blocks.flat()].join('\n');
}

/** An evaluator's score, name and evidence on one line, then as many lines of notes as fit (the last cut with …). */
function evaluatorBlock(a: QuestionResult['answers'][number], lines: number, w: number, c: ReturnType<typeof painter>): string[] {
  const evidence = a.evidence.length > 0 ? ` · evidence: ${a.evidence.map((e) => safeText(e)).join(', ')}` : '';
  const name = truncate(safeText(a.evaluator), 40);
  const score = formatScore(a.score!);
  const who = `${c.bold(score)}  ${name}${c.dim(truncate(evidence, Math.max(0, w - score.length - 2 - name.length)))}`;
  const notes = a.notes ? wrap(safeText(a.notes), w - 4, '    ') : [];
  const room = Math.max(0, lines - 1);
  const shown = notes.length > room ? [...notes.slice(0, Math.max(0, room - 1)), ...(room > 0 ? [truncate(`${notes[room - 1]!} …`, w)] : [])] : notes;
  return [who, ...shown];
}

/** One outcome as a line: "legacy-connectivity: agreed 3" / "kept the mean". */
export function outcomeText(id: string, a: Pick<Agreement, 'score'>, aggregate: string): string {
  return `${id}: ${a.score === null ? `kept the ${aggregate}` : `agreed ${formatScore(a.score)}`}`;
}
