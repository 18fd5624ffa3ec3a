import { analyzeSensitivity, DEFAULT_SENSITIVITY } from '../../core/sensitivity.js';
import { ExitCode } from '../../errors.js';
import { renderSensitivityJson, renderSensitivityMarkdown, renderSensitivityText } from '../../report/sensitivity.js';
import { loadComparison, numberFlag } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
import { UserError } from '../../errors.js';
import { quote } from '../../text/sanitize.js';
import type { Comparison } from '../../core/types.js';
import type { CompareFlags } from './compare.js';

export interface SensitivityFlags extends CompareFlags {
  spread?: string;
  samples?: string;
  seed?: string;
  bias?: string;
}

export async function sensitivity(paths: string[], flags: SensitivityFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const opts = {
    ...DEFAULT_SENSITIVITY,
    spread: (numberFlag('--spread', flags.spread, (n) => n > 0 && n < 100, 'a percentage between 0 and 100') ?? DEFAULT_SENSITIVITY.spread * 100) / 100,
    samples: numberFlag('--samples', flags.samples, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, 'a whole number from 1 to 1000000') ?? DEFAULT_SENSITIVITY.samples,
    seed: numberFlag('--seed', flags.seed, Number.isInteger, 'a whole number') ?? DEFAULT_SENSITIVITY.seed,
    bias: numberFlag('--bias', flags.bias, (n) => n >= 0, 'a number of scale points, 0 or more') ?? DEFAULT_SENSITIVITY.bias,
  };
  const { comparison } = loadComparison(paths, flags, { keepNotes: false });
  const method = flags.method ?? 'wsm';
  if (!['wsm', 'topsis', 'all'].includes(method)) throw new UserError(`--method must be one of wsm, topsis, all, not ${quote(method)}`);
  const result = analyzeSensitivity(comparison, opts);
  let text =
    format === 'json' ? renderSensitivityJson(comparison, result)
    : format === 'markdown' ? renderSensitivityMarkdown(comparison, result)
    : renderSensitivityText(comparison, result, { color: useColor(flags) });
  if (method !== 'wsm') text = await withTopsis(text, comparison, opts, format);
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}

/** --method topsis|all: the random-weight probe under TOPSIS too; JSON gains `methods.topsis`. */
async function withTopsis(text: string, c: Comparison, opts: typeof DEFAULT_SENSITIVITY, format: string): Promise<string> {
  const { topsisDraws } = await import('../../core/sensitivity-methods.js');
  const m = topsisDraws(c, opts);
  if (format === 'json') {
    const { safeJson } = await import('../../text/sanitize.js');
    return safeJson({ ...JSON.parse(text), methods: { topsis: { leader: m.leader, draws: m.draws } } }) + '\n';
  }
  const { methodDrawsLine } = await import('../../report/sensitivity-methods.js');
  const line = methodDrawsLine(c, m);
  return `${text}\n${format === 'markdown' ? (await import('../../report/markdown.js')).mdCell(line) : line}\n`;
}
