import { diffResults, movementOf, removedVendors, type Results } from '../../core/diff.js';
import type { Comparison } from '../../core/types.js';
import { ExitCode, UserError } from '../../errors.js';
import { displayPath } from '../../io/files.js';
import { readJsonFile } from '../../io/json-file.js';
import { parseResults } from '../../schema/results.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../report/diff.js';
import type { Baseline } from '../../report/movement.js';
import { clip, quote, safeText } from '../../text/sanitize.js';
import { shellQuote } from '../../interview/target.js';
import { emit, writeStderr } from '../output.js';

export interface DiffFlags {
  format?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  maxFileSize?: number;
}

/** Reads a file written by `compare --format json`; anything else is one clear line, exit 2. */
export function loadResults(file: string, maxBytes?: number): Results {
  // Never a command that would write over this file: whatever it is, it is not a result.
  const { data } = readJsonFile(file, 'a results file is what `vendorscore compare --format json` writes (save one to a new file with --out)', maxBytes);
  const { results, error } = parseResults(data);
  if (!results) throw new UserError(`${safeText(displayPath(file))}: ${error}`);
  return results;
}

/** The movement of a comparison against a previous results file (compare --baseline). */
export function loadBaseline(file: string, c: Comparison, maxBytes?: number): Baseline {
  const results = loadResults(file, maxBytes);
  return { file: displayPath(file), results, movement: movementOf(c.vendors, results.vendors), removed: removedVendors(c.vendors, results.vendors) };
}

const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;

export async function diff(oldFile: string, newFile: string, flags: DiffFlags): Promise<number> {
  const format = flags.format ?? (flags.out?.endsWith('.md') ? 'markdown' : flags.out?.endsWith('.json') ? 'json' : 'text');
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UserError(`--format must be one of ${DIFF_FORMATS.join(', ')}, not ${quote(format)}`);
  const before = loadResults(oldFile, flags.maxFileSize);
  const after = loadResults(newFile, flags.maxFileSize);
  const report = { from: displayPath(oldFile), to: displayPath(newFile), vendors: diffResults(before, after) };
  if (!flags.quiet && (before.rubric.id !== after.rubric.id || String(before.rubric.version) !== String(after.rubric.version))) {
    writeStderr(`vendorscore: note: the rubric changed from ${clip(`${before.rubric.id}@${before.rubric.version}`)} to ${clip(`${after.rubric.id}@${after.rubric.version}`)}\n`);
  }
  const text = format === 'json' ? renderDiffJson(report) : format === 'markdown' ? renderDiffMarkdown(report) : renderDiffText(report);
  emit(text, { ...flags, color: false });
  return ExitCode.Ok;
}
