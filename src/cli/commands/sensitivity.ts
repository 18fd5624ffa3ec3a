import { analyzeSensitivity, DEFAULT_SENSITIVITY } from '../../core/sensitivity.js';
import { ExitCode } from '../../errors.js';
import { renderSensitivityJson, renderSensitivityMarkdown, renderSensitivityText } from '../../report/sensitivity.js';
import { loadComparison, numberFlag } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
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
  const { comparison } = loadComparison(paths, flags);
  const result = analyzeSensitivity(comparison, opts);
  const text =
    format === 'json' ? renderSensitivityJson(comparison, result)
    : format === 'markdown' ? renderSensitivityMarkdown(comparison, result)
    : renderSensitivityText(comparison, result, { color: useColor(flags) });
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}
