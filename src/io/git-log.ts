/**
 * The git history of files (docs/commands.md#history): git is spawned with an argument array,
 * never a shell, and paths are literal pathspecs. Every string read here is data for the
 * renderers to sanitise.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_MAX_BYTES } from './files.js';

export interface FileChange {
  /** The path relative to the repository's top. */
  path: string;
  /** Blob ids; null when the file was added (before) or deleted (after). */
  before: string | null;
  after: string | null;
}

export interface Commit {
  hash: string;
  author: string;
  /** The author date, ISO 8601 with its offset. */
  date: string;
  subject: string;
  changes: FileChange[];
}

export type RepoLookup = { top: string } | { notRepository: true } | { noGit: true };

function git(args: readonly string[], cwd: string, input?: Buffer): { status: number | null; stdout: Buffer; error?: Error } {
  const r = spawnSync('git', ['--literal-pathspecs', ...args], { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
  return { status: r.status, stdout: r.stdout ?? Buffer.alloc(0), ...(r.error ? { error: r.error } : {}) };
}

/** The repository holding `dir`, or why there is none. */
export function findRepository(dir: string): RepoLookup {
  const r = git(['rev-parse', '--show-toplevel'], dir);
  if (r.error) return { noGit: true };
  if (r.status !== 0) return { notRepository: true };
  return { top: r.stdout.toString('utf8').replace(/\n$/, '') };
}

const ZERO = /^0+$/;

/** Commits touching the paths, oldest first, each with the files it changed (renames as delete and add). */
export function commitsTouching(top: string, paths: readonly string[]): Commit[] {
  const r = git(['log', '--reverse', '--no-renames', '--raw', '--no-abbrev', '-z', '--format=%x1e%H%x00%an%x00%aI%x00%s%x00', '--', ...paths], top);
  if (r.status !== 0) return []; // a repository without commits yet
  const tokens = r.stdout.toString('utf8').split('\0');
  const out: Commit[] = [];
  let current: Commit | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.replace(/^\n/, '');
    if (t.startsWith('\x1e')) {
      current = { hash: t.slice(1), author: tokens[i + 1] ?? '', date: tokens[i + 2] ?? '', subject: tokens[i + 3] ?? '', changes: [] };
      out.push(current);
      i += 3;
    } else if (t.startsWith(':') && current) {
      const [, , before, after] = t.slice(1).split(' ');
      const p = tokens[++i] ?? '';
      current.changes.push({ path: p, before: !before || ZERO.test(before) ? null : before, after: !after || ZERO.test(after) ? null : after });
    }
  }
  return out;
}

/** The text of each blob (strict UTF-8, a BOM dropped); undefined for one missing, too large or not text. */
export function readBlobs(top: string, ids: readonly string[], maxBytes = DEFAULT_MAX_BYTES): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const r = git(['cat-file', '--batch'], top, Buffer.from(unique.join('\n') + '\n'));
  const buf = r.stdout;
  let at = 0;
  for (const id of unique) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) break;
    const header = buf.subarray(at, nl).toString('utf8').split(' ');
    at = nl + 1;
    if (header[1] === 'missing' || header.length < 3) {
      out.set(id, undefined);
      continue;
    }
    const size = Number(header[2]);
    const body = buf.subarray(at, at + size);
    at += size + 1;
    out.set(id, size > maxBytes ? undefined : decode(body));
  }
  return out;
}

function decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `p` as a path relative to the repository's top (for pathspecs). */
export function inRepository(top: string, p: string): string {
  return path.relative(top, path.resolve(p)) || '.';
}
