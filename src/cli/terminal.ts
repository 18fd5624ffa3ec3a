import { isatty } from 'node:tty';

/** How wide the table may be: a terminal's width, or no limit for files, pipes and --wide. */
export interface WidthFlags {
  wide?: boolean | undefined;
  out?: string | undefined;
}

/**
 * The default table fits the terminal it is printed on (COLUMNS overrides the width the terminal
 * reports). Written to a file or a pipe (a CI log), or with --wide, the full table is printed.
 */
// (process.stdout only on a terminal: making it costs the streams where no terminal needs it.)
export function tableWidth(flags: WidthFlags, env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean; columns?: number } = isatty(1) ? process.stdout : {}): number | undefined {
  if (flags.wide || flags.out || !stdout.isTTY) return undefined;
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS !== undefined && Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stdout.columns && stdout.columns > 0 ? stdout.columns : 80;
}
