import type { Problem } from '../errors.js';
import { annotation } from '../text/sanitize.js';
import { mdCell, mdRow } from './markdown.js';

/** GitHub shows about this many annotations of each level per step; past it, a level is grouped by file. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * `check --format github`: one annotation per problem, or, for a level with more than
 * ANNOTATIONS_PER_LEVEL problems, one per file with the count and the first; then the full list
 * goes to the job summary (`summary`, undefined when nothing was grouped).
 */
export function renderGithubProblems(problems: readonly Problem[]): { annotations: string; summary?: string } {
  const out: string[] = [];
  let grouped = false;
  for (const level of ['error', 'warning', 'info'] as const) {
    const these = problems.filter((p) => p.severity === level);
    const kind = level === 'info' ? 'notice' : level;
    if (these.length <= ANNOTATIONS_PER_LEVEL) {
      for (const p of these) out.push(annotation(kind, { file: p.file, line: p.line > 0 ? p.line : undefined, col: p.line > 0 ? p.col : undefined, title: `vendorscore ${p.code}` }, p.message));
      continue;
    }
    grouped = true;
    const byFile = new Map<string, Problem[]>();
    for (const p of these) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const [file, list] of byFile) {
      const first = list[0]!;
      const more = list.length > 1 ? `${list.length} ${level}s in this file (all of them are in the job summary); the first: ` : '';
      out.push(annotation(kind, { file, line: first.line > 0 ? first.line : undefined, col: first.line > 0 ? first.col : undefined, title: list.length > 1 ? `vendorscore: ${list.length} ${level}s` : `vendorscore ${first.code}` }, `${more}${first.message}`));
    }
  }
  const annotations = out.map((l) => `${l}\n`).join('');
  return grouped ? { annotations, summary: renderProblemSummary(problems) } : { annotations };
}

/** Every problem as a row of a markdown table, for the job summary. */
function renderProblemSummary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const rows = problems.map((p) => mdRow([mdCell(p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file), p.severity, mdCell(p.message)]));
  return `### vendorscore check: ${errors} error(s), ${problems.length - errors} warning(s)\n\n${mdRow(['File', 'Level', 'Problem'])}${mdRow(['---', '---', '---'])}${rows.join('')}\n`;
}
