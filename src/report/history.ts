import type { HistoryRow } from '../io/history.js';
import { safeJson, safeText } from '../text/sanitize.js';
import { mdCell, mdRow } from './markdown.js';
import { scaleValue } from './numbers.js';

const score = (x: number | null) => (x === null ? '–' : scaleValue(x));
const short = (hash: string) => hash.slice(0, 10);

/** One block per commit, oldest first: the commit's line, then each score it changed. */
export function renderHistoryText(rows: readonly HistoryRow[]): string {
  if (rows.length === 0) return 'No score has changed in the history of these files.\n';
  let out = '';
  let last = '';
  for (const r of rows) {
    if (r.commit !== last) {
      out += `${out ? '\n' : ''}${short(r.commit)}  ${safeText(r.date)}  ${safeText(r.author)}: ${safeText(r.subject)}\n`;
      last = r.commit;
    }
    out += `  ${safeText(r.vendor)} · ${safeText(r.evaluator)} · ${safeText(r.question)}: ${score(r.from)} → ${score(r.to)}  (${safeText(r.file)})\n`;
  }
  return out;
}

export function renderHistoryMarkdown(rows: readonly HistoryRow[]): string {
  if (rows.length === 0) return 'No score has changed in the history of these files.\n';
  let out = mdRow(['date', 'commit', 'author', 'vendor', 'evaluator', 'question', 'from', 'to', 'file']);
  out += mdRow(['---', '---', '---', '---', '---', '---', '---:', '---:', '---']);
  for (const r of rows) out += mdRow([mdCell(r.date), `\`${short(r.commit)}\``, mdCell(r.author), mdCell(r.vendor), mdCell(r.evaluator), mdCell(r.question), score(r.from), score(r.to), mdCell(r.file)]);
  return out;
}

/** docs/json.md#history. */
export function renderHistoryJson(vendor: string | undefined, rows: readonly HistoryRow[]): string {
  const changes = rows.map((r) => ({ commit: r.commit, date: r.date, author: r.author, subject: r.subject, file: r.file, vendor: r.vendor, evaluator: r.evaluator, question: r.question, from: r.from, to: r.to }));
  return safeJson({ vendor: vendor ?? null, changes }) + '\n';
}
