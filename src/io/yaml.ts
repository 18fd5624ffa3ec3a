import { LineCounter, isAlias, type YAMLError, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem } from '../errors.js';
import { clip, problemText, quote, safeText } from '../text/sanitize.js';
import { loneCarriageReturn, positionIn, type Position } from './text-checks.js';
import { explainLayout } from './yaml-layout.js';
import { isBreak, isSpace, skipQuoted } from './yaml-scan.js';
import { YAML_SYNTAX, yamlErrorMessage } from './yaml-messages.js';

export type PathSegment = string | number;

/** A parsed YAML file that still knows where each value came from. */
export interface SourceFile {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
  /** positionOf without the Document, where a faster reader can tell (src/io/load.ts); undefined: ask the Document. */
  position?: (path: readonly PathSegment[], key: boolean) => Position | undefined;
}

export type { Position };

/**
 * Rubric and evaluation files need six levels at most; 32 leaves room for any honest layout
 * while keeping every recursive walk (the YAML composer, toJS, zod) far from the stack limit.
 */
export const MAX_DEPTH = 32;

/** Keys that mean something to JavaScript objects; a file has no business setting them. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** YAML 1.2 core-schema tags: writing one out is pointless but harmless. Anything else is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** A located problem. Messages quote keys and values (cut by quote() and clip()), so they pass through the sanitiser here, once for all callers. */
export function problemAt(file: string, pos: Position, message: string, code: string, severity: Problem['severity'] = 'error'): Problem {
  return { file: safeText(file), line: pos.line, col: pos.col, severity, code, message: problemText(message) };
}

export interface ParseOptions {
  maxDepth?: number;
}

/**
 * Parses YAML 1.2 (core schema, whatever a `%YAML` directive says) keeping source positions.
 * Refuses what vendorscore files never need and an attacker could use: nesting beyond
 * MAX_DEPTH (checked before parsing), several documents, aliases and anchors, merge keys,
 * custom tags, non-text keys, duplicate keys (`1` and `"1"` are the same key once loaded) and
 * keys JavaScript treats specially. Returns problems instead of throwing.
 */
export function parseYaml(file: string, text: string, opts: ParseOptions = {}): { source?: SourceFile; problems: Problem[] } {
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  // The parser counts only LF as a line break: after a lone CR every position would be wrong.
  const cr = loneCarriageReturn(text);
  if (cr) return { problems: [problemAt(file, positionIn(text, cr.offset), cr.message, cr.code)] };
  const open = { quote: -1 };
  const deep = findExcessiveNesting(text, maxDepth, open);
  if (deep >= 0) {
    return { problems: [problemAt(file, positionIn(text, deep), `nesting is deeper than ${maxDepth} levels; vendorscore files need only a few`, 'too-deep')] };
  }
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter: lines,
      version: '1.2',
      schema: 'core',
      merge: false,
      // The library's own check is quadratic in the number of keys; checkNodes does it in linear time.
      uniqueKeys: false,
      prettyErrors: false,
      strict: true,
    }) as Document.Parsed[];
  } catch (e) {
    // The depth scan should make this unreachable; a parser failure is still a problem in the file, not a crash.
    return { problems: [problemAt(file, { line: 1, col: 1 }, YAML_SYNTAX.unparsable, 'yaml-syntax')] };
  }
  const doc = docs[0];
  if (!doc || isEmptyScalar(doc.contents)) {
    const what = text.replace(/^\ufeff/, '').trim() === '' ? 'is empty' : 'holds only comments';
    return { problems: [problemAt(file, { line: 1, col: 1 }, `${what}; expected a mapping of key: value lines (an evaluation or a rubric)`, 'empty')] };
  }
  const problems: Problem[] = [];
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  // One syntax error a file: after the first, the parser's view of the rest is guesswork.
  if (first) problems.push(syntaxProblem(file, text, lines, first, open.quote));
  if (docs.length > 1) {
    const start = docs[1]!.range[0];
    problems.push(problemAt(file, lines.linePos(start), `holds ${docs.length} YAML documents (separated by ---); put one evaluation or rubric in each file`, 'several-documents'));
  }
  if (problems.length > 0) return { problems };

  const top = doc.contents;
  if (!isMap(top)) {
    // What the value is, never what it says: a file that is not ours (a .env file, a key) must not be printed.
    const kind = isSeq(top) ? 'a list' : isScalar(top) ? 'a single value' : 'something else';
    const pos = top?.range ? lines.linePos(top.range[0]) : { line: 1, col: 1 };
    return { problems: [problemAt(file, pos, `the top level must be a mapping of key: value lines, not ${kind}`, 'not-a-mapping')] };
  }
  problems.push(...checkNodes(file, top, lines, text));
  if (problems.length > 0) return { problems };

  let data: unknown;
  try {
    // No aliases are left, so nothing can expand; maxAliasCount 0 makes sure of it.
    data = doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch (e) {
    return { problems: [problemAt(file, { line: 1, col: 1 }, YAML_SYNTAX.unreadable, 'yaml-syntax')] };
  }
  return { source: { file, doc, lines, data }, problems };
}

/** The first syntax error, said plainly: an open quote where it opened, a layout slip at the line to move, else the parser's error at its place. */
function syntaxProblem(file: string, text: string, lines: LineCounter, err: YAMLError, openQuote: number): Problem {
  // The parser notices a missing closing quote at the end of the file; say where it opened.
  if (err.code === 'MISSING_CHAR' && /quote/.test(err.message) && openQuote >= 0) return problemAt(file, positionIn(text, openQuote), YAML_SYNTAX.openQuote, 'yaml-syntax');
  const at = lines.linePos(err.pos[0]);
  const layout = explainLayout(text, at.line);
  if (layout) return problemAt(file, positionIn(text, layout.offset), layout.message, 'yaml-syntax');
  return problemAt(file, at, yamlErrorMessage(err.code, err.message), 'yaml-syntax');
}

function isEmptyScalar(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null && !n.source && (n.range?.[0] ?? 0) === (n.range?.[1] ?? 0));
}

/** The key as it appears once loaded into a JavaScript object: `1`, `1.0` and `"1"` are all "1". */
function loadedKey(key: Node): string {
  if (!isScalar(key)) return '';
  return key.value === null ? '' : String(key.value);
}

/** Walks every node once (iteratively) and reports what parseYaml refuses. Linear in the file's size. */
function checkNodes(file: string, root: Node, lines: LineCounter, text: string): Problem[] {
  const problems: Problem[] = [];
  const at = (n: { range?: readonly number[] | null | undefined } | null | undefined) => (n?.range ? lines.linePos(n.range[0]!) : { line: 1, col: 1 });
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null || n === undefined) continue;
    if (isAlias(n)) {
      problems.push(problemAt(file, at(n), `aliases (*${clip(n.source)}) are not allowed; write the value out in full`, 'alias'));
      continue;
    }
    const node = n as Node;
    // The node's range starts after its properties: point at the `&name` or `!tag` itself.
    const before = (mark: string) => {
      const start = node.range?.[0] ?? 0;
      let k = text.lastIndexOf(mark, start);
      while (mark === '!' && k > 0 && text[k - 1] === '!') k--; // `!!binary` starts at its first `!`
      return k >= 0 && start - k < 4096 ? lines.linePos(k) : at(node);
    };
    if (node.anchor) problems.push(problemAt(file, before(`&${node.anchor}`), `anchors (&${clip(node.anchor)}) are not allowed; write each value out in full`, 'anchor'));
    if (node.tag && !CORE_TAGS.has(node.tag)) problems.push(problemAt(file, before('!'), `tags such as ${clip(tagName(node.tag))} are not allowed; write a plain value`, 'tag'));
    if (isMap(node)) {
      checkMap(file, node, at, problems);
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i]!;
        stack.push(pair.value);
        if (!isScalar(pair.key)) stack.push(pair.key);
        else if (pair.key.anchor || pair.key.tag) stack.push(pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        // `- a: 1` inside a flow sequence becomes a Pair; check both halves.
        if (isPair(item)) stack.push(item.value, item.key);
        else stack.push(item);
      }
    }
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return capRepeats(problems);
}

/** An alias bomb has hundreds of aliases: show a few of each kind, then one line saying how many more. */
const REPEAT_LIMIT = 5;
const REPEAT_NOUN: Record<string, string> = { alias: 'aliases', anchor: 'anchors', tag: 'tags', 'duplicate-key': 'duplicate keys', 'reserved-key': 'reserved keys', 'complex-key': 'non-text keys', 'merge-key': 'merge keys' };
function capRepeats(problems: Problem[]): Problem[] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  const shown = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of problems) {
    const n = (shown.get(p.code) ?? 0) + 1;
    shown.set(p.code, n);
    if (n <= REPEAT_LIMIT) out.push(p);
    else if (n === REPEAT_LIMIT + 1) out.push({ ...p, message: `${counts.get(p.code)! - REPEAT_LIMIT} more ${REPEAT_NOUN[p.code] ?? `"${p.code}" problems`} from here on (not listed)` });
  }
  return out;
}

function checkMap(file: string, map: YAMLMap, at: (n: { range?: readonly number[] | null | undefined } | null | undefined) => Position, problems: Problem[]): void {
  const seen = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    if (key !== null && !isScalar(key)) {
      const kind = isAlias(key) ? 'an alias' : isMap(key) ? 'a mapping' : isSeq(key) ? 'a list' : 'a complex value';
      problems.push(problemAt(file, at(key), `keys must be plain text, not ${kind}`, 'complex-key'));
      continue;
    }
    const k = key === null ? '' : loadedKey(key);
    const where = (key ?? pair.value) as Node | null;
    if (key !== null && k === '<<' && key.type === 'PLAIN') {
      problems.push(problemAt(file, at(where), 'merge keys (<<) are not allowed; write the keys out in full', 'merge-key'));
      continue;
    }
    if (RESERVED_KEYS.has(k)) {
      problems.push(problemAt(file, at(where), `the key ${quote(k)} is not allowed (it is reserved in JavaScript)`, 'reserved-key'));
      continue;
    }
    const first = seen.get(k);
    if (first) {
      const pos = at(first.key as Node);
      problems.push(problemAt(file, at(where), `duplicate key ${quote(k)} (first at line ${pos.line}); each key may appear once in a mapping`, 'duplicate-key'));
      continue;
    }
    seen.set(k, pair);
  }
}

function tagName(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * Finds where a YAML text nests deeper than `limit`, without parsing it: in one linear pass it
 * counts indentation levels, the nodes opened on one line (`- - x`, `? `, `key: `) and flow
 * brackets, skipping comments, quoted scalars and block scalars so that brackets inside text do
 * not count. The count can run a little high on odd layouts (harmless with a generous limit);
 * it is never fooled into running low by brackets in quotes. Returns the offset, or -1.
 */
export function findExcessiveNesting(text: string, limit: number, open?: { quote: number }): number {
  // Open block nodes: the column each starts at and its depth. A line indented to column c
  // is inside the innermost node that starts left of c.
  const cols: number[] = [];
  const depths: number[] = [];
  let depth = 0;
  let flow = 0; // open flow collections
  let flowBase = 0; // block depth where the flow collection started
  let flowNodeStart = false; // in flow, is the next token the start of a node?
  let quote = ''; // the open quote of a scalar that runs past the end of a line
  let quoteStart = -1;
  let blockScalar = -1; // indentation of the line that opened a | or > scalar
  const n = text.length;
  let i = 0;
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let p = i;
    // Block context: `start` expects a node, `plain` is inside a key or plain scalar.
    let state: 'start' | 'plain' = 'start';
    if (quote) {
      // A scalar that started on an earlier line is all this line holds until it closes.
      p = skipQuoted(text, p, end, quote);
      if (p > end) {
        i = end + 1;
        continue;
      }
      quote = '';
      state = 'plain';
      flowNodeStart = false;
    } else if (flow === 0) {
      let indent = 0;
      while (text[i + indent] === ' ') indent++;
      const first = text[i + indent];
      const blank = isBreak(first) || /^[ \t]*\r?$/.test(text.slice(i + indent, end));
      if (blockScalar >= 0) {
        if (blank || indent > blockScalar) {
          i = end + 1;
          continue;
        }
        blockScalar = -1;
      }
      if (blank || first === '#') {
        i = end + 1;
        continue;
      }
      p = i + indent;
      if (indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p)) && (isSpace(text[p + 3]) || isBreak(text[p + 3]))) {
        cols.length = 0;
        depths.length = 0;
        depth = 0;
        p += 3;
      } else {
        while (cols.length > 0 && cols[cols.length - 1]! >= indent) {
          cols.pop();
          depths.pop();
        }
        depth = (depths[depths.length - 1] ?? 0) + 1;
        if (depth > limit) return p;
        cols.push(indent);
        depths.push(depth);
      }
    }
    let afterIndicator = false; // a node starting later on this line is one level deeper
    // Past the quoted scalar opening at p; -1 when it goes on past this line (remembered for the next).
    const pastQuote = (c: string): number => {
      const q = skipQuoted(text, p + 1, end, c);
      if (q <= end) return q;
      quote = c;
      quoteStart = p;
      return -1;
    };
    while (p < end) {
      const c = text[p]!;
      if (flow > 0) {
        if (c === '[' || c === '{') {
          flow++;
          flowNodeStart = true;
          if (flowBase + flow > limit) return p;
        } else if (c === ']' || c === '}') {
          flow--;
          flowNodeStart = false;
          if (flow === 0) {
            state = 'plain';
            depth = flowBase;
          }
        } else if (c === ',' || ((c === ':' || c === '?') && (isSpace(text[p + 1]) || isBreak(text[p + 1])))) {
          flowNodeStart = true;
        } else if (c === '#' && (p === i || isSpace(text[p - 1]))) {
          break;
        } else if ((c === '"' || c === "'") && flowNodeStart) {
          const q = pastQuote(c);
          if (q < 0) break;
          p = q;
          flowNodeStart = false;
          continue;
        } else if (!isSpace(c) && c !== '\r') {
          flowNodeStart = false;
        }
        p++;
        continue;
      }
      if (state === 'start') {
        if (isSpace(c)) {
          p++;
          continue;
        }
        if (afterIndicator && c !== '&' && c !== '!' && c !== '#') {
          // `- - a:` or `key: [x]`: a node starting mid-line; lines indented past it are inside it.
          cols.push(p - i);
          depths.push(depth);
          afterIndicator = false;
        }
        if ((c === '-' || c === '?' || c === ':') && (isSpace(text[p + 1]) || isBreak(text[p + 1]))) {
          depth++;
          if (depth > limit) return p;
          afterIndicator = true;
          p++;
          continue;
        }
        if (c === '&' || c === '!') {
          while (p < end && !isSpace(text[p])) p++;
        } else if (c === '[' || c === '{') {
          flow = 1;
          flowBase = depth;
          flowNodeStart = true;
          if (flowBase + flow > limit) return p;
          p++;
        } else if (c === '"' || c === "'") {
          const q = pastQuote(c);
          if (q < 0) break;
          p = q;
          state = 'plain';
        } else if (c === '|' || c === '>') {
          let indent = 0;
          while (text[i + indent] === ' ') indent++;
          blockScalar = indent;
          break;
        } else if (c === '#') {
          break;
        } else {
          state = 'plain';
        }
        continue;
      }
      // plain: `key: ` opens a value on the same line; ` #` starts a comment.
      if (c === ':' && (isSpace(text[p + 1]) || isBreak(text[p + 1]))) {
        depth++;
        if (depth > limit) return p;
        state = 'start';
        afterIndicator = true;
      } else if (c === '#' && isSpace(text[p - 1])) {
        break;
      }
      p++;
    }
    if (depth > limit) return i;
    i = end + 1;
  }
  if (open) open.quote = quote ? quoteStart : -1;
  return -1;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** Per mapping, its pairs by key, built on first use so that locating N problems stays linear. */
const pairIndex = new WeakMap<YAMLMap, { size: number; byKey: Map<string, Pair> }>();

function pairOf(map: YAMLMap, seg: PathSegment): Pair | undefined {
  let index = pairIndex.get(map);
  // The interview edits documents in place; a changed mapping gets a fresh index.
  if (!index || index.size !== map.items.length) {
    const byKey = new Map<string, Pair>();
    for (const p of map.items) {
      const k = keyText(p.key);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, p as Pair);
    }
    index = { size: map.items.length, byKey };
    pairIndex.set(map, index);
  }
  return index.byKey.get(String(seg));
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
      const pair = pairOf(node, seg);
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
  const fast = src.position?.(path, key);
  if (fast) return fast;
  const node = nodeAt(src, path, key);
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, col: 1 };
  return src.lines.linePos(offset);
}
