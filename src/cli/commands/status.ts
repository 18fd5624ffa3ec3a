import { GO_AT, journeyStatus } from '../../core/journey.js';
import { ExitCode, UserError } from '../../errors.js';
import { displayPath, isDir } from '../../io/files.js';
import { loadJourney } from '../../io/journey.js';
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from '../../report/journey.js';
import { numberFlag, printWarnings } from '../common.js';
import { emit, resolveFormat, useColor, type OutputFlags } from '../output.js';
import { checkReadinessRubric } from './readiness.js';

export interface StatusFlags extends OutputFlags {
  goAt?: string;
}

/** Every stage folder of the workspace read with its rubric; any problem in any file stops it (exit 2). */
export async function status(workspace: string, flags: StatusFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const goAt = numberFlag('--go-at', flags.goAt, (n) => n >= 0 && n <= 100, 'a total between 0 and 100') ?? GO_AT;
  if (!isDir(workspace)) throw new UserError(`${displayPath(workspace)}: not a folder; status reads a workspace folder (the one holding readiness/, evaluations/, pilot/ and transition/)`);
  const { stages, problems } = loadJourney(workspace, flags.maxFileSize);
  const errors = problems.filter((p) => p.severity === 'error');
  printWarnings(problems, flags.quiet);
  if (errors.length > 0) throw new UserError(`${errors.length} problem(s) in the input`, errors);
  const readiness = stages.find((s) => s.stage === 'readiness')!.comparison;
  if (readiness) checkReadinessRubric(readiness.rubric);
  const s = journeyStatus(stages, goAt);
  const text = format === 'json' ? renderStatusJson(s, goAt) : format === 'markdown' ? renderStatusMarkdown(s, goAt) : renderStatusText(s, goAt);
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}
