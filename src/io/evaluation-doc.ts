/**
 * Creating and editing one evaluation file (docs/files.md#evaluation) through the yaml Document API, so that
 * resuming an interview keeps every comment, note and layout choice already in the file; and the
 * lock that stops two sessions from writing the same file at once.
 */
import { existsSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, Scalar, YAMLMap, type Node, type Pair, type YAMLSeq } from 'yaml';
import type { Answer as Draft } from '../core/types.js';
import { UserError } from '../errors.js';
import { asWriteError, tempPrefix, writeFileAtomic, WriteError } from './atomic.js';
import { clip, safeText } from '../text/sanitize.js';
import { displayPath, readTextFile } from './files.js';
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

/** An answer's score, notes and evidence as plain values, read as the file has them (notes '' and no evidence: absent). */
export interface AnswerFields {
  score: unknown;
  notes: unknown;
  evidence: unknown;
  flag: unknown;
}

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
    if (draft === null) this.removeAnswer(id);
    else this.setFields(id, { score: draft.score, notes: draft.notes, evidence: draft.evidence, flag: draft.flag }, order);
  }

  /** Removes one answer; comments written above it or after it stay, above the next answer. */
  removeAnswer(id: string): void {
    const map = this.answers();
    const at = map.items.findIndex((p) => keyOf(p) === id);
    if (at < 0) return;
    const [pair] = map.items.splice(at, 1) as [Pair<unknown, unknown>];
    const value = pair.value as Node | null;
    const kept = [isScalar(pair.key) ? pair.key.commentBefore : undefined, isScalar(value) ? value.commentBefore : undefined, isScalar(value) ? value.comment : undefined].filter(Boolean).join('\n');
    if (!kept) return;
    const next = map.items[at]?.key;
    if (isScalar(next)) next.commentBefore = next.commentBefore ? `${kept}\n${next.commentBefore}` : kept;
    else map.comment = map.comment ? `${map.comment}\n${kept}` : kept;
  }

  /**
   * Sets the fields of one answer that `fields` names (notes undefined or evidence [] remove
   * them) and leaves the others as the file has them, whatever they hold.
   */
  setFields(id: string, fields: Partial<Draft>, order: readonly string[]): void {
    const has = (k: keyof Draft) => Object.hasOwn(fields, k);
    const map = this.answers();
    const pair = map.items.find((p) => keyOf(p) === id);
    if (!pair) {
      this.insertAnswer(map, id, { score: fields.score ?? null, notes: fields.notes, evidence: fields.evidence ?? [], flag: fields.flag }, order);
      return;
    }
    const value = pair.value as Node | null;
    if (isMap(value)) {
      if (has('score')) setScalar(this.doc, value, 'score', fields.score ?? null);
      if (has('notes')) {
        if (fields.notes) setScalar(this.doc, value, 'notes', fields.notes);
        else value.delete('notes');
      }
      if (has('evidence')) {
        const evidence = fields.evidence ?? [];
        if (evidence.length === 0) value.delete('evidence');
        else if (!sameEvidence(value.get('evidence', true) as Node | undefined, evidence)) value.set('evidence', this.evidenceNode(evidence));
      }
      if (has('flag')) {
        if (fields.flag) setScalar(this.doc, value, 'flag', fields.flag);
        else value.delete('flag');
      }
      return;
    }
    const wantsMap = (has('notes') && !!fields.notes) || (has('evidence') && (fields.evidence ?? []).length > 0) || (has('flag') && !!fields.flag);
    if (isScalar(value) && !wantsMap) {
      if (!has('score')) return;
      value.value = fields.score ?? null;
      delete value.type;
      return;
    }
    // A bare score (or a value that is no answer at all) that gains notes or evidence becomes a map.
    const kept = isScalar(value) && !has('score') ? value.value : null;
    const node = this.answerMap({ score: has('score') ? (fields.score ?? null) : (kept as number | null), notes: fields.notes, evidence: fields.evidence ?? [], flag: fields.flag });
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

  private insertAnswer(map: YAMLMap, id: string, draft: Draft, order: readonly string[]): void {
    const simple = !draft.notes && draft.evidence.length === 0 && !draft.flag;
    const node = simple ? this.doc.createNode(draft.score) : this.answerMap(draft);
    const rank = (k: string | undefined) => (k === undefined ? -1 : order.indexOf(k));
    const mine = rank(id);
    let at = map.items.findIndex((p) => rank(keyOf(p)) > mine);
    if (at < 0) at = map.items.length;
    const first = map.items[0]?.key;
    if (at === 0 && isScalar(first)) liftMapComment(map, first);
    map.items.splice(at, 0, this.doc.createPair(id, node) as Pair<unknown, unknown>);
  }

  /** True when the file says nothing about this question: no answer, `null`, or only `score: null`. */
  isEmpty(id: string): boolean {
    const value = (this.answers().items.find((p) => keyOf(p) === id)?.value ?? null) as Node | null;
    if (value === null || (isScalar(value) && value.value === null)) return true;
    if (!isMap(value)) return false;
    const score = value.get('score', true);
    return value.items.length === 0 || (value.items.length === 1 && isScalar(score) && score.value === null);
  }

  /** Question ids the file answers, in file order. */
  answerIds(): string[] {
    return this.answers()
      .items.map(keyOf)
      .filter((k): k is string => k !== undefined);
  }

  /** One answer as plain values, whatever the file holds (for telling which fields changed). */
  fieldsOf(id: string): AnswerFields {
    const pair = this.answers().items.find((p) => keyOf(p) === id);
    const value = (pair?.value ?? null) as Node | null;
    if (!isMap(value)) return { score: value === null ? null : (value.toJSON() as unknown), notes: undefined, evidence: [], flag: undefined };
    const plain = (k: string) => (value.get(k, true) as Node | undefined)?.toJSON() as unknown;
    const evidence = plain('evidence');
    return { score: plain('score') ?? null, notes: plain('notes') || undefined, evidence: evidence === undefined || evidence === null ? [] : typeof evidence === 'string' ? [evidence] : evidence, flag: plain('flag') || undefined };
  }

  /** Adds a comment line above one answer; an answer not in the file is written as `id: null` to hold it. */
  commentAbove(id: string, text: string, order: readonly string[]): void {
    const map = this.answers();
    if (!map.items.some((p) => keyOf(p) === id)) this.insertAnswer(map, id, { score: null, evidence: [] }, order);
    const pair = map.items.find((p) => keyOf(p) === id)!;
    if (!isScalar(pair.key)) pair.key = this.doc.createNode(keyOf(pair));
    const key = pair.key as Scalar;
    if (map.items[0] === pair) liftMapComment(map, key);
    const line = ` ${text.replace(/[\r\n]+/g, ' ')}`;
    key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${line}` : line;
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
    if (d.flag) node.set('flag', this.doc.createNode(d.flag));
    return node;
  }

  toString(): string {
    return this.doc.toString(TO_STRING);
  }
}

/** A comment above the first answer is stored on the map; moves it onto that answer's key, to keep it with that answer. */
function liftMapComment(map: YAMLMap, first: Scalar): void {
  if (!map.commentBefore) return;
  first.commentBefore = first.commentBefore ? `${map.commentBefore}\n${first.commentBefore}` : map.commentBefore;
  delete map.commentBefore;
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
export function writeEvaluationDoc(file: string, doc: EvaluationDoc, text = doc.toString()): void {
  writeFileAtomic(file, text);
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
  /**
   * Throws a UserError unless the lock file still holds exactly what this session wrote: it was
   * removed (perhaps with its folder) or another session took it over. Call it before each save.
   */
  assertHeld(): void;
  /** Removes the lock file, only while it is still this session's. */
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
  // Read like any input: a lock swapped for a FIFO, a link to /proc or a huge file is refused, never waited on.
  const { text } = readTextFile(p, 4096);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
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
  const content = JSON.stringify(me) + '\n';
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written whole to a temporary file, then linked into place only if no lock exists: a lock
      // file is never empty or half-written, and a failed write (a full disk) leaves none behind.
      writeFileAtomic(p, content, { overwrite: false });
    } catch (e) {
      if (!(e instanceof WriteError && e.code === 'EEXIST')) throw asWriteError(e, p);
      const owner = readOwner(p);
      if (!isStale(p, owner)) {
        const who = owner ? `process ${owner.pid} on ${clip(owner.host)}, since ${safeText(owner.since, { max: 40 })}` : 'another process';
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
      assertHeld: () => assertLockHeld(file, content),
      release() {
        if (released) return;
        released = true;
        if (lockContent(p) !== content) return;
        try {
          unlinkSync(p);
        } catch {
          /* already gone */
        }
      },
    };
  }
  throw new UserError(`${displayPath(p)}: could not take the lock for ${what}; try again`);
}

/** The lock file's text, or undefined when there is none. */
function lockContent(p: string): string | undefined {
  // Read like any input (a lock swapped for a FIFO must not hang us); no lock reads as none.
  return readTextFile(p, 64 * 1024).text;
}

/** The lock on `file` still holds `content`, or a UserError saying what became of it. */
function assertLockHeld(file: string, content: string): void {
  const p = lockPath(file);
  const now = lockContent(p);
  if (now === content) return;
  const dir = path.dirname(path.resolve(file));
  let why: string;
  if (now === undefined && !existsSync(dir)) {
    why = `its folder ${displayPath(path.dirname(file))} was removed while the interview ran`;
  } else if (now === undefined) {
    why = `its lock ${displayPath(p)} was removed while the interview ran, so another session may be writing it`;
  } else {
    const owner = readOwner(p);
    const who = owner ? ` (process ${owner.pid} on ${safeText(owner.host, { max: 100 })}, since ${safeText(owner.since, { max: 40 })})` : '';
    why = `its lock ${displayPath(p)} now belongs to another session${who}`;
  }
  throw new UserError(`${displayPath(file)}: ${why}; stopped before saving, so nothing of theirs is overwritten and their lock stays`);
}
