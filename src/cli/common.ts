import { compareVendors, defaultOptions } from '../core/score.js';
import type { Aggregate, Comparison, MissingPolicy, Quote, Rubric, ScoreOptions, VendorResult } from '../core/types.js';
import { defaultQuotesDir, loadQuotes } from '../io/quotes.js';
import { formatProblem, UserError, type Problem } from '../errors.js';
import { loadWorkspace, type LoadOptions, type Workspace } from '../io/load.js';
import { positive } from '../schema/common.js';
import { didYouMean } from '../schema/suggest.js';
import { clip, quote } from '../text/sanitize.js';
import { writeStderr } from './output.js';
import { keyedRecord } from '../core/keyed.js';

export interface ScoringFlags {
  rubric?: string;
  aggregate?: string;
  missing?: string;
  weights?: string;
  normalise?: string;
  maxFileSize?: number;
  quiet?: boolean;
  quotes?: string;
  qualityOnly?: boolean;
}

/** With no paths, look in ./evaluations (the layout `init` creates). */
export function defaultPaths(paths: readonly string[]): string[] {
  if (paths.length > 0) return [...paths];
  return ['evaluations'];
}

export function printWarnings(problems: readonly Problem[], quiet?: boolean): void {
  if (quiet) return;
  for (const p of problems) if (p.severity === 'warning') writeStderr(formatProblem(p) + '\n');
}

/**
 * One note line when the rubric in use was found (./rubric.yaml, or one among the paths) rather
 * than named with --rubric, and is not the bundled one: an unexpected rubric is never silent.
 */
export function noteRubric(rubric: Rubric, flags: { rubric?: string | undefined; quiet?: boolean | undefined }): void {
  if (!flags.quiet && flags.rubric === undefined && rubric.file) writeStderr(`using ${rubric.file}\n`);
}

/**
 * Loads everything; any error in any file stops the command with all of them listed (exit 2).
 * `keepNotes: false` for a command that never shows an answer's notes (src/io/load.ts).
 */
export function loadOrFail(paths: readonly string[], flags: ScoringFlags, opts: Pick<LoadOptions, 'keepNotes'> = {}): Workspace {
  const skip = [flags.quotes ?? defaultQuotesDir(defaultPaths(paths))];
  const { workspace, problems } = loadWorkspace({ paths: defaultPaths(paths), rubric: flags.rubric, maxBytes: flags.maxFileSize, skip, keepNotes: opts.keepNotes });
  const errors = problems.filter((p) => p.severity === 'error');
  if (!workspace || errors.length > 0) {
    printWarnings(problems, flags.quiet);
    throw new UserError(`${errors.length} problem(s) in the input`, errors);
  }
  noteRubric(workspace.rubric, flags);
  printWarnings(problems, flags.quiet);
  return workspace;
}

/** --weights id=w,id=w over area or question ids. */
export function parseWeights(spec: string | undefined, rubric: Rubric): Record<string, number> {
  const out: Record<string, number> = keyedRecord();
  if (spec === undefined) return out;
  const ids = [...rubric.areas.map((a) => a.id), ...rubric.areas.flatMap((a) => a.questions.map((q) => q.id))];
  const known = new Set(ids);
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new UserError(`--weights: ${quote(part)} is not id=weight (for example data-security=30)`);
    const id = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (!known.has(id)) {
      const hint = didYouMean(id, ids);
      throw new UserError(`--weights: no area or question ${quote(id)} in rubric ${clip(rubric.id)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`);
    }
    const w = Number(raw);
    // The bounds of rubric weights (schema/common.ts), so an override can never be a weight a rubric could not hold.
    const bound = raw === '' || !Number.isFinite(w) || w <= 0 ? undefined : positive.safeParse(w);
    if (!bound?.success) {
      const why = bound?.error.issues[0]?.message ?? 'must be a positive finite number';
      throw new UserError(`--weights: weight for ${clip(id)} ${why}, not ${quote(raw)}`);
    }
    out[id] = w;
  }
  return out;
}

/** A number flag: undefined when not given; a usage error when it is not a number that passes `check`. */
export function numberFlag(name: string, raw: string | undefined, check: (n: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UserError(`${name} must be ${what}, not ${quote(raw)}`);
  return n;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(`${flag} must be one of ${allowed.join(', ')}, not ${quote(value)}`);
  return value as T;
}

export function scoreOptions(rubric: Rubric, flags: ScoringFlags): ScoreOptions {
  const base = defaultOptions(rubric);
  return {
    aggregate: oneOf<Aggregate>('--aggregate', flags.aggregate, ['mean', 'median']) ?? base.aggregate,
    missing: oneOf<MissingPolicy>('--missing', flags.missing, ['min', 'ignore']) ?? base.missing,
    weights: parseWeights(flags.weights, rubric),
    ...(flags.normalise === undefined ? {} : { normalise: oneOf<'z'>('--normalise', flags.normalise, ['z']) }),
  };
}

export function loadComparison(paths: readonly string[], flags: ScoringFlags, opts: Pick<LoadOptions, 'keepNotes'> = {}): { workspace: Workspace; comparison: Comparison } {
  const workspace = loadOrFail(paths, flags, opts);
  const options = scoreOptions(workspace.rubric, flags);
  const quotes = openEnvelope(workspace, paths, flags);
  return { workspace, comparison: compareVendors(workspace.rubric, workspace.evaluations, options, { quotes, consensus: workspace.consensus }) };
}

/**
 * The quotes, when the rubric prices and the command is not --quality-only; otherwise nothing
 * under the quotes folder is read at all (docs/commands.md#two-envelopes).
 */
export function openEnvelope(workspace: Workspace, paths: readonly string[], flags: ScoringFlags): Map<string, Quote> | undefined {
  const rule = workspace.rubric.price;
  if (!rule || flags.qualityOnly) return undefined;
  const ids = new Set(workspace.evaluations.map((e) => e.vendor.id));
  const dir = flags.quotes ?? defaultQuotesDir(defaultPaths(paths));
  const { quotes, problems } = loadQuotes(dir, rule, ids, { maxBytes: flags.maxFileSize, required: flags.quotes !== undefined });
  const errors = problems.filter((p) => p.severity === 'error');
  printWarnings(problems, flags.quiet);
  if (errors.length > 0) throw new UserError(`${errors.length} problem(s) in the quotes`, errors);
  return quotes;
}

/** A vendor by id, or by name in any case; a usage error with the nearest id otherwise. */
export function vendorOrFail(c: Comparison, which: string): VendorResult {
  const v = c.vendors.find((x) => x.id === which) ?? c.vendors.find((x) => x.name.toLowerCase() === which.toLowerCase());
  if (v) return v;
  const ids = c.vendors.map((x) => x.id);
  const hint = didYouMean(which, ids);
  throw new UserError(`no vendor ${quote(which)} in the evaluations${hint ? ` (did you mean ${quote(hint)}?)` : ids.length ? `; vendors: ${ids.map(clip).join(', ')}` : ''}`);
}
