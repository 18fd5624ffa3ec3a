import { analyzeSensitivity, DEFAULT_SENSITIVITY } from '../../core/sensitivity.js';
import { ExitCode, UserError } from '../../errors.js';
import { renderSensitivityJson, renderSensitivityMarkdown, renderSensitivityText } from '../../report/sensitivity.js';
import { loadComparison } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
import type { CompareFlags } from './compare.js';

export interface SensitivityFlags extends CompareFlags {
  spread?: string;
  samples?: string;
  seed?: string;
  bias?: string;
}

function num(flag: string, raw: string | undefined, fallback: number, ok: (n: number) => boolean, what: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UserError(`${flag} must be ${what}, not "${raw}"`);
  return n;
}

export async function sensitivity(paths: string[], flags: SensitivityFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const opts = {
    ...DEFAULT_SENSITIVITY,
    spread: num('--spread', flags.spread, DEFAULT_SENSITIVITY.spread * 100, (n) => n > 0 && n < 100, 'a percentage between 0 and 100') / 100,
    samples: num('--samples', flags.samples, DEFAULT_SENSITIVITY.samples, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, 'a whole number from 1 to 1000000'),
    seed: num('--seed', flags.seed, DEFAULT_SENSITIVITY.seed, Number.isInteger, 'a whole number'),
    bias: num('--bias', flags.bias, DEFAULT_SENSITIVITY.bias, (n) => n >= 0, 'a number of scale points, 0 or more'),
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
