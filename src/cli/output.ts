import { appendFileSync, fstatSync, writeSync, type Stats } from 'node:fs';
import { isatty } from 'node:tty';
import { UserError } from '../errors.js';
import { ioErrorReason, writeFileAtomic } from '../io/atomic.js';
import { displayPath } from '../io/files.js';
import { quote, safeOutput, safeText, type OutputOptions } from '../text/sanitize.js';

export const FORMATS = ['table', 'markdown', 'json', 'csv', 'html', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = { json: 'json', csv: 'csv', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', txt: 'table', xlsx: 'xlsx' };

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

/** What the output options (--format, --out, --force, --no-color, --quiet, --max-file-size) give a command. */
export interface OutputFlags {
  format?: string;
  out?: string;
  force?: boolean;
  color?: boolean;
  quiet?: boolean;
  maxFileSize?: number;
}

export interface ColorFlags {
  color?: boolean;
  out?: string | undefined;
}

/**
 * Colour follows --no-color, then NO_COLOR, then FORCE_COLOR, then whether stdout is a terminal.
 * Files written with --out never get colour.
 */
export function useColor(flags: ColorFlags, env: NodeJS.ProcessEnv = process.env, isTTY = isatty(1)): boolean {
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

/** What a command prints: text, or pieces that join to it (a report too big to hold whole, src/text/json-chunks.ts). */
export type Output = string | Iterable<string>;

/**
 * Pieces at least this long are cut at their last line break and written. Small enough that a
 * piece (two bytes a character once it holds one outside Latin-1, an en dash) stays out of V8's
 * large-object space: making 64K pieces cost ~40 ms more on a 17 MB report than 16K ones.
 */
const PIECE = 1 << 14;

/**
 * The output in pieces that each end at a line break (but the last), so the sanitiser, whose
 * rules are about lines, sees whole lines; text comes back as it is. The chunks of a piece are
 * joined once, when it is cut, rather than added up chunk by chunk and sliced.
 */
export function* lines(out: Output): Generator<string> {
  if (typeof out === 'string') {
    yield out;
    return;
  }
  let parts: string[] = [];
  let size = 0;
  for (const chunk of out) {
    parts.push(chunk);
    size += chunk.length;
    if (size < PIECE) continue;
    const [at, cut] = lastBreak(parts);
    if (at < 0) continue;
    const last = parts[at]!;
    if (cut === last.length) {
      yield joined(parts.slice(0, at + 1));
      parts = parts.slice(at + 1);
    } else {
      yield joined([...parts.slice(0, at), last.slice(0, cut)]);
      parts = [last.slice(cut), ...parts.slice(at + 1)];
    }
    size = parts.reduce((n, p) => n + p.length, 0);
  }
  if (size > 0) yield joined(parts);
}

/** Which part holds the last line break, and the offset just after it ([-1, 0] when none does). */
function lastBreak(parts: readonly string[]): [number, number] {
  for (let i = parts.length - 1; i >= 0; i--) {
    const nl = parts[i]!.lastIndexOf('\n');
    if (nl >= 0) return [i, nl + 1];
  }
  return [-1, 0];
}

const joined = (parts: readonly string[]): string => (parts.length === 1 ? parts[0]! : parts.join(''));

export function writeStdout(text: Output, opts: WriteOptions = {}): void {
  for (const piece of safePieces(text, { ...opts, githubLog: streamOf(1).readByRunner })) write(1, piece);
}

export function writeStderr(text: string, opts: WriteOptions = {}): void {
  write(2, safeOutput(text, { ...opts, githubLog: streamOf(2).readByRunner }));
}

/**
 * What writeUtf8 encodes into and writes from, reused: a piece (PIECE UTF-16 units and the rest of
 * its last chunk, at most three bytes each) fits whole; longer text goes in rounds.
 * TextEncoder.encodeInto is the fastest way Node has to UTF-8 (a third of Buffer.from's time on a
 * big report), and it never cuts a character in two.
 */
const utf8 = new TextEncoder();
const scratch = new Uint8Array(1 << 18);

/**
 * Node writes to a file or a device with one write() call and drops what a short write left over
 * (a nearly full disk), so those get a loop here; a failure is one line (a UserError, exit 2).
 * Pipes and terminals keep the stream, whose errors src/cli/index.ts handles.
 */
function write(fd: 1 | 2, text: string): void {
  if (!streamOf(fd).direct) {
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  try {
    writeUtf8(fd, text);
  } catch (e) {
    throw new UserError(`cannot write the ${fd === 1 ? 'output' : 'messages'}: ${ioErrorReason(e) ?? String(e)}`);
  }
}

/** The text as UTF-8 to a file descriptor, every byte of it (lone surrogates as U+FFFD, like Buffer.from). */
export function writeUtf8(fd: number, text: string): void {
  for (let read = 0; read < text.length; ) {
    const done = utf8.encodeInto(read === 0 ? text : text.slice(read), scratch);
    for (let off = 0; off < done.written; ) off += writeSync(fd, scratch, off, done.written - off);
    read += done.read;
  }
}

/** Clears the visible terminal screen (not the scrollback): the one escape sequence we write that is not colour. */
export function clearScreen(): void {
  process.stdout.write('\x1b[H\x1b[2J');
}

/** A terminal mode switch of our own (bracketed paste on or off), written as it is. */
export function writeTerminalControl(seq: '\x1b[?2004h' | '\x1b[?2004l'): void {
  process.stdout.write(seq);
}

interface StreamKind {
  /** A file or a device other than a terminal: written with writeSync. */
  direct: boolean;
  /** Under GitHub Actions, not redirected to a regular file: the runner reads it. */
  readByRunner: boolean;
}

const kinds = new Map<number, StreamKind>();
function streamOf(fd: number): StreamKind {
  let kind = kinds.get(fd);
  if (kind === undefined) {
    let st: Stats | undefined;
    try {
      st = fstatSync(fd);
    } catch {
      st = undefined;
    }
    const file = st?.isFile() === true;
    kind = {
      direct: file || (st?.isCharacterDevice() === true && !isatty(fd)),
      readByRunner: process.env.GITHUB_ACTIONS === 'true' && !file,
    };
    kinds.set(fd, kind);
  }
  return kind;
}

/** Writes the rendered output to stdout, or atomically to --out (refusing to overwrite without --force). */
export function emit(text: Output, opts: { out?: string | undefined; force?: boolean | undefined; quiet?: boolean | undefined } & WriteOptions): void {
  if (opts.out) {
    // Only a regular file is replaced, and only with --force; the folder must exist.
    writeFileAtomic(opts.out, safePieces(text, { annotations: opts.annotations }), { overwrite: opts.force === true });
    if (!opts.quiet) writeStderr(`wrote ${safeText(displayPath(opts.out))}\n`);
    return;
  }
  writeStdout(text, opts);
}

/** The output in whole-line pieces (lines), each through the sanitiser. */
function* safePieces(text: Output, opts: OutputOptions): Generator<string> {
  for (const piece of lines(text)) yield safeOutput(piece, opts);
}

/** Markdown for the GitHub Actions job summary ($GITHUB_STEP_SUMMARY), when there is one; sanitised like every other output. */
export function appendJobSummary(markdown: string | undefined): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (markdown === undefined || !file) return;
  appendFileSync(file, safeOutput(markdown));
}
