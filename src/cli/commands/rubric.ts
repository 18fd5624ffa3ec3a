import { ExitCode, formatProblem, UserError } from '../../errors.js';
import { defaultRubricPath, loadRubric, workspaceRubricPath } from '../../io/load.js';
import { renderRubric } from '../../report/rubric.js';
import { clip, quote, safeText } from '../../text/sanitize.js';
import { emit, resolveFormat, useColor, writeStderr, writeStdout } from '../output.js';

export interface RubricFlags {
  rubric?: string;
  format?: string;
  out?: string;
  force?: boolean;
  color?: boolean;
  quiet?: boolean;
  maxFileSize?: number;
}

function load(file: string | undefined, flags: RubricFlags) {
  const path = file ?? flags.rubric ?? workspaceRubricPath() ?? defaultRubricPath();
  return loadRubric(path, { maxBytes: flags.maxFileSize });
}

export async function rubricShow(file: string | undefined, flags: RubricFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json']);
  const { rubric, problems } = load(file, flags);
  if (!rubric) throw new UserError('invalid rubric', problems);
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
