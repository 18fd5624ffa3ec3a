/**
 * Saving interview answers without overwriting what the session did not write. Before each save
 * the lock is checked (still this session's) and the file is read again. When it changed since
 * the last save (edited by hand in an editor), the answer is merged into the file as it is now:
 * everything else in it (other answers, notes, comments, header) stays as edited, and in this
 * answer only the fields the interview changed are written. A field changed in both places gets
 * the interview's new value, and the hand-edited one is kept in a comment above the answer; the
 * person is told either way.
 */
import { existsSync } from 'node:fs';
import { isMap } from 'yaml';
import type { Answer } from '../core/types.js';
import { formatProblem, UserError } from '../errors.js';
import { quote, safeText } from '../text/sanitize.js';
import { EvaluationDoc, writeEvaluationDoc, type AnswerFields, type Lock } from './evaluation-doc.js';
import { displayPath, readTextFile } from './files.js';
import { parseYaml } from './yaml.js';
import { keyedRecord } from '../core/keyed.js';

export interface SaveReport {
  /** Every answer in the file as saved, when the file held changes made outside the session. */
  answers?: Record<string, Answer>;
  /** For the person: hand edits kept, fields changed in both places. */
  notices: string[];
}

type Field = keyof AnswerFields;
const FIELDS: readonly Field[] = ['score', 'notes', 'evidence', 'flag'];

export interface FieldConflict {
  field: Field;
  hand: unknown;
  mine: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldsOfDraft(d: Answer | null): AnswerFields {
  return { score: d?.score ?? null, notes: d?.notes || undefined, evidence: d?.evidence ?? [], flag: d?.flag || undefined };
}

/**
 * One answer, three versions: as last saved (base), as the file has it now (disk) and as the
 * interview wants it (mine). Fields the interview did not change keep the file's value; fields
 * it changed are written, and when the file changed them too, to something else, that is a
 * conflict (the interview's value is written, the file's is reported).
 */
export function mergeAnswer(base: AnswerFields, disk: AnswerFields, mine: AnswerFields): { apply: Partial<Answer>; conflicts: FieldConflict[] } {
  const apply: Partial<Record<Field, unknown>> = {};
  const conflicts: FieldConflict[] = [];
  for (const f of FIELDS) {
    if (same(mine[f], base[f]) || same(mine[f], disk[f])) continue;
    apply[f] = mine[f];
    if (!same(disk[f], base[f])) conflicts.push({ field: f, hand: disk[f], mine: mine[f] });
  }
  return { apply: apply as Partial<Answer>, conflicts };
}

/** The answers of a document that read as answers; others (a hand edit gone wrong) are left out. */
export function readAnswers(doc: EvaluationDoc): Record<string, Answer> {
  const out: Record<string, Answer> = keyedRecord();
  for (const id of doc.answerIds()) {
    const f = doc.fieldsOf(id);
    const score = f.score === null || (typeof f.score === 'number' && Number.isFinite(f.score)) ? f.score : undefined;
    const evidence = Array.isArray(f.evidence) && f.evidence.every((e) => typeof e === 'string') ? (f.evidence as string[]) : undefined;
    if (score === undefined || evidence === undefined || (f.notes !== undefined && typeof f.notes !== 'string') || (f.flag !== undefined && typeof f.flag !== 'string')) continue;
    if (score === null && f.notes === undefined && evidence.length === 0 && f.flag === undefined) continue;
    out[id] = { score, ...(f.notes !== undefined ? { notes: f.notes as string } : {}), evidence, ...(f.flag !== undefined ? { flag: f.flag as string } : {}) };
  }
  return out;
}

/** A field's value in a message or a YAML comment, on one line. */
function shown(field: Field, v: unknown): string {
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return field === 'score' ? 'null (unanswered)' : 'none';
  return JSON.stringify(v);
}

function describe(d: Answer | null): string {
  if (!d) return 'cleared';
  const parts = [`score ${d.score ?? 'none'}`];
  if (d.notes) parts.push(`notes ${quote(d.notes)}`);
  if (d.evidence.length > 0) parts.push(`evidence ${d.evidence.map(quote).join(', ')}`);
  if (d.flag) parts.push(`flag ${quote(d.flag)}`);
  return parts.join(', ');
}

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export class EvaluationSaver {
  private readonly shown: string;

  /** `text` is the file as the session read it (or last wrote it). */
  constructor(
    private readonly file: string,
    private doc: EvaluationDoc,
    private text: string,
    private readonly lock: Lock,
    private readonly order: readonly string[],
    private readonly maxBytes?: number,
  ) {
    this.shown = displayPath(file);
  }

  /** Writes a new file for the session and returns its saver; a file that appeared meanwhile is not overwritten. */
  static create(file: string, doc: EvaluationDoc, lock: Lock, order: readonly string[], maxBytes?: number): EvaluationSaver {
    lock.assertHeld();
    if (existsSync(file)) throw new UserError(`${displayPath(file)} appeared while the interview was starting; nothing was written. Run the same command again to resume it`);
    const text = doc.toString();
    writeEvaluationDoc(file, doc);
    return new EvaluationSaver(file, doc, text, lock, order, maxBytes);
  }

  /**
   * Saves one answer (null: none). Throws a UserError, having written nothing, when the lock is
   * no longer this session's or the file changed into something that cannot be merged.
   */
  save(id: string, draft: Answer | null): SaveReport {
    try {
      return this.merge(id, draft);
    } catch (e) {
      if (e instanceof UserError && !e.retryable) throw new UserError(`${e.message}. Not saved: ${safeText(id)}, ${describe(draft)}`);
      throw e;
    }
  }

  private merge(id: string, draft: Answer | null): SaveReport {
    this.lock.assertHeld();
    const { text, problem } = readTextFile(this.file, this.maxBytes);
    if (problem?.code === 'not-found') {
      this.doc.setAnswer(id, draft, this.order);
      this.write(this.doc);
      return { notices: [`${this.shown} had been removed outside the interview; it is written again with every answer of this session.`] };
    }
    if (problem) throw this.cannotMerge(formatProblem(problem));
    if (text === this.text) {
      this.doc.setAnswer(id, draft, this.order);
      this.write(this.doc);
      return { notices: [] };
    }
    const { source, problems } = parseYaml(this.shown, text!);
    const error = problems.find((p) => p.severity === 'error');
    if (!source || error) throw this.cannotMerge(error ? formatProblem(error) : 'it does not read as YAML');
    const answers = isMap(source.doc.contents) ? source.doc.contents.get('answers', true) : undefined;
    if (!isMap(source.doc.contents) || (answers !== undefined && answers !== null && !isMap(answers))) {
      throw this.cannotMerge('it is no longer a mapping with an answers mapping');
    }
    const theirs = EvaluationDoc.fromSource(source);
    const edited = [...new Set([...this.doc.answerIds(), ...theirs.answerIds()])].filter((q) => !same(this.doc.fieldsOf(q), theirs.fieldsOf(q)));
    const { apply, conflicts } = mergeAnswer(this.doc.fieldsOf(id), theirs.fieldsOf(id), fieldsOfDraft(draft));
    theirs.setFields(id, apply, this.order);
    // Cleared, and nothing of it left by hand either: the answer goes, as it does without a merge.
    if (draft === null && conflicts.length === 0 && theirs.isEmpty(id)) theirs.removeAnswer(id);
    for (const c of conflicts) {
      theirs.commentAbove(id, `hand edit kept here: the interview saved its own ${c.field} over it on ${stamp()}: ${c.field}: ${shown(c.field, c.hand)}`, this.order);
    }
    this.doc = theirs;
    this.write(theirs);
    const kept = edited.length > 0 ? `the changes to ${edited.map((q) => safeText(q)).join(', ')}` : 'those changes';
    const notices = [`${this.shown} was edited outside the interview since the last save; ${kept} are kept.`];
    for (const c of conflicts) {
      notices.push(
        `${safeText(id)}: the ${c.field} was changed in the file too. The interview's ${c.field} (${safeText(shown(c.field, c.mine), { max: 80 })}) is saved; the file's (${safeText(shown(c.field, c.hand), { max: 80 })}) is kept in a comment above ${safeText(id)}.`,
      );
    }
    return { answers: readAnswers(theirs), notices };
  }

  private write(doc: EvaluationDoc): void {
    // Turned into text once: the same text is written and kept as the base of the next merge.
    const text = doc.toString();
    writeEvaluationDoc(this.file, doc, text);
    this.text = text;
  }

  private cannotMerge(why: string): UserError {
    return new UserError(`${this.shown} was changed outside the interview and cannot be merged now (${why}); stopped before saving, so the file stays as it is. Fix it, then resume`);
  }
}
