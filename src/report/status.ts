/**
 * What the table's status column says about a vendor, as a list of marks: its standing first
 * (qualified, incomplete, disqualified), then what a reviewer should look at (disagreements;
 * later, open follow-ups). Each mark has a long form for the full table and a short one for
 * the compact layout; the legend explains every mark.
 */
import { agreedText } from '../core/aggregate.js';
import type { Aggregate, QuestionResult, ScoreOptions, VendorResult } from '../core/types.js';

export type Tone = 'good' | 'warn' | 'bad';

export interface StatusMark {
  mark: string;
  /** Long form, after the mark: "qualified", "2 disagreements". */
  text: string;
  /** Compact form, the mark and at most a count: "◐3", "⚑1". */
  short: string;
  tone: Tone;
}

/** The marks the legend lists, in order. Knockout areas (in the area cells) have their own. */
export const MARKS = {
  knockoutArea: '⊘',
  qualified: '✓',
  incomplete: '◐',
  disqualified: '✗',
  disagreement: '⚑',
  unpriced: '○',
  agreed: '✦',
} as const;

export const MARK_LEGEND: ReadonlyArray<readonly [string, string]> = [
  [MARKS.knockoutArea, 'knockout area'],
  [MARKS.qualified, 'qualified'],
  [MARKS.incomplete, 'incomplete'],
  [MARKS.disqualified, 'disqualified'],
  [MARKS.disagreement, 'evaluators disagree'],
  [MARKS.agreed, 'agreed score (consensus) replaces the average'],
];

/** How many of a vendor's questions count an agreed score (docs/files.md#consensus). */
export function agreedCount(v: VendorResult): number {
  return v.areas.reduce((n, a) => n + a.questions.filter((q) => q.agreed && q.agreed.score !== null).length, 0);
}

/** The vendor's standing in words, as markdown, html and `score` show it. */
export function statusText(v: VendorResult): string {
  if (v.status === 'below-min-quality') return `${MARKS.unpriced} below min-quality (price not opened)`;
  if (v.status === 'no-quote') return `${MARKS.unpriced} no quote`;
  if (v.status === 'disqualified') {
    const what = [...new Set(v.knockouts.map((k) => k.question ?? k.area))].join(', ');
    return `${MARKS.disqualified} knockout: ${what}`;
  }
  return v.complete ? `${MARKS.qualified} qualified` : `${MARKS.incomplete} incomplete (${incompleteWhy(v)})`;
}

/** Why a vendor is incomplete: unanswered questions, too few evaluators for the rubric's min-evaluators, or both. */
export function incompleteWhy(v: Pick<VendorResult, 'unanswered' | 'evaluators' | 'flags'>): string {
  const why: string[] = [];
  if (v.unanswered.length > 0) why.push(`${v.unanswered.length} unanswered`);
  if (v.flags.some((f) => f.code === 'few-evaluators')) why.push(`${v.evaluators.length} evaluator${v.evaluators.length === 1 ? '' : 's'}, too few`);
  return why.join('; ');
}

export function statusMarks(v: VendorResult): StatusMark[] {
  const standing = statusText(v);
  const out: StatusMark[] = [];
  if (v.status === 'disqualified') out.push({ mark: MARKS.disqualified, text: standing.slice(2), short: MARKS.disqualified, tone: 'bad' });
  else if (v.status !== 'qualified') out.push({ mark: MARKS.unpriced, text: standing.slice(2), short: MARKS.unpriced, tone: 'warn' });
  else if (v.complete) out.push({ mark: MARKS.qualified, text: standing.slice(2), short: MARKS.qualified, tone: 'good' });
  else out.push({ mark: MARKS.incomplete, text: standing.slice(2), short: `${MARKS.incomplete}${v.unanswered.length}`, tone: 'warn' });
  const disagreements = v.areas.reduce((n, a) => n + a.questions.filter((q) => q.disagreement).length, 0);
  if (disagreements > 0) {
    out.push({ mark: MARKS.disagreement, text: `${disagreements} disagreement${disagreements === 1 ? '' : 's'}`, short: `${MARKS.disagreement}${disagreements}`, tone: 'warn' });
  }
  const agreed = agreedCount(v);
  if (agreed > 0) out.push({ mark: MARKS.agreed, text: `${agreed} agreed`, short: `${MARKS.agreed}${agreed}`, tone: 'good' });
  return out;
}

export function statusLong(marks: readonly StatusMark[]): string {
  return marks.map((m) => `${m.mark} ${m.text}`).join(' · ');
}

export function statusShort(marks: readonly StatusMark[]): string {
  return marks.map((m) => m.short).join(' ');
}

/** "agreed 3 (was mean 2.5) · reason · by Dana, Ravi on 2026-11-28", unsanitised (each renderer escapes its own way). */
export function agreementLine(q: QuestionResult, aggregate: Aggregate): string {
  const a = q.agreed!;
  return `${agreedText(a.score, q.aggregated, aggregate)} · ${a.reason} · by ${a.by.join(', ')} on ${a.date}`;
}

/** How the evaluators' scores were combined, in words: "mean", or "mean of normalised scores (--normalise z)". */
export function aggregateWords(o: Pick<ScoreOptions, 'aggregate' | 'normalise'>): string {
  return o.normalise === 'z' ? `${o.aggregate} of normalised scores (--normalise z)` : o.aggregate;
}
