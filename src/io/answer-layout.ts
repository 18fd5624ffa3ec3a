import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem } from '../errors.js';
import { clip, quote } from '../text/sanitize.js';
import { indentIt } from './yaml-messages.js';
import { problemAt, type SourceFile } from './yaml.js';

/** The keys of one answer. */
const FIELDS = new Set(['score', 'notes', 'evidence']);

const keyOf = (p: Pair): string | undefined => (isScalar(p.key) && typeof p.key.value === 'string' ? p.key.value : undefined);

/**
 * Answers indented at the wrong level, which YAML reads without complaint: an answer's score,
 * notes or evidence indented like a question, or a question indented into the answer above it.
 * Each is one line saying which way to move it, instead of "unknown question" plus a wrong type.
 * The returned data leaves the misplaced keys out, so the schema does not report them again.
 */
export function misplacedAnswers(src: SourceFile, questions: ReadonlySet<string>): { problems: Problem[]; data: unknown } {
  // Read from the data first: most files have nothing misplaced, and then the Document (built
  // lazily on the fast path) is never needed.
  if (!mayBeMisplaced(src.data, questions)) return { problems: [], data: src.data };
  const top = src.doc.contents;
  const answers = isMap(top) ? top.items.find((p) => keyOf(p as Pair) === 'answers')?.value : undefined;
  const data = src.data as Record<string, unknown>;
  if (!isMap(answers) || typeof data?.answers !== 'object' || data.answers === null) return { problems: [], data };
  const problems: Problem[] = [];
  const kept: Record<string, unknown> = { ...(data.answers as Record<string, unknown>) };
  const pos = (n: unknown) => src.lines.linePos((n as Node).range![0]);
  answers.items.forEach((pair, i) => {
    const k = keyOf(pair as Pair);
    if (k === undefined) return;
    if (FIELDS.has(k) && !questions.has(k)) {
      const at = pos(pair.key);
      const above = answers.items[i - 1];
      const inner = above && isMap(above.value) ? (above.value as YAMLMap).items[0] : undefined;
      const lead = `line ${at.line} is indented like a question, but ${quote(k)} is part of an answer`;
      if (inner && keyOf(above as Pair) !== undefined) {
        const like = pos(inner.key);
        problems.push(problemAt(src.file, at, `${lead}; ${indentIt(like.col - 1)}, like line ${like.line}, to put it in the answer to ${clip(keyOf(above as Pair)!)}`, 'misplaced-answer'));
      } else {
        problems.push(problemAt(src.file, at, `${lead}; put it below the question it belongs to, indented like that answer's score`, 'misplaced-answer'));
      }
      delete kept[k];
      return;
    }
    if (!isMap(pair.value)) return;
    const fields = { ...(kept[k] as Record<string, unknown>) };
    for (const inner of pair.value.items) {
      const q = keyOf(inner as Pair);
      if (q === undefined || FIELDS.has(q) || !questions.has(q)) continue;
      const at = pos(inner.key);
      const like = pos(pair.key);
      problems.push(problemAt(src.file, at, `line ${at.line} is indented inside the answer to ${clip(k)}, but ${quote(q)} is a question; ${indentIt(like.col - 1)}, like line ${like.line}, to make it an answer of its own`, 'misplaced-answer'));
      delete fields[q];
    }
    kept[k] = fields;
  });
  return { problems, data: problems.length > 0 ? { ...data, answers: kept } : data };
}

/** Could any answer be misplaced? Never false when misplacedAnswers would report one. */
function mayBeMisplaced(data: unknown, questions: ReadonlySet<string>): boolean {
  const answers = (data as Record<string, unknown> | null)?.answers;
  if (typeof answers !== 'object' || answers === null) return false;
  // for-in, not Object.entries and Object.keys: this runs on every answer of every file, and those build arrays of them.
  for (const k in answers) {
    if (FIELDS.has(k) && !questions.has(k)) return true;
    const v = (answers as Record<string, unknown>)[k];
    if (typeof v === 'object' && v !== null) for (const q in v) if (!FIELDS.has(q) && questions.has(q)) return true;
  }
  return false;
}
