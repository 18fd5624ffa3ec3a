import { ExitCode, formatProblem, UserError } from '../../errors.js';
import { defaultRubricPath, loadRubric, workspaceRubricPath } from '../../io/load.js';
import { renderRubric } from '../../report/rubric.js';
import { clip, quote, safeJson, safeText } from '../../text/sanitize.js';
import { emit, resolveFormat, useColor, writeStderr, writeStdout, type OutputFlags } from '../output.js';
import { noteRubric } from '../common.js';

export interface RubricFlags extends OutputFlags {
  rubric?: string;
}

function load(file: string | undefined, flags: RubricFlags) {
  const path = file ?? flags.rubric ?? workspaceRubricPath() ?? defaultRubricPath();
  return loadRubric(path, { maxBytes: flags.maxFileSize });
}

export async function rubricShow(file: string | undefined, flags: RubricFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const { rubric, problems } = load(file, flags);
  if (!rubric) throw new UserError('invalid rubric', problems);
  if (file === undefined) noteRubric(rubric, flags);
  const color = useColor(flags);
  emit(renderRubric(rubric, format, { color }), { ...flags, color });
  return ExitCode.Ok;
}

export async function rubricValidate(file: string | undefined, flags: RubricFlags): Promise<number> {
  const { rubric, problems, file: path } = load(file, flags);
  if (problems.some((p) => p.code === 'not-found' || p.code === 'system-file')) throw new UserError('rubric not found or refused', problems);
  for (const p of problems) writeStderr(formatProblem(p) + '\n');
  if (!rubric) return ExitCode.PolicyFailed;
  if (!flags.quiet) {
    const questions = rubric.areas.reduce((n, a) => n + a.questions.length, 0);
    writeStdout(`✓ ${safeText(path)}: rubric ${clip(`${rubric.id}@${rubric.version}`)} is valid (${rubric.areas.length} areas, ${questions} questions)\n`);
  }
  return ExitCode.Ok;
}

export interface SchemaFlags {
  kind?: string;
  rubric?: string;
  maxFileSize?: number;
  out?: string;
  force?: boolean;
  quiet?: boolean;
}

/** JSON Schema for rubric or evaluation files, for editors (yaml-language-server) and CI. */
export async function rubricSchemaCommand(flags: SchemaFlags): Promise<number> {
  const { renderJsonSchema, SCHEMA_KINDS } = await import('../../schema/json-schema.js');
  const kind = flags.kind ?? 'rubric';
  if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) throw new UserError(`--kind must be one of ${SCHEMA_KINDS.join(', ')}, not ${quote(kind)}`);
  // With --rubric, an evaluation schema that knows that rubric's questions and scale.
  let rubric;
  if (flags.rubric !== undefined) {
    if (kind !== 'evaluation') throw new UserError('--rubric narrows the evaluation schema to one rubric; use it with --kind evaluation');
    const loaded = loadRubric(flags.rubric, { maxBytes: flags.maxFileSize });
    if (!loaded.rubric) throw new UserError('invalid rubric', loaded.problems);
    rubric = loaded.rubric;
  }
  emit(renderJsonSchema(kind as (typeof SCHEMA_KINDS)[number], rubric), { ...flags, color: false });
  return ExitCode.Ok;
}

/** The bundled rubrics in the order of the buying journey, each with its stage folder and title. */
export async function rubricList(flags: { format?: string }): Promise<number> {
  const format = resolveFormat(flags.format, undefined, ['table', 'json']);
  const { STAGES, STAGE_RUBRICS } = await import('../../core/journey.js');
  const { bundledRubricNames, bundledRubricPath } = await import('../../io/bundled-rubrics.js');
  const stageOf = (name: string) => STAGES.find((s) => STAGE_RUBRICS[s] === name);
  const order = (name: string) => {
    const s = stageOf(name);
    return s === undefined ? STAGES.length : STAGES.indexOf(s);
  };
  const names = bundledRubricNames().sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const rows = names.map((name) => {
    const { rubric, problems } = loadRubric(bundledRubricPath(name)!);
    if (!rubric) throw new UserError(`the bundled rubric ${name} is invalid`, problems);
    return { name, id: rubric.id, version: rubric.version, stage: stageOf(name) ?? null, title: rubric.title };
  });
  if (format === 'json') {
    emit(`${safeJson(rows)}\n`, { color: false });
    return ExitCode.Ok;
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  const lines = rows.map((r) => `${r.name.padEnd(w)}  ${`${r.stage ?? '-'}/`.padEnd(13)}${safeText(r.title)}`);
  writeStdout(`${lines.join('\n')}\n\nUse one with --rubric <name>, e.g. vendorscore rubric show ${rows[0]?.name ?? 'ai-vendor'}; a stage folder without a rubric.yaml uses the one listed beside it.\n`);
  return ExitCode.Ok;
}
