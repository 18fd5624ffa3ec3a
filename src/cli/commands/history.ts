import { existsSync } from 'node:fs';
import { slugify } from '../../core/slug.js';
import { ExitCode, UserError } from '../../errors.js';
import { isDir } from '../../io/files.js';
import { readHistory } from '../../io/history.js';
import { renderHistoryJson, renderHistoryMarkdown, renderHistoryText } from '../../report/history.js';
import { clip } from '../../text/sanitize.js';
import { emit, resolveFormat, useColor } from '../output.js';
import type { CompareFlags } from './compare.js';

/** With no paths: ./evaluations, and ./consensus when there is one. */
function historyPaths(paths: readonly string[]): string[] {
  if (paths.length > 0) return [...paths];
  return ['evaluations', ...(isDir('consensus') ? ['consensus'] : [])];
}

export async function history(first: string | undefined, rest: string[], flags: CompareFlags): Promise<number> {
  // `history evaluations/` names a folder, not a vendor.
  const isPath = first !== undefined && existsSync(first);
  const vendor = isPath ? undefined : first;
  const paths = isPath ? [first, ...rest] : rest;
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const found = readHistory(historyPaths(paths));
  if ('noGit' in found) throw new UserError('history reads the git log, and git is not installed (or not on PATH)');
  if ('notRepository' in found) {
    throw new UserError(`${clip(found.notRepository)} is not in a git repository, so there is no history to read (commit the evaluation files to git, then try again)`);
  }
  const wanted = vendor === undefined ? undefined : new Set([vendor, slugify(vendor)]);
  const rows = wanted ? found.rows.filter((r) => wanted.has(r.vendor)) : found.rows;
  const text = format === 'json' ? renderHistoryJson(vendor, rows) : format === 'markdown' ? renderHistoryMarkdown(rows) : renderHistoryText(rows);
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}
