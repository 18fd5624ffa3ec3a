/** Writes a judgments file (docs/files.md#judgments) as a session fills it: whole, atomically, after every answer. */
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { JudgmentsFile } from '../schema/judgments.js';
import { writeFileAtomic } from './atomic.js';

const HEADER = ` Judgments for vendorscore weights (docs/files.md, "Judgments"), saved as each one was given.
 null: not judged yet. Derive and check the weights with: vendorscore weights --from <this file>`;

export function judgmentsText(p: JudgmentsFile): string {
  const doc = new Document(p);
  doc.commentBefore = HEADER;
  // Rows of a matrix and BWM vectors on one line each: the file reads as the matrix it is.
  const flow = (key: string) => {
    const node = doc.get(key, true);
    if (!isSeq(node)) return;
    if (key === 'matrix') for (const row of node.items) (row as { flow?: boolean }).flow = true;
    else node.flow = true;
  };
  for (const key of ['matrix', 'criteria', 'order', 'best-to-others', 'others-to-worst']) flow(key);
  // Fractions in quotes, as the format writes them ("1/3"): plain 1/3 would read the same, but looks like a number.
  visit(doc, { Scalar: (_, node) => void (isScalar(node) && typeof node.value === 'string' && node.value.includes('/') && (node.type = 'QUOTE_DOUBLE')) });
  return doc.toString({ lineWidth: 0 });
}

export function saveJudgments(file: string, p: JudgmentsFile): void {
  writeFileAtomic(file, judgmentsText(p));
}
