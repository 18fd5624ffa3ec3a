import { existsSync, fstatSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { displayPath } from '../io/files.js';
import { quote, safeOutput } from '../text/sanitize.js';

export const FORMATS = ['table', 'markdown', 'json', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = { json: 'json', csv: 'csv', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', txt: 'table' };

/** --format wins; otherwise the --out file's extension; otherwise a table. */
export function resolveFormat(format: string | undefined, out: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  if (format !== undefined) {
    if (!(allowed as readonly string[]).includes(format)) {
      throw new UserError(`--format must be one of ${allowed.join(', ')}, not ${quote(format)}`);
    }
    return format as Format;
  }
  const ext = out?.split('.').pop()?.toLowerCase();
  const byExt = ext ? BY_EXTENSION[ext] : undefined;
  // An extension that names a format is a request for it: never a table under another name.
  if (byExt && !allowed.includes(byExt)) throw new UserError(`--out ${quote(displayPath(out!))}: this command does not write ${byExt} (it writes ${allowed.join(', ')}); choose another extension, or give --format`);
  return byExt ?? 'table';
}

export interface ColorFlags {
  color?: boolean;
  out?: string | undefined;
}

/**
 * Colour follows --no-color, then NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal.
 * Files written with --out never get colour.
 */
export function useColor(flags: ColorFlags, env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (flags.color === false || flags.out) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}

/**
 * The output boundary: every byte the process writes for a person or a log goes through
 * writeStdout, writeStderr or emit, and so through safeOutput. A stream that a GitHub Actions
 * runner reads (not redirected to a regular file) also gets the workflow-command guard.
 */
export interface WriteOptions {
  /** The text holds our own SGR colour. */
  color?: boolean;
  /** The text holds our own annotation lines (check --format github, gate failures). */
  annotations?: boolean;
}

export function writeStdout(text: string, opts: WriteOptions = {}): void {
  process.stdout.write(safeOutput(text, { ...opts, githubLog: readByRunner(1) }));
}

export function writeStderr(text: string, opts: WriteOptions = {}): void {
  process.stderr.write(safeOutput(text, { ...opts, githubLog: readByRunner(2) }));
}

const runnerReads = new Map<number, boolean>();
function readByRunner(fd: number): boolean {
  if (process.env.GITHUB_ACTIONS !== 'true') return false;
  let reads = runnerReads.get(fd);
  if (reads === undefined) {
    try {
      reads = !fstatSync(fd).isFile();
    } catch {
      reads = true;
    }
    runnerReads.set(fd, reads);
  }
  return reads;
}

/** Writes the rendered output to stdout, or atomically to --out (refusing to overwrite without --force). */
export function emit(text: string, opts: { out?: string | undefined; force?: boolean | undefined; quiet?: boolean | undefined } & WriteOptions): void {
  if (opts.out) {
    if (existsSync(opts.out) && !opts.force) {
      throw new UserError(`${displayPath(opts.out)}: already exists; pass --force to overwrite it`);
    }
    writeFileAtomic(opts.out, safeOutput(text, { annotations: opts.annotations }));
    if (!opts.quiet) writeStderr(`wrote ${displayPath(opts.out)}\n`);
    return;
  }
  writeStdout(text, opts);
}
