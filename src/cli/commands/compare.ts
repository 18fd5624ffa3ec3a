import { evaluateGates, type Gates } from '../../core/gates.js';
import { atLeast } from '../../core/ties.js';
import type { Comparison, VendorResult } from '../../core/types.js';
import { ExitCode, UserError } from '../../errors.js';
import { comparisonRenderer, RENDERED_FORMATS } from '../../report/render.js';
import type { RenderOptions } from '../../report/style.js';
import { annotation, clip, quote, safeText } from '../../text/sanitize.js';
import { loadComparison, numberFlag, type ScoringFlags } from '../common.js';
import { emit, resolveFormat, useColor, writeStderr, type Output } from '../output.js';
import { tableWidth } from '../terminal.js';

export interface CompareFlags extends ScoringFlags {
  format?: string;
  out?: string;
  force?: boolean;
  color?: boolean;
  baseline?: string;
  failUnder?: string;
  all?: boolean;
  requireComplete?: boolean;
  failIfEmpty?: boolean;
  maxDisagreement?: string;
  wide?: boolean;
  method?: string;
}

export interface ShortlistFlags extends CompareFlags {
  top?: string;
  minScore?: string;
}

const FORMATS = RENDERED_FORMATS;

export async function compare(paths: string[], flags: CompareFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, FORMATS);
  const method = methodFlag(flags, format);
  const gates = gateFlags(flags, format);
  if (format === 'html') {
    // The board pack, the same page as `vendorscore report` (docs/commands.md#report).
    const { boardHtml } = await import('./report.js');
    const { html, comparison } = await boardHtml(paths, flags);
    emit(html, { ...flags, color: false });
    return applyGates(comparison.vendors, gates, 'comparison');
  }
  const { comparison } = loadComparison(paths, flags, { keepNotes: false });
  const color = useColor(flags);
  if (method !== 'wsm') {
    const { byMethod } = await import('./compare-methods.js');
    const { text, vendors } = byMethod(comparison, method, format, { color, width: tableWidth(flags) });
    emit(text, { ...flags, color });
    return applyGates(vendors, gates, 'comparison');
  }
  let text = await render(format, comparison, { color, width: tableWidth(flags) }, comparison.vendors, flags);
  if (format === 'markdown' && typeof text === 'string') text += await panelMarkdown(comparison);
  emit(text, { ...flags, color });
  return applyGates(comparison.vendors, gates, 'comparison');
}

/** --method: wsm (the default), topsis or all; the other methods print a table, markdown or JSON of their own. */
function methodFlag(flags: CompareFlags, format: string): 'wsm' | 'topsis' | 'all' {
  const m = flags.method ?? 'wsm';
  if (m !== 'wsm' && m !== 'topsis' && m !== 'all') throw new UserError(`--method must be one of wsm, topsis, all, not ${quote(m)}`);
  if (m !== 'wsm' && !['table', 'markdown', 'json'].includes(format)) throw new UserError(`--method ${m} works with --format table, markdown or json, not ${format}`);
  if (m !== 'wsm' && flags.baseline !== undefined) throw new UserError(`--baseline compares weighted totals; use it without --method ${m}`);
  return m;
}

/** The Markdown report's panel sections: declarations and the agreement of the whole panel. */
async function panelMarkdown(c: Comparison): Promise<string> {
  if (c.vendors.length === 0) return '';
  const [{ agreementOf }, { renderAgreementMarkdown }, { declarationsMarkdown }] = await Promise.all([import('./agreement.js'), import('../../report/agreement.js'), import('../../report/panel.js')]);
  const declarations = declarationsMarkdown(c.vendors, c.rubric.requireDeclaration === true);
  return `${declarations ? `\n${declarations}` : ''}\n${renderAgreementMarkdown(agreementOf(c), true)}`;
}

/** The format's renderer; with a baseline, with movement columns. */
async function render(format: string, c: Comparison, o: RenderOptions, vendors: readonly VendorResult[], flags: CompareFlags): Promise<Output> {
  const baseline = flags.baseline === undefined ? undefined : (await import('./diff.js')).loadBaseline(flags.baseline, c, flags.maxFileSize);
  if (baseline && format === 'html') throw new UserError('--baseline with html is the board pack: vendorscore report --baseline (or compare --format html --baseline)');
  return (await comparisonRenderer(format, baseline !== undefined))(c, o, vendors, baseline);
}

function gateFlags(flags: CompareFlags, format: string): Gates {
  if (flags.baseline !== undefined && !['table', 'markdown', 'json', 'csv', 'html'].includes(format)) {
    throw new UserError(`--baseline works with --format table, markdown, json, csv or html, not ${format}`);
  }
  const failUnder = numberFlag('--fail-under', flags.failUnder, (n) => n >= 0 && n <= 100, 'a total between 0 and 100');
  if (flags.all && failUnder === undefined) throw new UserError('--all applies --fail-under to every qualified vendor; give --fail-under too');
  return {
    failUnder,
    all: flags.all,
    requireComplete: flags.requireComplete,
    failIfEmpty: flags.failIfEmpty,
    // Above 0: at 0 every question two evaluators scored would fail, however they agree.
    maxDisagreement: numberFlag('--max-disagreement', flags.maxDisagreement, (n) => n > 0, 'a number of scale points above 0'),
  };
}

/** Every broken gate on stderr (and as a GitHub annotation in Actions); exit 1 if any broke. */
function applyGates(vendors: readonly VendorResult[], gates: Gates, what: string): number {
  const failures = evaluateGates(vendors, gates, what);
  const github = process.env.GITHUB_ACTIONS === 'true';
  for (const f of failures) {
    if (github) writeStderr(annotation('error', { title: 'vendorscore gate' }, f.message) + '\n', { annotations: true });
    else writeStderr(`vendorscore: gate failed: ${safeText(f.message)}\n`);
  }
  return failures.length > 0 ? ExitCode.PolicyFailed : ExitCode.Ok;
}

export async function shortlist(paths: string[], flags: ShortlistFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, FORMATS);
  const top = numberFlag('--top', flags.top, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const minScore = numberFlag('--min-score', flags.minScore, (n) => n >= 0 && n <= 100, 'a total between 0 and 100') ?? 0;
  const gates = gateFlags(flags, format);
  const { comparison } = loadComparison(paths, flags, { keepNotes: false });
  const eligible = comparison.vendors.filter((v) => v.status === 'qualified' && atLeast(v.total, minScore));
  const picked = top === undefined ? eligible : eligible.slice(0, top);
  const cutTie = eligible.slice(picked.length).filter((v) => v.rank !== null && v.rank === picked[picked.length - 1]?.rank);
  if (cutTie.length > 0 && !flags.quiet) {
    writeStderr(`vendorscore: note: ${cutTie.map((v) => clip(v.name)).join(', ')} ties at rank ${cutTie[0]!.rank} but is beyond --top ${top}\n`);
  }
  const color = useColor(flags);
  emit(await render(format, comparison, { color, width: tableWidth(flags) }, picked, flags), { ...flags, color });
  if (!flags.quiet && format === 'table') {
    const left = comparison.vendors.length - picked.length;
    if (left > 0) writeStderr(`${left} vendor(s) left out (disqualified, below ${minScore}, or beyond --top)\n`);
  }
  return applyGates(picked, gates, 'shortlist');
}
