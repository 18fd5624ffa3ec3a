import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../errors.js';

export type PathSegment = string | number;

/** A parsed YAML file that still knows where each value came from. */
export interface SourceFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
}

export interface Position {
  line: number;
  col: number;
}

export function problemAt(file: string, pos: Position, message: string, code: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line: pos.line, col: pos.col, severity, code, message };
}

/** Parses YAML 1.2 (core schema) keeping source positions. Returns problems instead of throwing. */
export function parseYaml(file: string, text: string): { source?: SourceFile; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    version: '1.2',
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const problems: Problem[] = [];
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    problems.push(problemAt(file, pos, firstLine(err.message), 'yaml-syntax'));
  }
  if (problems.length > 0) return { problems };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return { source: { file, doc, lines, data }, problems };
}

function firstLine(s: string): string {
  const line = s.split('\n', 1)[0] ?? s;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * Finds the node at `path`. With `key`, returns the key of the last segment (for
 * "unknown key" messages). Stops at the deepest node that exists.
 */
export function nodeAt(src: SourceFile, path: readonly PathSegment[], key = false): Node | null {
  let node: unknown = src.doc.contents;
  let last: Node | null = (node as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) return last;
      if (key && i === path.length - 1) return (pair.key as Node) ?? last;
      // `push-back:` with nothing after it has a null value node; point at the key then.
      node = pair.value ?? pair.key;
      if (pair.value === null || (isScalar(pair.value) && pair.value.range?.[0] === pair.value.range?.[1])) {
        node = pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return last;
      node = item;
    } else {
      return last;
    }
    last = (node as Node) ?? last;
  }
  return last;
}

export function positionOf(src: SourceFile, path: readonly PathSegment[], key = false): Position {
  const node = nodeAt(src, path, key);
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, col: 1 };
  return src.lines.linePos(offset);
}
