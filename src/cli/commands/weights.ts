/** `vendorscore weights`: derive area weights from judgments (a file, or an interactive session). */
import path from 'node:path';
import type { Rubric } from '../../core/types.js';
import { deriveWeights, methodLabel, type Derivation } from '../../core/weights/derive.js';
import { ExitCode, PolicyFailure, UserError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { displayPath, readTextFile } from '../../io/files.js';
import { loadJudgments } from '../../io/judgments.js';
import { defaultRubricPath, isBundledRubric, loadRubric, workspaceRubricPath } from '../../io/load.js';
import { withWeights, writtenWeight } from '../../io/rubric-weights.js';
import { rubricCopyText } from '../../io/scaffold.js';
import { shellQuote } from '../../interview/target.js';
import { areaName, consistencyLines, renderWeights } from '../../report/weights.js';
import { safeText } from '../../text/sanitize.js';
import { noteRubric } from '../common.js';
import { emit, resolveFormat, useColor, writeStderr, type OutputFlags } from '../output.js';

export interface WeightsFlags extends OutputFlags {
  from?: string;
  method?: string;
  save?: string;
  rubric?: string;
  write?: string | boolean;
  check?: boolean;
}

/** Differences below this share (0.01 percentage point) are rounding: --write keeps two decimals of a percent. */
export const CHECK_TOLERANCE = 1e-4;

export async function weights(flags: WeightsFlags): Promise<number> {
  if (flags.from !== undefined && flags.method !== undefined) throw new UserError('--from reads judgments from a file and --method asks them here: give one of them');
  if (flags.write !== undefined && flags.check) throw new UserError('--write changes the rubric and --check compares it: give one of them');
  if (flags.from === undefined) {
    if (flags.method === undefined) throw new UserError('say where the judgments come from: --from judgments.yaml, or --method ahp|roc|swing|bwm to give them here');
    return (await import('./weights-session.js')).weightsSession(flags);
  }
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const { rubric, file: rubricFile, text: rubricText } = rubricForWeights(flags);
  noteRubric(rubric, flags);
  const { judgments, problems } = loadJudgments(flags.from, rubric, { maxBytes: flags.maxFileSize });
  if (!judgments) throw new UserError('invalid judgments', problems);
  const derivation = deriveWeights(judgments);
  const color = useColor(flags);
  emit(renderWeights({ derivation, rubric, file: displayPath(flags.from) }, format, { color }), { ...flags, color });
  warnInconsistent(derivation, rubric, flags);
  if (flags.write !== undefined) writeDerived(derivation, rubric, rubricFile, rubricText, flags, displayPath(flags.from));
  if (flags.check) checkRubric(derivation, rubric, flags);
  return ExitCode.Ok;
}

export function rubricForWeights(flags: { rubric?: string | undefined; maxFileSize?: number | undefined }): { rubric: Rubric; file: string; text: string } {
  const file = flags.rubric ?? workspaceRubricPath() ?? defaultRubricPath();
  const { rubric, problems } = loadRubric(file, { maxBytes: flags.maxFileSize, noCache: true });
  if (!rubric) throw new UserError('the rubric cannot be used', problems);
  const { text, problem } = readTextFile(file, flags.maxFileSize);
  if (problem) throw new UserError('the rubric cannot be read', [problem]);
  return { rubric, file, text: text! };
}

function warnInconsistent(d: Derivation, rubric: Rubric, flags: { quiet?: boolean | undefined }): void {
  if (flags.quiet || !d.ahp || d.ahp.consistent) return;
  writeStderr(`warning: ${consistencyLines(d, areaName(rubric)).join('\n')}\n`);
}

/** The rubric with these weights: in place, or, for the bundled rubric, a copy (./rubric.yaml unless named). */
export function writeDerived(d: Derivation, rubric: Rubric, rubricFile: string, rubricText: string, flags: WeightsFlags, judgmentsFile: string): string {
  const bundled = isBundledRubric(rubricFile);
  const target = typeof flags.write === 'string' ? flags.write : bundled ? 'rubric.yaml' : rubricFile;
  const inPlace = path.resolve(target) === path.resolve(rubricFile);
  if (d.weights.some((w) => writtenWeight(w) <= 0)) throw new UserError('a derived weight rounds to 0, and a rubric weight must be positive: give that area some importance, or remove it from the rubric');
  const shares = Object.fromEntries(d.judgments.criteria.map((c, i) => [c, d.weights[i]!]));
  const rerun = `vendorscore weights --from ${shellQuote(judgmentsFile)}${inPlace && !bundled ? '' : ` --rubric ${shellQuote(displayPath(target))}`} --check`;
  const text = withWeights(bundled && !inPlace ? rubricCopyText(rubricText) : rubricText, shares, `${methodLabel(d)} from ${judgmentsFile}; verify with ${rerun}`);
  writeFileAtomic(target, text, { overwrite: inPlace || flags.force === true });
  if (!flags.quiet) writeStderr(`wrote the weights into ${safeText(displayPath(target))}${inPlace ? '' : ` (a copy of ${safeText(rubric.file ?? `the bundled rubric ${rubric.id}`)})`}\n`);
  return target;
}

/** --check: the rubric's weights are the derived ones (as shares, within CHECK_TOLERANCE), or exit 1. */
function checkRubric(d: Derivation, rubric: Rubric, flags: { quiet?: boolean | undefined }): void {
  const total = rubric.areas.reduce((s, a) => s + a.weight, 0);
  const off = d.judgments.criteria.flatMap((c, i) => {
    const share = rubric.areas.find((a) => a.id === c)!.weight / total;
    return Math.abs(share - d.weights[i]!) > CHECK_TOLERANCE ? [`${c} ${(share * 100).toFixed(2)}% (derived ${(d.weights[i]! * 100).toFixed(2)}%)`] : [];
  });
  if (off.length > 0) throw new PolicyFailure(`check failed: the rubric's weights differ from the derived ones: ${safeText(off.join(', '))}; rerun with --write to update them`);
  if (!flags.quiet) writeStderr("✓ the rubric's weights are the derived ones\n");
}
