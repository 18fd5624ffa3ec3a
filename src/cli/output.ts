import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { displayPath } from '../io/files.js';

export const FORMATS = ['table', 'markdown', 'json', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = { json: 'json', csv: 'csv', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', txt: 'table' };

/** --format wins; otherwise the --out file's extension; otherwise a table. */
export function resolveFormat(format: string | undefined, out: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  if (format !== undefined) {
    if (!(allowed as readonly string[]).includes(format)) {
      throw new UserError(`--format must be one of ${allowed.join(', ')}, not "${format}"`);
    }
    return format as Format;
  }
  const ext = out?.split('.').pop()?.toLowerCase();
  const byExt = ext ? BY_EXTENSION[ext] : undefined;
  return byExt && allowed.includes(byExt) ? byExt : 'table';
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

/** Writes the rendered output to stdout, or atomically to --out (refusing to overwrite without --force). */
export function emit(text: string, opts: { out?: string | undefined; force?: boolean | undefined; quiet?: boolean | undefined }): void {
  if (opts.out) {
    if (existsSync(opts.out) && !opts.force) {
      throw new UserError(`${displayPath(opts.out)}: already exists; pass --force to overwrite it`);
    }
    writeFileAtomic(opts.out, text);
    if (!opts.quiet) process.stderr.write(`wrote ${displayPath(opts.out)}\n`);
    return;
  }
  process.stdout.write(text);
}
