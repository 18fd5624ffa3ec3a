/**
 * Puts derived area weights into a rubric's text, keeping its comments and layout: the yaml
 * Document API finds each area's weight scalar, and only those characters are replaced (every
 * other byte stays as written). A comment line above `areas:` says how they were derived.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** Marks the comment this writes, so a rerun replaces it instead of adding another. */
export const DERIVED_MARK = '# weights derived by vendorscore:';

/** Weights are written as points out of 100 with two decimals (docs/files.md#judgments). */
export function writtenWeight(share: number): number {
  return Math.round(share * 10_000) / 100;
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

export function withWeights(text: string, shares: Readonly<Record<string, number>>, how: string): string {
  const doc = parseDocument(text);
  const areas = doc.get('areas', true) as Node | undefined;
  if (!isSeq(areas) || !isMap(doc.contents)) throw new Error('a validated rubric has an areas list');
  const edits: Edit[] = [];
  for (const item of areas.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    const weight = item.get('weight', true) as Node | undefined;
    const share = typeof id === 'string' ? shares[id] : undefined;
    if (share === undefined || !isScalar(weight) || !weight.range) continue;
    edits.push({ from: weight.range[0], to: weight.range[1], text: String(writtenWeight(share)) });
  }
  const key = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'areas')?.key as Node | undefined;
  if (key?.range) edits.push(commentEdit(text, key.range[0], how));
  let out = text;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** The derivation comment on the line above `areas:`, replacing one written before. */
function commentEdit(text: string, keyAt: number, how: string): Edit {
  const lineStart = text.lastIndexOf('\n', keyAt - 1) + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const prevStart = lineStart === 0 ? -1 : text.lastIndexOf('\n', lineStart - 2) + 1;
  const previous = prevStart < 0 ? '' : text.slice(prevStart, lineStart).trimEnd();
  const line = `${DERIVED_MARK} ${how}${eol}`;
  return previous.startsWith(DERIVED_MARK) ? { from: prevStart, to: lineStart, text: line } : { from: lineStart, to: lineStart, text: line };
}
