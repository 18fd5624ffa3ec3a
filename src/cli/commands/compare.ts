import { ExitCode, UserError } from '../../errors.js';
import { comparisonRenderers } from '../../report/render.js';
import { loadComparison, type ScoringFlags } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';

export interface CompareFlags extends ScoringFlags {
  format?: string;
  out?: string;
  force?: boolean;
  color?: boolean;
}

export interface ShortlistFlags extends CompareFlags {
  top?: string;
  minScore?: string;
}

const FORMATS = ['table', 'markdown', 'json', 'csv'] as const;

export async function compare(paths: string[], flags: CompareFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, FORMATS);
  const { comparison } = loadComparison(paths, flags);
  const text = comparisonRenderers[format]!(comparison, { color: useColor(flags) });
  emit(text, flags);
  return ExitCode.Ok;
}

function numberFlag(name: string, raw: string | undefined, check: (n: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UserError(`${name} must be ${what}, not "${raw}"`);
  return n;
}

export async function shortlist(paths: string[], flags: ShortlistFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, FORMATS);
  const top = numberFlag('--top', flags.top, (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const minScore = numberFlag('--min-score', flags.minScore, (n) => n >= 0 && n <= 100, 'a total between 0 and 100') ?? 0;
  const { comparison } = loadComparison(paths, flags);
  let picked = comparison.vendors.filter((v) => v.status === 'qualified' && v.total >= minScore - 1e-9);
  if (top !== undefined) picked = picked.slice(0, top);
  const text = comparisonRenderers[format]!(comparison, { color: useColor(flags) }, picked);
  emit(text, flags);
  if (!flags.quiet && format === 'table') {
    const left = comparison.vendors.length - picked.length;
    if (left > 0) process.stderr.write(`${left} vendor(s) left out (disqualified, below ${minScore}, or beyond --top)\n`);
  }
  return ExitCode.Ok;
}
