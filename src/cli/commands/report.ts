import { analyzeSensitivity, DEFAULT_SENSITIVITY } from '../../core/sensitivity.js';
import type { Comparison } from '../../core/types.js';
import { ExitCode, UserError } from '../../errors.js';
import { checkTarget } from '../../io/atomic.js';
import { findBrowser, GET_A_BROWSER, writePdf, type Paper } from '../../io/browser.js';
import { displayPath } from '../../io/files.js';
import { safeText } from '../../text/sanitize.js';
import { loadComparison, type ScoringFlags } from '../common.js';
import { emit, resolveFormat, writeStderr } from '../output.js';

export interface ReportFlags extends ScoringFlags {
  format?: string;
  out?: string;
  force?: boolean;
  baseline?: string;
  pdf?: string;
  paper?: string;
}

/** The report's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today, in UTC. */
export function reportDate(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const d = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

/** The board pack's HTML for these paths and flags (also `compare --format html`). */
export async function boardHtml(paths: readonly string[], flags: ScoringFlags & { baseline?: string | undefined }): Promise<{ html: string; comparison: Comparison }> {
  const { workspace, comparison } = loadComparison(paths, flags);
  const baseline = flags.baseline === undefined ? undefined : (await import('./diff.js')).loadBaseline(flags.baseline, comparison, flags.maxFileSize);
  const { renderBoardReport } = await import('../../report/board/page.js');
  const { agreementOf } = await import('./agreement.js');
  const html = await renderBoardReport({
    comparison,
    sensitivity: analyzeSensitivity(comparison, DEFAULT_SENSITIVITY),
    date: reportDate(),
    evaluationDates: workspace.evaluations.flatMap((e) => (e.date ? [e.date] : [])),
    baseline,
    agreement: agreementOf(comparison),
  });
  return { html, comparison };
}

function paperFlag(raw: string | undefined): Paper {
  const p = (raw ?? 'a4').toLowerCase();
  if (p !== 'a4' && p !== 'letter') throw new UserError(`--paper must be a4 or letter, not ${safeText(raw ?? '')}`);
  return p;
}

export async function report(paths: string[], flags: ReportFlags): Promise<number> {
  if (flags.format !== undefined) resolveFormat(flags.format, undefined, ['html']);
  if (flags.out !== undefined && !/\.html?$/i.test(flags.out)) throw new UserError(`--out ${safeText(displayPath(flags.out))}: the report is HTML; name the file .html (and give --pdf file.pdf for a PDF)`);
  const paper = paperFlag(flags.paper);
  // Found before anything is written, so a missing browser costs nothing.
  const browser = flags.pdf === undefined ? undefined : findBrowser(process.env.VENDORSCORE_BROWSER ?? process.env.CHROME_PATH, process.env.PATH);
  if (flags.pdf !== undefined && browser === undefined) {
    const named = process.env.VENDORSCORE_BROWSER ?? process.env.CHROME_PATH;
    throw new UserError(`--pdf needs a headless Chromium or Chrome${named ? ` (${safeText(named)} is not a program that can run)` : ', and none was found'}: ${GET_A_BROWSER}`);
  }
  if (flags.pdf !== undefined) checkTarget(flags.pdf, { overwrite: flags.force === true });
  const { html } = await boardHtml(paths, flags);
  if (flags.out !== undefined || flags.pdf === undefined) emit(html, { out: flags.out, force: flags.force, quiet: flags.quiet });
  if (flags.pdf !== undefined) {
    await writePdf(html, flags.pdf, { browser: browser!, paper, overwrite: flags.force === true });
    if (!flags.quiet) writeStderr(`wrote ${safeText(displayPath(flags.pdf))}\n`);
  }
  return ExitCode.Ok;
}
