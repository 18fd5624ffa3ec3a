import { missingReadinessIds, readinessVerdict } from '../../core/readiness.js';
import { STAGE_RUBRICS } from '../../core/journey.js';
import { compareVendors, defaultOptions } from '../../core/score.js';
import { ExitCode, UserError } from '../../errors.js';
import { displayPath, isDir } from '../../io/files.js';
import { safeText } from '../../text/sanitize.js';
import { folderRubric } from '../../io/journey.js';
import { rubricNamed } from '../../io/load.js';
import { renderReadinessJson, renderReadinessMarkdown, renderReadinessText, type TeamVerdict } from '../../report/readiness.js';
import type { Rubric } from '../../core/types.js';
import { loadOrFail } from '../common.js';
import { emit, resolveFormat, useColor, type OutputFlags } from '../output.js';

export interface ReadinessFlags extends OutputFlags {
  rubric?: string;
  interview?: boolean;
  team?: string;
  evaluator?: string;
}

const FOLDER = 'readiness';
/** The team's name when nobody gives one and the folder holds no team yet. */
const DEFAULT_TEAM = 'Our organisation';

/** The rubric: --rubric, else a rubric.yaml in the one folder given, else the bundled ai-readiness. */
function rubricFor(paths: readonly string[], flags: ReadinessFlags): string {
  if (flags.rubric !== undefined) return flags.rubric;
  return paths.length === 1 && isDir(paths[0]!) ? folderRubric([paths[0]!], STAGE_RUBRICS.readiness) : STAGE_RUBRICS.readiness;
}

/** The verdict of every team scored in the paths; a rubric without the readiness questions is refused (exit 2). */
export async function readiness(paths: string[], flags: ReadinessFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const folders = paths.length > 0 ? paths : [FOLDER];
  const rubric = rubricFor(folders, flags);
  if (!flags.interview && paths.length === 0 && !isDir(FOLDER)) {
    throw new UserError(`${FOLDER}: no such folder; score your readiness first: vendorscore readiness --interview`);
  }
  if (flags.interview) {
    const code = await interviewTeam(folders, rubric, flags);
    if (code !== ExitCode.Ok) return code;
  }
  const ws = loadOrFail(folders, { ...flags, rubric });
  checkReadinessRubric(ws.rubric);
  const comparison = compareVendors(ws.rubric, ws.evaluations, defaultOptions(ws.rubric));
  const teams: TeamVerdict[] = comparison.vendors.map((team) => ({ team, verdict: readinessVerdict(ws.rubric, team) }));
  if (teams.length === 0 && format === 'table') {
    emit(`No readiness answers yet in ${folders.map((f) => safeText(displayPath(f))).join(', ')}; start with: vendorscore readiness --interview\n`, { ...flags, color: false });
    return ExitCode.Ok;
  }
  const text = format === 'json' ? renderReadinessJson(ws.rubric, teams) : format === 'markdown' ? renderReadinessMarkdown(ws.rubric, teams) : renderReadinessText(ws.rubric, teams);
  emit(`${flags.interview && format === 'table' ? '\n' : ''}${text}`, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}

export function checkReadinessRubric(rubric: Rubric): void {
  const missing = missingReadinessIds(rubric);
  if (missing.length > 0) {
    throw new UserError(`rubric ${rubricNamed(rubric)} is not a readiness rubric: it has no ${missing.join(', ')}; use --rubric ai-readiness, or a copy of it`);
  }
}

/** One person's interview, into <folder>/<team-id>/<name>.yaml: the vendor interview with the team as the vendor. */
async function interviewTeam(folders: readonly string[], rubric: string, flags: ReadinessFlags): Promise<number> {
  if (folders.length > 1) throw new UserError('readiness --interview writes into one folder; give at most one');
  const folder = folders[0]!;
  const { interview } = await import('./interview.js');
  return interview({ vendor: flags.team ?? existingTeam(folder, rubric, flags) ?? DEFAULT_TEAM, evaluator: flags.evaluator, rubric, folder, next: 'the verdict below', color: flags.color, maxFileSize: flags.maxFileSize });
}

/** The team already in the folder, so that a second person answers for the same one. */
function existingTeam(folder: string, rubric: string, flags: ReadinessFlags): string | undefined {
  if (!isDir(folder)) return undefined;
  try {
    const ws = loadOrFail([folder], { rubric, maxFileSize: flags.maxFileSize, quiet: true });
    const names = [...new Set(ws.evaluations.map((e) => e.vendor.name))];
    return names.length === 1 ? names[0] : undefined;
  } catch {
    return undefined;
  }
}
