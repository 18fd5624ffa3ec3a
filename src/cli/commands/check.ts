import { ExitCode, formatProblem, UserError, type Problem } from '../../errors.js';
import { loadWorkspace } from '../../io/load.js';
import { defaultPaths } from '../common.js';
import { emit } from '../output.js';

export interface CheckFlags {
  rubric?: string;
  format?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  strict?: boolean;
  maxFileSize?: number;
}

/** Validation for CI: every problem in every file, then exit 0 (clean) or 1 (problems found). */
export async function check(paths: string[], flags: CheckFlags): Promise<number> {
  const format = flags.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
  if (!['text', 'json', 'github'].includes(format)) throw new UserError(`--format must be one of text, json, github, not "${format}"`);
  const { workspace, problems } = loadWorkspace({ paths: defaultPaths(paths), rubric: flags.rubric, maxBytes: flags.maxFileSize });
  const notFound = problems.filter((p) => p.code === 'not-found' || p.code === 'no-files');
  if (notFound.length > 0) throw new UserError('paths not found', notFound);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  emit(renderProblems(problems, format), flags);
  if (format === 'text' && !flags.quiet) {
    const files = workspace?.files.length ?? 0;
    const summary = errors.length + warnings.length === 0 ? `✓ ${files} file(s) valid` : `${errors.length} error(s), ${warnings.length} warning(s) in ${files} file(s)`;
    process.stderr.write(summary + '\n');
  }
  return errors.length > 0 || (flags.strict && warnings.length > 0) ? ExitCode.PolicyFailed : ExitCode.Ok;
}

export function renderProblems(problems: readonly Problem[], format: string): string {
  if (format === 'json') return JSON.stringify(problems.map(({ file, line, col, severity, code, message }) => ({ file, line, col, severity, code, message })), null, 2) + '\n';
  if (format === 'github') {
    return problems
      .map((p) => `::${p.severity === 'warning' ? 'warning' : 'error'} file=${ghProp(p.file)}${p.line > 0 ? `,line=${p.line},col=${p.col}` : ''},title=vendorscore ${ghProp(p.code)}::${ghData(p.message)}\n`)
      .join('');
  }
  return problems.map((p) => formatProblem(p) + '\n').join('');
}

/** GitHub workflow-command escaping (data and property values differ). */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
