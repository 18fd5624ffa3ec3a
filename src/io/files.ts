import { closeSync, constants, fstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type Problem } from '../errors.js';
import { clip, problemText, safeText } from '../text/sanitize.js';
import { foreignEncoding, mergeConflict, positionIn, positionOfByte, type Position, type TextFault } from './text-checks.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const abs = path.resolve(p);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

const YAML_EXT = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * What editors and operating systems leave beside a file, skipped while walking like swap files:
 * Emacs lock links (.#name.yaml), macOS AppleDouble files (._name.yaml), Office owner files
 * (~$name), Finder and Explorer metadata.
 */
const ARTEFACT = /^(?:\.#|\._|~\$)|^(?:\.DS_Store|Thumbs\.db|desktop\.ini)$/i;

/**
 * Kernel and device file systems hold live system data (a process's environment, a disk), never
 * a vendorscore file: nothing under them is read, whether named or reached through a link.
 */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];
const NEVER_READ = 'vendorscore never reads files under /proc, /sys or /dev';

const isUnder = (p: string, root: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** A path with every link resolved, or undefined when it leads nowhere. */
function realPath(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

const systemRootOf = (p: string) => SYSTEM_ROOTS.find((r) => isUnder(p, r));

/** Refuses a path that is, or leads to, a file under /proc, /sys or /dev; undefined when it may be read. */
export function systemFileProblem(file: string, real = realPath(file)): Problem | undefined {
  const named = systemRootOf(path.resolve(file));
  if (named) return fileProblem(file, `is under ${named}; ${NEVER_READ}`, 'system-file');
  const reached = real === undefined ? undefined : systemRootOf(real);
  return reached ? fileProblem(file, `is a link into ${reached}; ${NEVER_READ}`, 'system-file') : undefined;
}

interface Root {
  real: string;
  shown: string;
}

/**
 * Expands files and folders (recursively, *.yaml / *.yml) into a sorted list of files.
 * A path that does not exist, or a folder with no YAML file in it, is a problem: never a silent pass.
 * Inside a folder, a link that leads outside every folder named is refused before it is read.
 * `real` holds each file's real path as the walk found it, for readTextFile to check before it
 * opens the file (one realpath per folder then, not one per file).
 */
export function findYamlFiles(paths: readonly string[]): { files: string[]; problems: Problem[]; real: Map<string, string> } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const real = new Map<string, string>();
  let found = 0;
  // A file reached by two paths (named, and through a link inside a folder named) is one file.
  const seen = new Set<string>();
  const add = (f: string, r = realPath(f)) => {
    found++;
    const key = r ?? path.resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
      if (r !== undefined) real.set(f, r);
    }
  };
  const folders: string[] = [];
  for (const p of paths) {
    const system = systemFileProblem(p);
    if (system) {
      problems.push(system);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      problems.push(fileProblem(p, 'no such file or folder', 'not-found'));
      continue;
    }
    if (st.isDirectory()) folders.push(p);
    else add(p);
  }
  const roots: Root[] = folders.map((f) => ({ real: realPath(f) ?? path.resolve(f), shown: displayPath(f) }));
  for (const p of folders) {
    const before = { found, problems: problems.length };
    walk(p, { add, problems, roots, visited: new Set([realKey(p)]) });
    if (found === before.found && problems.length === before.problems) {
      problems.push(fileProblem(p, 'folder holds no .yaml or .yml file', 'no-files'));
    }
  }
  return { files, problems, real };
}

function realKey(dir: string): string {
  const st = statSync(dir);
  return `${st.dev}:${st.ino}`;
}

interface Walk {
  /** A file found, with its real path when the walk knows it. */
  add: (f: string, real?: string) => void;
  problems: Problem[];
  roots: readonly Root[];
  /** Folders entered, by device and inode: a link back up is not followed twice. */
  visited: Set<string>;
}

function walk(dir: string, w: Walk): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A file in this folder that is not a link is the folder's real path and its name: one realpath per folder, not per file.
  let realDir: string | undefined;
  for (const e of entries) {
    if (ARTEFACT.test(e.name)) continue;
    const full = path.join(dir, e.name);
    const link = e.isSymbolicLink();
    const folder = e.isDirectory() || (link && isDir(full));
    if (folder ? e.name.startsWith('.') || SKIP_DIRS.has(e.name) : !YAML_EXT.test(e.name)) continue;
    const refused = link ? linkProblem(full, w.roots) : undefined;
    if (refused) {
      w.problems.push(refused);
      continue;
    }
    if (!folder) {
      if (link) w.add(full);
      else w.add(full, path.join((realDir ??= realPath(dir) ?? path.resolve(dir)), e.name));
      continue;
    }
    let key;
    try {
      key = realKey(full);
    } catch {
      continue;
    }
    if (w.visited.has(key)) continue; // symlink loops
    w.visited.add(key);
    walk(full, w);
  }
}

/** A link met while walking may lead anywhere inside the folders named, nowhere else. One that leads nowhere is reported when it is read. */
function linkProblem(link: string, roots: readonly Root[]): Problem | undefined {
  const real = realPath(link);
  if (real === undefined) return undefined;
  const system = systemFileProblem(link, real);
  if (system) return system;
  if (roots.some((r) => isUnder(real, r.real))) return undefined;
  const where = roots.length === 1 ? clip(roots[0]!.shown) : 'the folders named on the command line';
  return fileProblem(link, `is a link to ${clip(displayPath(real))}, outside ${where}; it is not read (name it on the command line to read it)`, 'link-outside');
}

/** A folder, or a link to one; false when it cannot be told. */
export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** What an open descriptor refers to, where the system can say (Linux); undefined elsewhere. */
function openedPath(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** Problems with a path rather than with what a file holds have no position. */
const UNLOCATED = new Set(['not-found', 'no-files', 'system-file', 'link-outside']);

/** A problem with a whole file. Refusals of a file's content point at its start (1:1); a path that does not exist has no position. */
export function fileProblem(file: string, message: string, code: string, located = !UNLOCATED.has(code)): Problem {
  return { file: safeText(displayPath(file)), line: located ? 1 : 0, col: located ? 1 : 0, severity: 'error', code, message: problemText(message) };
}

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a regular file's bytes, refusing anything else and anything larger than maxBytes. The
 * type is checked on the open descriptor, and the open never blocks, so a path swapped for a
 * FIFO or a device cannot hang us; at most maxBytes + 1 bytes are ever read.
 */
export function readFileBytes(file: string, maxBytes = DEFAULT_MAX_BYTES): { bytes?: Buffer; problem?: Problem } {
  return readInto(file, maxBytes, (n) => Buffer.alloc(n), undefined);
}

/**
 * One buffer for every text file read: readTextFile decodes it into a string before the next
 * read, and a workspace of thousands of files then allocates (and collects) no buffer per file.
 */
let scratch = Buffer.alloc(0);
const reuse = (n: number) => (scratch.length >= n ? scratch : (scratch = Buffer.alloc(Math.max(n, scratch.length * 2))));

/**
 * readFileBytes into a buffer from `alloc` (the bytes returned are a view of it). `real`: the
 * file's real path, when the caller has just found it (findYamlFiles), else it is resolved here.
 */
function readInto(file: string, maxBytes: number, alloc: (n: number) => Buffer, real: string | undefined): { bytes?: Buffer; problem?: Problem } {
  const system = systemFileProblem(file, real ?? realPath(file));
  if (system) return { problem: system };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: fileProblem(file, 'no such file', 'not-found') };
    if (code === 'EISDIR') return { problem: fileProblem(file, 'is a folder, not a regular file', 'not-a-file') };
    return { problem: fileProblem(file, `cannot be opened: ${code ?? String(e)}`, 'unreadable') };
  }
  let buf: Buffer;
  try {
    // The path could have been swapped for a link since it was resolved: ask what was opened.
    const opened = openedPath(fd);
    if (opened !== undefined && systemRootOf(opened)) return { problem: systemFileProblem(file, opened)! };
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: fileProblem(file, `is ${kindOf(st)}, not a regular file`, 'not-a-file') };
    if (st.size > maxBytes) {
      return { problem: fileProblem(file, `is ${st.size} bytes, over the ${maxBytes}-byte limit (raise it with --max-file-size)`, 'too-large') };
    }
    // The size can change between fstat and read: read at most one byte past the limit.
    let room = Math.min(maxBytes + 1, Math.max(st.size + 1, 4096));
    buf = alloc(room);
    let len = 0;
    for (;;) {
      if (len === room) {
        if (len > maxBytes) break;
        room = Math.min(maxBytes + 1, room * 2);
        const bigger = Buffer.alloc(room);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = readSync(fd, buf, len, room - len, null);
      if (n === 0) break;
      len += n;
    }
    buf = buf.subarray(0, len);
  } catch (e) {
    return { problem: fileProblem(file, `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'unreadable') };
  } finally {
    closeSync(fd);
  }
  if (buf.length > maxBytes) {
    return { problem: fileProblem(file, `is over the ${maxBytes}-byte limit (raise it with --max-file-size)`, 'too-large') };
  }
  return { bytes: buf };
}

/**
 * Reads a regular file (as readFileBytes does) as strict UTF-8; a BOM is dropped, CRLF is left to
 * the parser. With `spreadsheet`, bytes that are not UTF-8 but fit what Excel writes on Windows
 * get a hint naming the encoding and how to save the file instead.
 */
export function readTextFile(file: string, maxBytes = DEFAULT_MAX_BYTES, opts: { spreadsheet?: boolean; real?: string | undefined } = {}): { text?: string; problem?: Problem } {
  const { bytes: buf, problem } = readInto(file, maxBytes, reuse, opts.real);
  if (!buf) return { problem };
  const foreign = foreignEncoding(buf);
  if (foreign) {
    // Excel's 'Unicode Text' is UTF-16: say which of its choices to take instead.
    const fault = opts.spreadsheet ? { ...foreign, message: `${foreign.message} (in Excel: save as 'CSV UTF-8')` } : foreign;
    return { problem: faultProblem(file, fault, positionOfByte(buf, foreign.offset)) };
  }
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch {
    // Everything before the first bad byte is valid, so its column counts exactly the characters a reader sees.
    const at = positionOfByte(buf, firstInvalidOffset(buf));
    const hint = opts.spreadsheet ? spreadsheetEncoding(buf) : undefined;
    const message = hint ? `is not valid UTF-8 text; ${hint}; save as 'CSV UTF-8'` : 'is not valid UTF-8 text; save it as UTF-8';
    return { problem: { ...fileProblem(file, message, 'encoding'), ...at } };
  }
  const conflict = mergeConflict(text);
  if (conflict) return { problem: faultProblem(file, conflict, positionIn(text, conflict.offset)) };
  return { text };
}

/** Strict UTF-8 that drops a BOM; one decoder for every file (decode() without a stream keeps no state). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A problem named by text-checks, at its position. */
export function faultProblem(file: string, fault: TextFault, at: Position): Problem {
  return { ...fileProblem(file, fault.message, fault.code), line: at.line, col: at.col };
}

/** Bytes in no Windows-1252 character (the code page leaves these five undefined). */
const NOT_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** What Excel probably wrote: UTF-16 ('Unicode Text'), or Windows-1252 ('CSV' on Windows); undefined when neither fits. */
export function spreadsheetEncoding(buf: Uint8Array): string | undefined {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return "it looks like UTF-16 (Excel's 'Unicode Text')";
  let high = 0;
  for (const b of buf) {
    if (b === 0 || NOT_1252.has(b)) return undefined;
    if (b >= 0x80) high++;
  }
  return high > 0 ? "it looks like Windows-1252 (Excel's 'CSV' on Windows)" : undefined;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidOffset(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (n === 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const c1 = buf[i + 1]!;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += n + 1;
  }
  return buf.length;
}

export function assertNoProblems(problems: readonly Problem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new UserError(`${errors.length} problem(s) in the input`, errors);
}
