/**
 * Saving the consensus meeting: each outcome is written into `consensus/<vendor-id>.yaml` the
 * moment it is given (atomically, under the interview's lock), into the file as it is on disk
 * then, so a hand edit made meanwhile is kept. An outcome still being typed when the meeting
 * stops is kept beside it as a draft (`<file>.draft`, JSON), which the next meeting offers again.
 */
import { unlinkSync } from 'node:fs';
import { isMap, YAMLSeq } from 'yaml';
import type { Agreement } from '../core/types.js';
import { formatProblem, UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import type { Lock } from './evaluation-doc.js';
import { displayPath, readTextFile } from './files.js';
import { parseYaml } from './yaml.js';

/** What the facilitator had chosen and typed for one question when the meeting stopped. */
export interface ConsensusDraft {
  question: string;
  score: number | 'keep';
  reason: string;
}

const TO_STRING = { lineWidth: 100, flowCollectionPadding: false } as const;

export class ConsensusSaver {
  constructor(
    private readonly file: string,
    private readonly lock: Lock,
    private readonly head: { vendor: string; rubric: string; schema?: string | undefined },
    private readonly maxBytes?: number,
  ) {}

  /** Writes one question's outcome (score null: keep the average) into the file as it is now. */
  save(question: string, a: Agreement): void {
    this.lock.assertHeld();
    const doc = this.current();
    const entry = doc.createNode(a.score === null ? { keep: 'average', reason: a.reason, by: a.by, date: a.date } : { score: a.score, reason: a.reason, by: a.by, date: a.date });
    const by = entry.get('by', true);
    if (by instanceof YAMLSeq) by.flow = true;
    doc.setIn(['agreed', question], entry);
    writeFileAtomic(this.file, doc.toString(TO_STRING));
    this.clearDraft();
  }

  /** The file as a YAML document: as on disk, or new with its header. */
  private current() {
    const shown = displayPath(this.file);
    const { text, problem } = readTextFile(this.file, this.maxBytes);
    if (problem && problem.code !== 'not-found') throw new UserError(`${shown} cannot be read (${formatProblem(problem)}); nothing was saved`);
    const start = text ?? `${this.head.schema ? `# yaml-language-server: $schema=${this.head.schema}\n` : ''}vendor: ${this.head.vendor}\nrubric: ${this.head.rubric}\nagreed: {}\n`;
    const { source, problems } = parseYaml(shown, start);
    const error = problems.find((p) => p.severity === 'error');
    if (!source || error || !isMap(source.doc.contents)) {
      throw new UserError(`${shown} was changed outside the meeting and cannot be read now (${error ? formatProblem(error) : 'it is not a mapping'}); fix it, then resume`);
    }
    const agreed = source.doc.contents.get('agreed', true);
    if (isMap(agreed) && agreed.flow && agreed.items.length === 0) agreed.flow = false;
    return source.doc;
  }

  get draftFile(): string {
    return `${this.file}.draft`;
  }

  saveDraft(d: ConsensusDraft): void {
    writeFileAtomic(this.draftFile, JSON.stringify(d) + '\n');
  }

  /** The draft left by an interrupted meeting, if it reads as one. */
  readDraft(): ConsensusDraft | undefined {
    const { text } = readTextFile(this.draftFile, this.maxBytes);
    if (text === undefined) return undefined;
    try {
      const d = JSON.parse(text) as Partial<ConsensusDraft>;
      const ok = typeof d.question === 'string' && typeof d.reason === 'string' && (d.score === 'keep' || (typeof d.score === 'number' && Number.isFinite(d.score)));
      return ok ? (d as ConsensusDraft) : undefined;
    } catch {
      return undefined;
    }
  }

  clearDraft(): void {
    try {
      unlinkSync(this.draftFile);
    } catch {
      /* none */
    }
  }
}
