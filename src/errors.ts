import { safeText } from './text/sanitize.js';

/** Exit codes of the contract (docs/exit-codes.md). */
export const ExitCode = {
  Ok: 0,
  PolicyFailed: 1,
  Usage: 2,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** info: a note for the reader (check's context notes); never fails anything, not even with --strict. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem in one input file, located at the YAML node that caused it. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  code: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  const sev = p.severity === 'warning' ? 'warning: ' : p.severity === 'info' ? 'note: ' : '';
  // Messages quote file content (keys, names); safeText is idempotent, so already-safe text is unchanged.
  return safeText(`${where}: ${sev}${p.message}`);
}

/** Bad flags, unreadable or invalid input: one line per problem, no stack, exit 2. */
export class UserError extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = []) {
    super(message);
    this.name = 'UserError';
    this.problems = problems;
  }
  /** The system refused something that may work when tried again (a full disk, permissions). */
  get retryable(): boolean {
    return false;
  }
  lines(): string[] {
    // A message may quote data (a flag value, a path): whatever it holds, each of its lines is printable text.
    return this.problems.length > 0 ? this.problems.map(formatProblem) : [this.message.split('\n').map((l) => safeText(l)).join('\n')];
  }
}

/** The command ran but a policy failed (a gate, a failed check): exit 1. */
export class PolicyFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyFailure';
  }
}
