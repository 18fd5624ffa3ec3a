/**
 * Creating and editing one evaluation file (SPEC §1.2) through the yaml Document API, so that
 * resuming an interview keeps every comment, note and layout choice already in the file; and the
 * lock that stops two sessions from writing the same file at once.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, Scalar, YAMLMap, type Node, type Pair, type YAMLSeq } from 'yaml';
import type { Answer as Draft } from '../core/types.js';
import { UserError } from '../errors.js';
import { asWriteError, tempPrefix, writeFileAtomic, WriteError } from './atomic.js';
import { safeText } from '../text/sanitize.js';
import { displayPath } from './files.js';
import type { SourceFile } from './yaml.js';

export interface EvaluationHeader {
  vendorId: string;
  vendorName: string;
  evaluator: string;
  /** id@version */
  rubric: string;
  /** YYYY-MM-DD */
  date: string;
}

const TO_STRING = { lineWidth: 100 } as const;

export class EvaluationDoc {
  private constructor(readonly doc: Document) {}

  /** A new file: header fields, an empty answers map, and optionally a first comment line. */
  static create(h: EvaluationHeader, comment?: string): EvaluationDoc {
    const doc = new Document({ vendor: { id: h.vendorId, name: h.vendorName }, rubric: h.rubric, evaluator: h.evaluator, date: h.date, answers: {} });
    if (comment) doc.commentBefore = ` ${comment}`;
    (doc.get('answers') as YAMLMap).flow = false;
    return new EvaluationDoc(doc);
  }

  /** Wraps a parsed file (already checked to be a valid evaluation) for in-place edits. */
  static fromSource(src: SourceFile): EvaluationDoc {
    return new EvaluationDoc(src.doc as unknown as Document);
  }

  private answers(): YAMLMap {
    const node = this.doc.get('answers', true);
    if (isMap(node)) {
      // `answers: {}` would otherwise grow as one long flow line.
      if (node.flow) node.flow = false;
      return node;
    }
    const map = this.doc.createNode({}) as YAMLMap;
    map.flow = false;
    this.doc.set('answers', map);
    return map;
  }

  /**
   * Sets (or with null removes) one answer. A bare-number answer stays a bare number while it
   * has no notes or evidence; a map answer stays a map and only its changed keys are touched.
   * New answers go in rubric order (`order` lists question ids).
   */
  setAnswer(id: string, draft: Draft | null, order: readonly string[]): void {
    const map = this.answers();
    const pair = map.items.find((p) => keyOf(p) === id);
    if (draft === null) {
      if (pair) map.items.splice(map.items.indexOf(pair), 1);
      return;
    }
    const simple = !draft.notes && draft.evidence.length === 0;
    if (!pair) {
      const node = simple ? this.doc.createNode(draft.score) : this.answerMap(draft);
      const rank = (k: string | undefined) => (k === undefined ? -1 : order.indexOf(k));
      const mine = rank(id);
      let at = map.items.findIndex((p) => rank(keyOf(p)) > mine);
      if (at < 0) at = map.items.length;
      // A comment above the first answer is stored on the map; keep it with that answer.
      const first = map.items[0]?.key;
      if (at === 0 && map.commentBefore && isScalar(first)) {
        first.commentBefore = first.commentBefore ? `${map.commentBefore}\n${first.commentBefore}` : map.commentBefore;
        delete map.commentBefore;
      }
      map.items.splice(at, 0, this.doc.createPair(id, node) as Pair<unknown, unknown>);
      return;
    }
    const value = pair.value as Node | null;
    if (isMap(value)) {
      setScalar(this.doc, value, 'score', draft.score);
      if (draft.notes) setScalar(this.doc, value, 'notes', draft.notes);
      else value.delete('notes');
      if (draft.evidence.length > 0) {
        if (!sameEvidence(value.get('evidence', true) as Node | undefined, draft.evidence)) value.set('evidence', this.evidenceNode(draft.evidence));
      } else {
        value.delete('evidence');
      }
      return;
    }
    if (simple) {
      if (isScalar(value)) {
        value.value = draft.score;
        delete value.type;
      } else {
        pair.value = this.doc.createNode(draft.score);
      }
      return;
    }
    const node = this.answerMap(draft);
    // A comment after a bare score (`q: 3  # asked twice`) moves to the score inside the map.
    if (isScalar(value)) {
      const score = node.get('score', true) as Scalar | undefined;
      if (score) {
        score.comment = value.comment;
        score.commentBefore = value.commentBefore;
      }
    }
    pair.value = node;
  }

  /**
   * Evidence as a one-line flow list, [a.pdf, https://…]. Items that are not plain one-line text
   * are double-quoted: the yaml library can write some of them (a "-" before a line break) as
   * plain scalars that no parser reads back.
   */
  private evidenceNode(items: readonly string[]): Node {
    const seq = this.doc.createNode(items, { flow: true }) as YAMLSeq;
    for (const item of seq.items) {
      if (isScalar(item) && typeof item.value === 'string' && /[\n\r\t]|^[-?:,[\]{}#&*!|>'"%@`\s]|[\s]$/.test(item.value)) item.type = 'QUOTE_DOUBLE';
    }
    return seq;
  }

  private answerMap(d: Draft): YAMLMap {
    const node = this.doc.createNode({ score: d.score }) as YAMLMap;
    if (d.notes) node.set('notes', this.doc.createNode(d.notes));
    if (d.evidence.length > 0) node.set('evidence', this.evidenceNode(d.evidence));
    return node;
  }

  toString(): string {
    return this.doc.toString(TO_STRING);
  }
}

function keyOf(p: Pair<unknown, unknown>): string | undefined {
  return isScalar(p.key) ? String(p.key.value) : typeof p.key === 'string' ? p.key : undefined;
}

function setScalar(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const node = map.get(key, true);
  if (isScalar(node)) {
    if (node.value === value) return;
    node.value = value;
    // A plain or quoted style chosen for the old text may not suit the new one.
    if (typeof value !== 'string' || value.includes('\n') || node.type === Scalar.PLAIN) delete node.type;
    return;
  }
  map.set(key, doc.createNode(value));
}

function sameEvidence(node: Node | undefined, evidence: readonly string[]): boolean {
  if (isScalar(node)) return evidence.length === 1 && node.value === evidence[0];
  if (isSeq(node)) {
    const items = node.items.map((i) => (isScalar(i) ? i.value : i));
    return items.length === evidence.length && items.every((v, i) => v === evidence[i]);
  }
  return false;
}

/** Saves the document atomically (temporary file, fsync, rename). */
export function writeEvaluationDoc(file: string, doc: EvaluationDoc): void {
  writeFileAtomic(file, doc.toString());
}

/**
 * The `# yaml-language-server: $schema=…` comment for a new file, when a schemas/ folder with the
 * evaluation schema sits in the file's folder or one above it; otherwise undefined.
 */
export function schemaComment(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (let i = 0; i < 6; i++) {
    const schema = path.join(dir, 'schemas', 'evaluation.schema.json');
    if (existsSync(schema)) return `yaml-language-server: $schema=${path.relative(path.dirname(path.resolve(file)), schema).split(path.sep).join('/')}`;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Lock: `<file>.lock`, created exclusively, holding the owner's pid and host.

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface Lock {
  path: string;
  release(): void;
}

/**
 * Removes temporary files that a killed save of `file` left behind (`.<name>.<pid>.<hex>.tmp`,
 * see writeFileAtomic), when their process is gone. Call it while holding the lock.
 */
export function removeStaleTemps(file: string): number {
  const dir = path.dirname(path.resolve(file));
  const prefix = tempPrefix(file);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed++;
    } catch {
      /* gone already */
    }
  }
  return removed;
}

export function lockPath(file: string): string {
  return `${file}.lock`;
}

function readOwner(p: string): LockOwner | undefined {
  try {
    const v = JSON.parse(readFileSync(p, 'utf8')) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return { pid: v.pid, host: v.host, since: String(v.since ?? '') };
  } catch {
    /* unreadable or half-written */
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose process is gone (same host, pid not running), or a half-written one older than a minute. */
function isStale(p: string, owner: LockOwner | undefined): boolean {
  if (owner) return owner.host === hostname() && !isAlive(owner.pid);
  try {
    return Date.now() - statSync(p).mtimeMs > 60_000;
  } catch {
    return true;
  }
}

/**
 * Takes the lock on `file` or throws a UserError naming the session that holds it. A lock left
 * by a session that died (SIGKILL, power loss) on this host is taken over.
 */
export function acquireLock(file: string, what = 'an interview'): Lock {
  const p = lockPath(file);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written whole to a temporary file, then linked into place only if no lock exists: a lock
      // file is never empty or half-written, and a failed write (a full disk) leaves none behind.
      writeFileAtomic(p, JSON.stringify(me) + '\n', { overwrite: false });
    } catch (e) {
      if (!(e instanceof WriteError && e.code === 'EEXIST')) throw asWriteError(e, p);
      const owner = readOwner(p);
      if (!isStale(p, owner)) {
        const who = owner ? `process ${owner.pid} on ${safeText(owner.host, { max: 100 })}, since ${safeText(owner.since, { max: 40 })}` : 'another process';
        throw new UserError(
          `${displayPath(file)} is already open in another session (${who}); finish or quit that session first. If none is running, delete ${displayPath(p)}.`,
        );
      }
      // Move the stale lock aside under a unique name, so two sessions taking it over at once cannot both win.
      const aside = `${p}.stale-${process.pid}`;
      try {
        renameSync(p, aside);
        unlinkSync(aside);
      } catch {
        /* someone else moved it first; try again */
      }
      continue;
    }
    let released = false;
    return {
      path: p,
      release() {
        if (released) return;
        released = true;
        const owner = readOwner(p);
        if (owner && owner.pid === me.pid && owner.host === me.host) {
          try {
            unlinkSync(p);
          } catch {
            /* already gone */
          }
        }
      },
    };
  }
  throw new UserError(`${displayPath(p)}: could not take the lock for ${what}; try again`);
}
