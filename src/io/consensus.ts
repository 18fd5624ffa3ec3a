import { statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Agreement, Consensus, Rubric } from '../core/types.js';
import type { Problem } from '../errors.js';
import { consensusSchema } from '../schema/consensus.js';
import { validateSource } from '../schema/validate.js';
import { clip, quote } from '../text/sanitize.js';
import { asRecord } from './evaluators.js';
import { displayPath } from './files.js';
import { questionKeyProblems, rubricRefProblems, type ScoreAt } from './load.js';
import { positionOf, problemAt, type SourceFile } from './yaml.js';
import { keyedRecord } from '../core/keyed.js';

/*
 * Consensus files (docs/files.md#consensus): one per vendor, `consensus/<vendor-id>.yaml` beside
 * the evaluations folder, holding what the panel agreed question by question.
 */

/** The folder consensus files live in for an evaluations folder: `consensus/` beside it. */
export function consensusFolderFor(evaluations: string): string {
  return path.join(path.dirname(path.resolve(evaluations)), 'consensus');
}

/**
 * The `consensus/` folders beside the folders named `evaluations` among the paths (the layout
 * `init` makes), when they exist and are not among the paths already. Only beside a folder of
 * that name: a folder of fixtures or projects may well have an unrelated `consensus/` beside it.
 */
export function siblingConsensusFolders(paths: readonly string[]): string[] {
  const named = new Set(paths.map((p) => path.resolve(p)));
  const out = new Set<string>();
  for (const p of paths) {
    if (path.basename(path.resolve(p)) !== 'evaluations' || !isDir(p)) continue;
    const c = consensusFolderFor(p);
    if (!named.has(c) && !named.has(path.dirname(c)) && isDir(c)) out.add(displayPath(c));
  }
  return [...out];
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Is this parsed file a consensus file (it holds `agreed:`)? Read from the data, so the fast path builds no Document. */
export function looksLikeConsensus(src: SourceFile): boolean {
  const data = asRecord(src.data);
  return data !== undefined && Object.prototype.hasOwnProperty.call(data, 'agreed');
}

/** An agreed entry's score is its `score:`. */
const agreedScore: ScoreAt = { score: (raw) => asRecord(raw)?.score, at: () => ['score'] };

/** Validates one consensus file against the rubric: the schema, then the rubric's questions, scale and step. */
export function consensusFromSource(src: SourceFile, rubric: Rubric): { consensus?: Consensus; problems: Problem[] } {
  const { value, problems } = validateSource(src, consensusSchema, (d) => consensusSchema.safeParse(d, { reportInput: true }));
  const data = asRecord(src.data);
  if (data) {
    problems.push(...rubricRefProblems(src, data, rubric, 'the scores were agreed'));
    problems.push(...questionKeyProblems(src, rubric, 'agreed', agreedScore));
  }
  if (!value || problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    return { problems };
  }
  const agreed: Record<string, Agreement> = keyedRecord();
  for (const [qid, a] of Object.entries(value.agreed)) {
    agreed[qid] = { score: a.score ?? null, reason: a.reason, by: typeof a.by === 'string' ? [a.by] : a.by, date: a.date };
  }
  return { consensus: { file: src.file, vendor: value.vendor, agreed }, problems: [] };
}

/** Cross-file rules: the vendor must be one the evaluations name, and have one consensus file. */
export function consensusVendorProblems(list: ReadonlyArray<{ consensus: Consensus; src: SourceFile }>, vendors: ReadonlySet<string>): { kept: Consensus[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const kept: Consensus[] = [];
  const first = new Map<string, string>();
  for (const { consensus: c, src } of list) {
    const at = () => positionOf(src, ['vendor']);
    if (!vendors.has(c.vendor)) {
      problems.push(problemAt(src.file, at(), `unknown vendor ${quote(c.vendor)}: no evaluation names it (consensus files name the vendor by its id)`, 'unknown-vendor'));
      continue;
    }
    const earlier = first.get(c.vendor);
    if (earlier !== undefined) {
      problems.push(problemAt(src.file, at(), `vendor ${clip(c.vendor)} already has a consensus file, ${clip(earlier)}; keep one file per vendor`, 'duplicate-consensus'));
      continue;
    }
    first.set(c.vendor, src.file);
    kept.push(c);
  }
  return { kept, problems };
}
