import { compareVendors, defaultOptions } from '../../core/score.js';
import { panelProblems } from '../../core/panel.js';
import { checkWarnings } from '../../core/warnings.js';
import { ExitCode, formatProblem, UserError, type Problem } from '../../errors.js';
import { locatingSource, loadWorkspace, type Workspace } from '../../io/load.js';
import { positionOf, type SourceFile } from '../../io/yaml.js';
import { defaultPaths, noteRubric } from '../common.js';
import { ARTICLE_RANGES, articleNotes, type ContextNote } from '../../core/price-context.js';
import type { Quote } from '../../core/types.js';
import { defaultQuotesDir, loadQuotes } from '../../io/quotes.js';
import { money } from '../../report/price.js';
import { schemaCopyWarning } from '../schema-copy.js';
import { renderGithubProblems } from '../../report/github-problems.js';
import { annotation, quote, safeJson } from '../../text/sanitize.js';
import { appendJobSummary, emit, writeStderr } from '../output.js';

export interface CheckFlags {
  rubric?: string;
  format?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  strict?: boolean;
  maxFileSize?: number;
  quotes?: string;
}

const CHECK_FORMATS = ['text', 'json', 'github'] as const;
const REFUSED = new Set(['not-found', 'no-files', 'link-outside', 'system-file']);

/**
 * Validation for CI: every problem in every file (schema, cross-file rules, then warnings), then
 * exit 0 (clean) or 1 (errors, or warnings with --strict). A path that matches nothing is exit 2.
 */
export async function check(paths: string[], flags: CheckFlags): Promise<number> {
  const format = flags.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new UserError(`--format must be one of ${CHECK_FORMATS.join(', ')}, not ${quote(format)}`);
  const quotesDir = flags.quotes ?? defaultQuotesDir(defaultPaths(paths));
  const { workspace, problems: read } = loadWorkspace({ paths: defaultPaths(paths), rubric: flags.rubric, maxBytes: flags.maxFileSize, skip: [quotesDir], keepNotes: false, outlines: true });
  const loaded = [...read, ...(workspace ? quoteProblems(workspace, quotesDir, flags) : [])];
  // Paths that match nothing, and files refused before reading (links out of the folders named, system files), are bad usage: exit 2.
  const refused = loaded.filter((p) => REFUSED.has(p.code));
  if (refused.length > 0) {
    // A CI step reading the JSON or the annotations sees why too; the lines on stderr and exit 2 stay.
    if (format !== 'text') emit(renderProblems(refused, format), { ...flags, color: false, annotations: format === 'github' });
    throw new UserError('paths not found or refused', refused);
  }
  if (workspace) noteRubric(workspace.rubric, flags);

  const problems = sortProblems([...loaded, ...(workspace ? warningsFor(workspace, loaded, flags) : [])]);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const notes = problems.filter((p) => p.severity === 'info');
  const text = renderProblems(problems, format);
  if (format === 'github') appendJobSummary(renderGithubProblems(problems).summary);
  // Human text is a list of input problems: stderr, like every other command's (docs/exit-codes.md).
  if (format === 'text' && !flags.out) writeStderr(text);
  else emit(text, { ...flags, color: false, annotations: format === 'github' });
  if (format === 'text' && !flags.quiet) {
    const files = workspace?.files.length ?? new Set(problems.map((p) => p.file)).size;
    const summary = problems.length === 0 ? `✓ ${files} file(s) valid` : `${errors.length} error(s), ${warnings.length} warning(s)${notes.length > 0 ? `, ${notes.length} note(s)` : ''} in ${files} file(s)`;
    writeStderr(summary + '\n');
  }
  if (errors.length > 0) return ExitCode.PolicyFailed;
  // Warnings alone never look like a failure; with --strict they are one, so say so (even with --quiet).
  if (flags.strict && warnings.length > 0) {
    writeStderr(`vendorscore: check failed: ${warnings.length} warning(s), and --strict makes warnings fail\n`);
    return ExitCode.PolicyFailed;
  }
  return ExitCode.Ok;
}

/** The quotes, when the rubric prices: every error, a quote for a vendor without evaluation as a warning, and the article's context as notes. */
function quoteProblems(ws: Workspace, dir: string, flags: CheckFlags): Problem[] {
  const rule = ws.rubric.price;
  if (!rule) return [];
  const ids = new Set(ws.evaluations.map((e) => e.vendor.id));
  const { quotes, problems } = loadQuotes(dir, rule, ids, { maxBytes: flags.maxFileSize, required: flags.quotes !== undefined, vendorsCheckedAs: 'warning' });
  const notes = [...quotes.values()].flatMap((q) => articleNotes(q).map((n) => contextProblem(q, n)));
  return [...problems, ...notes];
}

function contextProblem(q: Quote, n: ContextNote): Problem {
  const r = ARTICLE_RANGES[n.kind];
  const what = n.kind === 'pilot' ? 'one-off cost' : 'yearly cost';
  const message = `${what} ${money(n.amount)} USD is far ${n.direction} what the article behind vendorscore gives for ${r.what} ($${money(r.low)}–$${money(r.high)}${n.kind === 'production' ? ' or more' : ''}); worth asking about before the meeting`;
  return { file: q.file, line: 1, col: 1, severity: 'info', code: 'quote-context', message };
}

function warningsFor(ws: Workspace, loaded: readonly Problem[], flags: CheckFlags): Problem[] {
  const comparison = compareVendors(ws.rubric, ws.evaluations, defaultOptions(ws.rubric), { consensus: ws.consensus });
  // Most warnings are located by the outline kept as the file was read. The others come vendor
  // by vendor, so the last few files read again are all a locate needs: a workspace of
  // thousands of files is never held whole.
  const sources = new Map<string, SourceFile | undefined>();
  const locate = (file: string, path: readonly (string | number)[]) => {
    const outlined = ws.outlines?.get(file)?.position(path);
    if (outlined) return outlined;
    if (!sources.has(file)) {
      if (sources.size >= 32) sources.delete(sources.keys().next().value!);
      sources.set(file, locatingSource(file, { maxBytes: flags.maxFileSize }));
    }
    const src = sources.get(file);
    return src ? positionOf(src, path) : { line: 0, col: 0 };
  };
  // With a broken evaluation file we cannot tell how many evaluators a vendor really has.
  const incomplete = loaded.some((p) => p.severity === 'error');
  const stale = schemaCopyWarning(ws.rubricFile, ws.rubric, flags.maxFileSize);
  return [...checkWarnings(comparison, ws.evaluations, locate, { incomplete }), ...panelProblems(ws.rubric, ws.evaluations, locate), ...(stale ? [stale] : [])];
}

/** By file, then position; file-level problems (line 0) first; otherwise in the order found. */
function sortProblems(problems: readonly Problem[]): Problem[] {
  // Files ranked once (a sort of the few thousand names), so that tens of thousands of
  // problems are sorted by numbers rather than by comparing their files' names.
  const names = [...new Set(problems.map((p) => p.file))].sort();
  const rank = new Map(names.map((name, i) => [name, i]));
  return problems
    .map((p, i) => ({ p, i, file: rank.get(p.file)! }))
    .sort((a, b) => a.file - b.file || a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i)
    .map(({ p }) => p);
}

export function renderProblems(problems: readonly Problem[], format: string): string {
  if (format === 'json') return safeJson(problems.map(({ file, line, col, severity, code, message }) => ({ file, line, col, severity, code, message }))) + '\n';
  if (format === 'github') return renderGithubProblems(problems).annotations;
  return problems.map((p) => formatProblem(p) + '\n').join('');
}
