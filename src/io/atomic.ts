import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { safeText } from '../text/sanitize.js';
import { displayPath, isDir } from './files.js';

/**
 * A write that failed for a reason the user can act on (a device in the way, a missing folder,
 * permissions, a full disk): one line naming the file and the reason, exit 2. `code` is the errno
 * code (ENOTREG: something other than a regular file is in the way), so callers can tell
 * "already exists" (EEXIST) from the rest.
 */
export class WriteError extends UserError {
  constructor(
    readonly file: string,
    readonly code: string,
    reason: string,
  ) {
    super(`${shown(file)}: ${reason}`);
    this.name = 'WriteError';
  }
  override get retryable(): boolean {
    return this.code !== 'EEXIST' && this.code !== 'ENOTREG';
  }
}

const shown = (p: string) => safeText(displayPath(p));

/** What an errno code means, in words, for the errors a write meets in the field. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the file system',
  ENAMETOOLONG: 'the file name is too long',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'the folder does not exist',
  EISDIR: 'is a folder',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EXDEV: 'the folder is on another device',
  EMLINK: 'too many links',
  EPIPE: 'the reader closed the pipe',
  EBADF: 'the output is closed',
  EEXIST: 'the name is already taken',
  ECONNRESET: 'the connection was reset',
};

/** `no space left on the device (ENOSPC)` for an I/O error with a known code; undefined for anything else (a bug). */
export function ioErrorReason(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !(code in REASONS)) return undefined;
  return `${REASONS[code]} (${code})`;
}

/** An error thrown by a file-system call while writing `file`, as a WriteError (others pass through). */
export function asWriteError(e: unknown, file: string): unknown {
  if (e instanceof UserError) return e;
  const reason = ioErrorReason(e);
  return reason ? new WriteError(file, (e as NodeJS.ErrnoException).code!, `cannot write: ${reason}`) : e;
}

export interface TargetOptions {
  /** Replace an existing regular file (the default); false refuses: "already exists; pass --force". */
  overwrite?: boolean;
  /** Create missing parent folders: only where vendorscore owns the layout (evaluations/<vendor>/, init). */
  createParent?: boolean;
}

const KINDS: Array<[(s: Stats) => boolean, string]> = [
  [(s) => s.isDirectory(), 'a folder'],
  [(s) => s.isSymbolicLink(), 'a symbolic link'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
  [(s) => s.isFIFO(), 'a FIFO (named pipe)'],
  [(s) => s.isSocket(), 'a socket'],
];

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw asWriteError(e, p);
  }
}

/** Refuses anything but a regular file: writing would replace a device, pipe, socket, folder or link with a file. */
function refuseOtherKinds(target: string, st: Stats | undefined): void {
  if (!st || st.isFile()) return;
  const kind = KINDS.find(([is]) => is(st))?.[1] ?? 'not a regular file';
  const hint = st.isSymbolicLink() ? ' (name the file it points to instead)' : '';
  throw new WriteError(target, st.isDirectory() ? 'EISDIR' : 'ENOTREG', `is ${kind}, not a regular file; refusing to replace it${hint}`);
}

const exists = (target: string) => new WriteError(target, 'EEXIST', 'already exists; pass --force to overwrite it');

/**
 * Checks, before any work is done, that `target` can be written as a regular file: it is one or
 * is absent (`overwrite: false`: absent), and its folder exists (or is created with `createParent`).
 * Every refusal is a WriteError. writeFileAtomic checks again; callers call this to fail early.
 */
export function checkTarget(target: string, opts: TargetOptions = {}): void {
  if (/[\\/]$/.test(target)) throw new WriteError(target, 'EISDIR', 'names a folder, not a file');
  const st = lstatOrUndefined(target);
  refuseOtherKinds(target, st);
  if (st && opts.overwrite === false) throw exists(target);
  if (!st) checkParent(target, opts.createParent === true);
}

function checkParent(target: string, create: boolean): void {
  const dir = path.dirname(path.resolve(target));
  const st = lstatOrUndefined(dir);
  if (st?.isSymbolicLink() ? isDir(dir) : st?.isDirectory()) return;
  if (st) throw new WriteError(target, 'ENOTDIR', `cannot write: ${shown(dir)} is not a folder`);
  const blocker = firstNonFolder(dir);
  if (blocker) throw new WriteError(target, 'ENOTDIR', `cannot write: ${shown(blocker)} is not a folder`);
  if (!create) throw new WriteError(target, 'ENOENT', `cannot write: the folder ${shown(dir)} does not exist (create it first)`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw asWriteError(e, target);
  }
}

/** The nearest existing ancestor of a missing folder, when it is not a folder. */
function firstNonFolder(dir: string): string | undefined {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    const st = lstatOrUndefined(p);
    if (st) return st.isDirectory() || (st.isSymbolicLink() && isDir(p)) ? undefined : p;
    if (path.dirname(p) === p) return undefined;
  }
}

/** NAME_MAX of the file systems in use (ext4, xfs, btrfs, tmpfs, APFS, NTFS: 255 bytes). */
const NAME_MAX = 255;
/** `.<pid>.<8 hex>.tmp`, with the largest pid Linux hands out (4194304, 7 digits). */
const SUFFIX_MAX = '.4194304.00000000.tmp'.length;

/**
 * `.<name>.` of the temporary files of `target`, with the name cut (at a character boundary) so
 * that the temporary name fits wherever the name itself fits. removeStaleTemps looks for it.
 */
export function tempPrefix(target: string): string {
  const budget = NAME_MAX - SUFFIX_MAX - 1;
  let name = path.basename(target);
  if (Buffer.byteLength(name) > budget) {
    const chars = [...name];
    while (Buffer.byteLength(chars.join('')) > budget) chars.pop();
    name = chars.join('');
  }
  return `.${name}.`;
}

/**
 * Unique enough, not secret: the file is created with 'wx', so a clash fails instead of sharing
 * a file. (Math.random rather than node:crypto, whose loading costs every command ~4 ms.)
 */
function tempName(target: string): string {
  const suffix = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return `${tempPrefix(target)}${process.pid}.${suffix}.tmp`;
}

/**
 * Writes a file so that a reader (or a crash) sees either the old content or the new, never a
 * mix: temporary file in the same folder, write, fsync, rename over the target, fsync the folder.
 * Only a regular file is ever replaced (see checkTarget); with `overwrite: false` the file is
 * published with link(), which fails if the name exists, so nothing that appeared meanwhile is
 * lost. Any failure removes the temporary file and throws a WriteError.
 * Synchronous on purpose: it also runs on exit paths (signals, Ctrl-C) where async work is lost.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array | Iterable<string>, opts: TargetOptions & { mode?: number } = {}): void {
  checkTarget(target, opts);
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, tempName(target));
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', opts.mode ?? 0o644);
  } catch (e) {
    throw asWriteError(e, target);
  }
  try {
    for (const buf of buffers(data)) {
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    }
    fsyncSync(fd);
  } catch (e) {
    safeClose(fd);
    safeUnlink(tmp);
    throw asWriteError(e, target);
  }
  try {
    closeSync(fd);
    publish(tmp, target, opts.overwrite !== false);
  } catch (e) {
    safeUnlink(tmp);
    throw asWriteError(e, target);
  }
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}

/** The data as bytes: text as UTF-8, pieces of text one by one (a big report is never held whole). */
function* buffers(data: string | Uint8Array | Iterable<string>): Generator<Buffer> {
  if (typeof data === 'string') yield Buffer.from(data, 'utf8');
  else if (data instanceof Uint8Array) yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  else for (const piece of data) yield Buffer.from(piece, 'utf8');
}

/** Codes of link() on file systems without hard links (FAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function publish(tmp: string, target: string, overwrite: boolean): void {
  if (!overwrite) {
    try {
      linkSync(tmp, target);
      safeUnlink(tmp);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') throw exists(target);
      if (!NO_LINKS.has(code)) throw e;
      // No hard links here: the check just before the rename is the best this file system allows.
      if (lstatOrUndefined(target)) throw exists(target);
    }
  }
  // Checked again just before the rename: a device or folder that appeared meanwhile is not replaced.
  refuseOtherKinds(target, lstatOrUndefined(target));
  renameSync(tmp, target);
}

function safeClose(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* the write error is the one to report */
  }
}

function safeUnlink(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    /* gone already, or the folder no longer lets us: nothing more to do */
  }
}
