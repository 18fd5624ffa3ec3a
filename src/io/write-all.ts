import { existsSync, lstatSync, mkdirSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { safeText } from '../text/sanitize.js';
import { asWriteError, writeFileAtomic, WriteError } from './atomic.js';
import { displayPath } from './files.js';

/** One file to write; `previous` is the text it replaces (undefined: the name must be free). */
export interface PlannedWrite {
  file: string;
  text: string;
  previous?: string;
}

/**
 * Writes every file or none: a new file is published only if its name is still free (a file
 * that appeared since the plan was made is never overwritten), a replaced one only if it is a
 * regular file; on any failure the files written so far are removed or given back their old
 * text, and the folders made are removed, so a failed run leaves the folder as it was.
 */
export function writeAllOrNothing(dir: string, files: readonly PlannedWrite[]): void {
  const done: Array<{ path: string; previous?: string; folder?: boolean }> = [];
  try {
    for (const f of files) {
      const target = path.join(dir, f.file);
      makeFolders(path.dirname(target), done);
      writeFileAtomic(target, f.text, { overwrite: f.previous !== undefined });
      done.push({ path: target, previous: f.previous });
    }
  } catch (e) {
    const left = undo(done);
    const reason = e instanceof WriteError && e.code === 'EEXIST' ? `${safeText(displayPath(e.file))}: appeared while init was writing; init never overwrites` : e instanceof UserError ? e.message : undefined;
    if (reason === undefined) throw e;
    const after = left.length > 0 ? `could not restore ${left.map((p) => safeText(displayPath(p))).join(', ')}` : 'nothing was left behind';
    throw new UserError(`${safeText(displayPath(dir) || '.')}: not initialised (${after}): ${reason}`);
  }
}

/** Creates the missing folders of `dir`, outermost first, recording each. */
function makeFolders(dir: string, done: Array<{ path: string; folder?: boolean }>): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); !existsSync(p); p = path.dirname(p)) missing.unshift(p);
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (e) {
      throw asWriteError(e, p);
    }
    done.push({ path: p, folder: true });
  }
}

/** Takes back what was written, newest first; returns what could not be taken back. */
function undo(done: ReadonlyArray<{ path: string; previous?: string; folder?: boolean }>): string[] {
  const left: string[] = [];
  for (const d of [...done].reverse()) {
    try {
      if (d.folder) rmdirSync(d.path);
      else if (d.previous !== undefined) writeFileAtomic(d.path, d.previous);
      else if (!lstatSync(d.path).isDirectory()) unlinkSync(d.path);
    } catch {
      left.push(d.path);
    }
  }
  return left;
}
