import type { Problem } from '../errors.js';
import { QUOTE_MAX, truncate } from '../text/sanitize.js';

/** Names are cut like quote() cuts them, but left as written: check --format json keeps them exact, and text output sanitises them. */
const clip = (s: string) => truncate(s, QUOTE_MAX);
import type { Comparison, Evaluation, QuestionResult } from './types.js';

export type PathSegment = string | number;
/** Where a key sits in a file (the loader knows; the arithmetic does not). */
export type Locate = (file: string, path: readonly PathSegment[]) => { line: number; col: number };

export interface WarningOptions {
  /** Other files failed to load, so a vendor may have more evaluators than we can see. */
  incomplete?: boolean;
}

/**
 * Things worth a reviewer's attention that do not make the files invalid: a vendor scored by one
 * evaluator only, a question the rubric wants evidence for that has none, evaluators who
 * disagree by the rubric's threshold or more, a question flagged for follow-up. One warning per vendor and question, placed on the
 * answer (or key) a person would edit.
 */
export function checkWarnings(c: Comparison, evaluations: readonly Evaluation[], locate: Locate, opts: WarningOptions = {}): Problem[] {
  const out: Problem[] = [];
  const wantsEvidence = new Set(c.rubric.areas.flatMap((a) => a.questions.filter((q) => q.evidence).map((q) => q.id)));
  const warn = (file: string, path: readonly PathSegment[], code: string, message: string) => {
    const { line, col } = locate(file, path);
    out.push({ file, line, col, severity: 'warning', code, message });
  };
  const firstFile = new Map<string, string>();
  for (const e of evaluations) if (!firstFile.has(e.vendor.id)) firstFile.set(e.vendor.id, e.file);
  const threshold = fmt(c.rubric.disagreement);
  for (const v of c.vendors) {
    const vendor = clip(v.id);
    if (v.evaluators.length === 1 && !opts.incomplete) {
      const file = firstFile.get(v.id);
      if (file) warn(file, ['evaluator'], 'single-evaluator', `vendor ${vendor} is scored by one evaluator only (${clip(v.evaluators[0]!)}); a second view catches misreadings`);
    }
    for (const area of v.areas) {
      for (const q of area.questions) {
        if (wantsEvidence.has(q.id) && q.score !== null && !q.answers.some((a) => a.evidence.length > 0)) {
          const a = scored(q)[0]!;
          warn(a.file, ['answers', q.id], 'no-evidence', `vendor ${vendor}: ${clip(q.id)} asks for evidence, but no evaluator cited any (add evidence: [a document or link])`);
        }
        // A flag stays a warning until it is cleared: f again in the interview, or the line deleted.
        for (const a of q.answers) {
          if (!a.flag) continue;
          warn(a.file, ['answers', q.id, 'flag'], 'follow-up', `vendor ${vendor}: ${clip(q.id)} is flagged for follow-up by ${clip(a.evaluator)}: "${clip(a.flag)}" (clear it with f on the question in the interview, or delete the flag line)`);
        }
        // A flagged question the panel has settled (an agreed score, or the average kept) needs no more attention.
        if (q.disagreement && !q.agreed) {
          const answers = scored(q);
          const who = answers.map((a) => `${clip(a.evaluator)} ${a.score}`).join(', ');
          warn(answers[0]!.file, ['answers', q.id], 'disagreement', `vendor ${vendor}: evaluators disagree on ${clip(q.id)} by ${fmt(q.spread ?? 0)} point(s) (${who}; the rubric flags ${threshold} or more)`);
        }
      }
    }
  }
  return out;
}

function scored(q: QuestionResult) {
  return q.answers.filter((a) => a.score !== null);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
