/** Reads the score changes out of the git history of evaluation and consensus files. */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { readSheet, scoreChanges, type ScoreChange, type ScoreSheet } from '../core/history.js';
import { commitsTouching, findRepository, readBlobs, type Commit } from './git-log.js';
import { displayPath, isDir } from './files.js';
import { parseYaml } from './yaml.js';

export interface HistoryRow extends ScoreChange {
  commit: string;
  date: string;
  author: string;
  subject: string;
  /** The file, relative to the working directory when inside it. */
  file: string;
}

export type HistoryResult = { rows: HistoryRow[] } | { notRepository: string } | { noGit: true };

const YAML = /\.ya?ml$/i;

/** A path as git sees it: through links, since git's top is a real path. */
function real(p: string): string {
  if (existsSync(p)) return realpathSync(p);
  return path.join(real(path.dirname(path.resolve(p))), path.basename(p));
}

export function readHistory(paths: readonly string[]): HistoryResult {
  const first = paths[0] ?? '.';
  const dir = isDir(first) ? first : existsSync(path.dirname(path.resolve(first))) ? path.dirname(path.resolve(first)) : '.';
  const repo = findRepository(dir);
  if ('noGit' in repo) return repo;
  if ('notRepository' in repo) return { notRepository: first };
  const specs = paths.map((p) => path.relative(repo.top, real(p)) || '.');
  const commits = commitsTouching(repo.top, specs);
  const ids = commits.flatMap((c) => c.changes.flatMap((f) => [f.before, f.after])).filter((x): x is string => x !== null);
  const blobs = readBlobs(repo.top, ids);
  const rows: HistoryRow[] = [];
  for (const c of commits) rows.push(...commitRows(repo.top, c, blobs));
  return { rows };
}

/**
 * The score changes of one commit. A file deleted and another added for the same vendor and
 * evaluator in one commit is a move (git mv, a rename by hand): compared as one file, so only
 * scores that changed are listed.
 */
function commitRows(top: string, c: Commit, blobs: ReadonlyMap<string, string | undefined>): HistoryRow[] {
  const versions = c.changes.filter((f) => YAML.test(f.path)).map((f) => {
    const file = displayPath(path.join(top, f.path));
    const consensus = f.path.split('/').includes('consensus');
    const fallback = consensus ? path.basename(f.path).replace(YAML, '') : path.basename(path.dirname(f.path));
    const sheet = (id: string | null): ScoreSheet | undefined => {
      const text = id === null ? undefined : blobs.get(id);
      const data = text === undefined ? undefined : parseYaml(file, text).source?.data;
      return data === undefined ? undefined : readSheet(data, fallback, consensus);
    };
    return { file, before: sheet(f.before), after: sheet(f.after), deleted: f.after === null, added: f.before === null };
  });
  const who = (s: ScoreSheet | undefined) => (s ? `${s.vendor}\0${s.evaluator}` : undefined);
  const removed = new Map(versions.filter((v) => v.deleted && v.before).map((v) => [who(v.before)!, v]));
  const movedFrom = new Map<(typeof versions)[number], (typeof versions)[number]>();
  for (const v of versions) {
    const from = v.added ? removed.get(who(v.after) ?? '') : undefined;
    if (from && ![...movedFrom.values()].includes(from)) movedFrom.set(v, from);
  }
  const consumed = new Set(movedFrom.values());
  const out: HistoryRow[] = [];
  for (const v of versions) {
    if (consumed.has(v)) continue; // listed with the file it moved to
    for (const ch of scoreChanges(movedFrom.get(v)?.before ?? v.before, v.after)) {
      out.push({ ...ch, commit: c.hash, date: c.date, author: c.author, subject: c.subject, file: v.file });
    }
  }
  return out;
}
