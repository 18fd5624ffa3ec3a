import { jStat } from 'jstat';
import { analyzeAgreement, type Agreement, type AgreementOptions } from '../../core/agreement.js';
import type { Comparison } from '../../core/types.js';
import { ExitCode } from '../../errors.js';
import { renderAgreementJson, renderAgreementMarkdown, renderAgreementText } from '../../report/agreement.js';
import { loadComparison, numberFlag } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
import { tableWidth } from '../terminal.js';
import type { CompareFlags } from './compare.js';

export interface AgreementFlags extends CompareFlags {
  samples?: string;
  seed?: string;
  top?: string;
}

/** docs/arithmetic.md#agreement: the defaults of --samples, --seed and --top. */
export const AGREEMENT_DEFAULTS: AgreementOptions = { samples: 1000, seed: 1, confidence: 0.95, top: 10 };

export function agreementOptions(flags: Pick<AgreementFlags, 'samples' | 'seed' | 'top'>): AgreementOptions {
  return {
    ...AGREEMENT_DEFAULTS,
    samples: numberFlag('--samples', flags.samples, (n) => Number.isInteger(n) && n >= 0 && n <= 100_000, 'a whole number from 0 to 100000') ?? AGREEMENT_DEFAULTS.samples,
    seed: numberFlag('--seed', flags.seed, Number.isInteger, 'a whole number') ?? AGREEMENT_DEFAULTS.seed,
    top: numberFlag('--top', flags.top, (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more') ?? AGREEMENT_DEFAULTS.top,
  };
}

/** The panel's agreement over the vendors of `c`, with the t quantile calibration needs. */
export function agreementOf(c: Comparison, opts: AgreementOptions = AGREEMENT_DEFAULTS): Agreement {
  return analyzeAgreement(c, opts, (p, dof) => jStat.studentt.inv(p, dof));
}

export async function agreement(paths: string[], flags: AgreementFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const opts = agreementOptions(flags);
  const { comparison } = loadComparison(paths, flags);
  const a = agreementOf(comparison, opts);
  const text =
    format === 'json' ? renderAgreementJson(comparison, a)
    : format === 'markdown' ? renderAgreementMarkdown(a)
    : renderAgreementText(a, { color: useColor(flags), width: tableWidth(flags) });
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}
