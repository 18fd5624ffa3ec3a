import { LAYOUT } from './yaml-messages.js';
import { skipQuoted } from './yaml-scan.js';

/**
 * Says what is wrong with the indentation when the YAML parser has found a syntax error. The
 * parser reports an indentation slip where it notices it (often the value on the line above) and
 * then every line after it that no longer fits; a person needs the one line that is out of place
 * and how far to move it. This walks the lines once, keeping the columns of the open blocks (keys
 * whose values are indented below them, list items), and finds the first line that fits none.
 *
 * It speaks only about what it understands (block mappings and lists, plain, quoted and block
 * scalars, one-line flow collections) and only near the parser's error: a file with a construct
 * it does not follow, or an error it does not explain, keeps the parser's own sentence.
 */

export interface LayoutProblem {
  /** Offset of the character to point at. */
  offset: number;
  message: string;
}

interface Line {
  no: number;
  start: number;
  /** Offset of the first character that is not a space or tab. */
  at: number;
  indent: number;
  content: string;
  /** Offset of a tab in the leading whitespace, or -1. */
  tab: number;
  mixed: boolean;
}

/** An open block collection: the column its keys or dashes start at, and the last line at that column. */
interface Level {
  col: number;
  kind: 'map' | 'seq';
  line: number;
  /** A list written at its key's own column (`key:` then `- item` below it, not indented). */
  compact?: boolean;
  /** For the first block under a key that ends with a colon: that key's column. */
  opener?: number;
  /** How many lines sit at this column so far. */
  lines: number;
  /** A mapping that starts after "- " on a list item's line: that line. */
  itemLine?: number;
}

/** What the last line that was judged left open or closed. */
interface Prev {
  no: number;
  at: number;
  indent: number;
  /** Column of the key (or dash) that owns the value, for continuation lines and hints. */
  owner: number;
  value: 'open' | 'plain' | 'closed';
  /** The open levels just before this line was read: a line can return to one of them. */
  before: Level[];
  /** The line above this one ended with a colon at this line's own column (so its value was left empty). */
  under?: number | undefined;
}

type Value = 'open' | 'plain' | 'closed' | 'block' | { open: number } | 'unknown';

/** `key:` at the start of `s` (plain or quoted): the index just past the colon, or -1. */
export function keyEnd(s: string): number {
  let i = 0;
  if (s[0] === '"' || s[0] === "'") {
    i = skipQuoted(s, 1, s.length, s[0]);
    if (i > s.length) return -1;
    while (s[i] === ' ' || s[i] === '\t') i++;
    return s[i] === ':' && (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t') ? i + 1 : -1;
  }
  if (/^[#&*!|>%@`,[\]{}"']/.test(s) || /^[-?:](?:[ \t]|$)/.test(s)) return -1;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '#' && (s[i - 1] === ' ' || s[i - 1] === '\t')) return -1;
    if (c === ':' && (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) return i + 1;
  }
  return -1;
}

/** A key glued to its value (`score:4`), the commonest slip after indentation. */
const NO_SPACE = /^[A-Za-z0-9_][\w.-]*:(?![/:\s])\S/;

/** The value that `rest` (the text after `key:` or `- `) starts; a quote left open says where it opened. */
function valueOf(rest: string): Value {
  const r = rest.replace(/^(?:[&!]\S*[ \t]+)+/, '');
  if (r === '' || r.startsWith('#')) return r === rest ? 'open' : 'unknown';
  if (r[0] === '|' || r[0] === '>') return 'block';
  if (r[0] === '"' || r[0] === "'") {
    const q = skipQuoted(r, 1, r.length, r[0]);
    return q > r.length ? { open: rest.length - r.length } : 'closed';
  }
  if (r[0] === '[' || r[0] === '{') return balanced(r) ? 'closed' : 'unknown';
  if (/^[-?:](?:[ \t]|$)/.test(r)) return 'unknown';
  return 'plain';
}

/** Does a flow collection close on its own line? (Brackets inside quotes do not count.) */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") {
      i = skipQuoted(s, i + 1, s.length, c) - 1;
      if (i >= s.length) return false;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#' && (s[i - 1] === ' ' || s[i - 1] === '\t')) break;
  }
  return depth === 0;
}

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  for (let no = 1; start <= text.length; no++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(raw)![0];
    const tab = lead.indexOf('\t');
    const mixed = tab >= 0 && / /.test(lead);
    yield { no, start, at: start + lead.length, indent: tab < 0 ? lead.length : tab, content: raw.slice(lead.length), tab: tab < 0 ? -1 : start + tab, mixed };
    start = end + 1;
  }
}

/** A block scalar (`|` or `>`): the line that opens it, the column of its key, and its text lines. */
interface Block {
  line: number;
  owner: number;
  indent?: number;
  first?: number;
  last?: number;
}

/**
 * The one indentation mistake that explains a syntax error the parser found on `errorLine`, or
 * undefined when the layout gives no clear answer there.
 */
export function explainLayout(text: string, errorLine: number): LayoutProblem | undefined {
  const walk = new LayoutWalk(text);
  for (const line of linesOf(text)) {
    // A line after the error read as it should: whatever comes later is not what the parser meant.
    if (walk.lastJudged > errorLine) return undefined;
    const r = walk.next(line);
    if (r === 'stop') return undefined;
    if (r === undefined) continue;
    // A finding counts only where the parser stopped: on the line before its error (a value the
    // parser blames on the line below), on it, or after it with only continuation lines between.
    return r.seen >= errorLine - 1 ? { offset: r.offset, message: r.message } : undefined;
  }
  return undefined;
}

type Step = undefined | 'stop' | { seen: number; offset: number; message: string };

class LayoutWalk {
  private readonly levels: Level[] = [];
  /** Every line judged so far (continuation lines are not), latest last. */
  private readonly history: Prev[] = [];
  /** The block scalar being read, and the last one read (a line after it may have been meant as more of its text). */
  private block: Block | undefined;
  private lastBlock: Block | undefined;
  private skipTo = 0; // inside a quoted scalar that runs over several lines: up to this offset
  private started = false;
  /** How far the file indents a block under its key (the first time it does). */
  private step: number | undefined;

  constructor(private readonly text: string) {}

  private get prev(): Prev | undefined {
    return this.history[this.history.length - 1];
  }

  get lastJudged(): number {
    return this.prev?.no ?? 0;
  }

  next(line: Line): Step {
    if (line.start < this.skipTo || line.content === '' || line.content.startsWith('#')) return undefined;
    if (this.block) {
      const b = this.blockLine(line, this.block);
      if (b !== 'out') return b;
      this.block = undefined;
    }
    if (line.indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(line.content)) return this.started || line.content.startsWith('...') ? 'stop' : undefined;
    if (!this.started && line.indent === 0 && line.content.startsWith('%')) return undefined;
    if (line.tab >= 0) return at(line, line.tab, line.mixed ? LAYOUT.mixed(line.no) : LAYOUT.tab(line.no));
    this.started = true;
    const isItem = /^-(?:[ \t]|$)/.test(line.content);
    const key = isItem ? -1 : keyEnd(line.content);
    const before = this.levels.map((l) => ({ ...l }));
    const top = this.levels[this.levels.length - 1];
    const prev = this.prev;
    let verdict: Step | 'continued';
    if (!top || !prev) {
      if (!isItem && key < 0) return NO_SPACE.test(line.content) ? at(line, line.at + line.content.indexOf(':'), LAYOUT.noSpace(line.no)) : 'stop';
      this.levels.push({ col: line.indent, kind: isItem ? 'seq' : 'map', line: line.no, lines: 0 });
    } else if (line.indent > top.col && line.indent > prev.owner) {
      verdict = this.deeper(line, prev, isItem, key);
    } else {
      verdict = this.aligned(line, prev, isItem, key);
    }
    if (verdict === 'continued') return undefined;
    if (verdict !== undefined) return verdict;
    return this.opens(line, isItem, key, before);
  }

  /** Is the line part of the block scalar being read, or past its end, or a line that should have been part of it? */
  private blockLine(line: Line, b: Block): 'out' | Step {
    if (line.indent <= b.owner) return 'out';
    if (b.indent === undefined) {
      if (line.tab >= 0) return 'out'; // a tab where the text's indentation is set: said as a tab below
      b.indent = line.indent;
      b.first = line.no;
    } else if (line.indent < b.indent) {
      return (keyEnd(line.content) >= 0 ? this.outOfPlace(line) : undefined) ?? at(line, line.at, LAYOUT.blockLess(line.no, b.first!));
    } else if (line.tab >= 0 && line.indent < b.indent) {
      return 'out';
    }
    b.last = line.no;
    return undefined;
  }

  /** A line indented past every open block: the value of an open key, more of a plain value, or a mistake. */
  private deeper(line: Line, prev: Prev, isItem: boolean, key: number): Step | 'continued' {
    if (prev.value === 'open') {
      if (isItem || key >= 0) {
        this.levels.push({ col: line.indent, kind: isItem ? 'seq' : 'map', line: line.no, opener: prev.owner, lines: 0 });
        this.step ??= line.indent - prev.owner;
        return undefined;
      }
      if (NO_SPACE.test(line.content)) return at(line, line.at + line.content.indexOf(':'), LAYOUT.noSpace(line.no));
      this.history[this.history.length - 1] = { ...prev, value: 'plain' }; // a value on the line below its key
      return 'continued';
    }
    if (prev.value === 'plain' && key < 0) return 'continued'; // the plain value goes on (YAML folds it into one line)
    const top = this.levels[this.levels.length - 1]!;
    return this.outOfPlace(line) ?? this.firstOfBlock(line, top.line === prev.no ? top : undefined) ?? at(line, line.at, LAYOUT.more(line.no, prev.no, prev.owner, prev.owner !== prev.indent));
  }

  /** A line at or left of the innermost open block: it must line up with one of them, as the same kind of line. */
  private aligned(line: Line, prev: Prev, isItem: boolean, key: number): Step {
    const c = line.indent;
    const popped: Level[] = [];
    while (this.levels.length > 0 && this.levels[this.levels.length - 1]!.col > c) popped.push(this.levels.pop()!);
    let level = this.levels[this.levels.length - 1];
    if (level && level.col === c && level.kind === 'seq' && level.compact && !isItem) {
      this.levels.pop();
      level = this.levels[this.levels.length - 1];
    }
    const lastSeq = popped.find((l) => l.kind === 'seq');
    const lastMap = popped.find((l) => l.kind === 'map');
    if (!level || level.col !== c) {
      const seq = lastSeq ?? (level?.kind === 'seq' ? level : undefined);
      if (isItem && seq) return at(line, line.at, LAYOUT.item(line.no, seq.col, seq.line));
      const misplaced = this.outOfPlace(line) ?? this.firstOfBlock(line, popped[popped.length - 1]) ?? this.firstOfBlock(line, level);
      if (misplaced) return misplaced;
      const first = this.history[0]!;
      if (!level && first.indent > c) return { seen: line.no, offset: first.at, message: LAYOUT.first(first.no) };
      if (prev.value === 'open' && !isItem) {
        const below = this.lineAfter(line);
        const col = below && below.indent > prev.owner ? below.indent : prev.owner + (this.step ?? 2);
        return at(line, line.at, LAYOUT.under(line.no, prev.no, col, below && below.indent === col ? below.no : undefined));
      }
      if (!isItem && key < 0) {
        const text = this.notKey(line, prev);
        if (text !== 'stop') return text;
      }
      const options = nearest(popped, level);
      return options.length > 0 ? at(line, line.at, LAYOUT.between(line.no, c, options)) : 'stop';
    }
    if (level.kind === 'map' && isItem) {
      if (prev.value === 'open' && prev.owner === c && prev.no === level.line) {
        this.levels.push({ col: c, kind: 'seq', line: line.no, compact: true, lines: 0 });
        return undefined;
      }
      return lastSeq ? at(line, line.at, LAYOUT.item(line.no, lastSeq.col, lastSeq.line)) : 'stop';
    }
    if (level.kind === 'map' && key < 0) {
      if (NO_SPACE.test(line.content)) return at(line, line.at + line.content.indexOf(':'), LAYOUT.noSpace(line.no));
      return this.notKey(line, prev);
    }
    if (level.kind === 'seq' && !isItem) return lastMap && key >= 0 ? at(line, line.at, LAYOUT.keyAtDash(line.no, lastMap.col, lastMap.line, lastMap.line === lastMap.itemLine)) : 'stop';
    return undefined;
  }

  /**
   * The line above that is out of place when a line at `col` fits nowhere: the last line
   * indented less than `col` (every line since is inside it), when the block at `col` was open
   * above it (it left that block too early) or when it lines up with a key ending in a colon
   * just above it (it should have gone under that key).
   */
  private outOfPlace(line: Line): Step {
    const col = line.indent;
    for (let i = this.history.length - 1; i >= 0; i--) {
      const h = this.history[i]!;
      if (h.indent > col) continue;
      if (h.indent === col) return undefined;
      if (h.before.some((l) => l.col === col)) return { seen: line.no, offset: h.at, message: LAYOUT.less(h.no, col, line.no) };
      if (h.under !== undefined) return { seen: line.no, offset: h.at, message: LAYOUT.under(h.no, h.under, col, line.no) };
      return undefined;
    }
    return undefined;
  }

  /**
   * The first line of a block indented its own way, found by the line below it: when that line
   * is indented as the file indents blocks under a key and the first line is not, the first
   * line is the odd one.
   */
  private firstOfBlock(line: Line, level: Level | undefined): Step {
    if (!level || level.lines !== 1 || level.opener === undefined || this.step === undefined) return undefined;
    if (line.indent - level.opener !== this.step || level.col - level.opener === this.step) return undefined;
    const h = this.history.find((x) => x.no === level.line);
    return h ? { seen: line.no, offset: h.at, message: LAYOUT.align(h.no, line.indent, line.no) } : undefined;
  }

  /** The next line that holds something, for a hint that depends on it. */
  private lineAfter(line: Line): { no: number; indent: number } | undefined {
    let start = this.text.indexOf('\n', line.start);
    for (let no = line.no + 1; start >= 0; no++) {
      const end = this.text.indexOf('\n', start + 1);
      const raw = this.text.slice(start + 1, end < 0 ? undefined : end);
      const content = raw.trimStart();
      if (content !== '' && !content.startsWith('#') && content !== '\r') return { no, indent: raw.length - content.length };
      start = end;
    }
    return undefined;
  }

  /** The message for a line that is not a key where keys are, when it may have been meant to go on with the text above. */
  private notKey(line: Line, prev: Prev): Step {
    const b = this.lastBlock;
    if (b && b.line === prev.no && b.indent !== undefined) return at(line, line.at, LAYOUT.notKey(line.no, b.indent, `like line ${b.last!}`));
    if (prev.value === 'plain' || (b && b.line === prev.no)) return at(line, line.at, LAYOUT.notKey(line.no, prev.owner + 2, `to go on with the value on line ${prev.no}`));
    return 'stop';
  }

  /** What the line leaves open for the lines below it. */
  private opens(line: Line, isItem: boolean, key: number, before: Level[]): Step {
    const c = line.indent;
    const prev = this.prev;
    const own = this.levels[this.levels.length - 1]!;
    own.line = line.no;
    own.lines++;
    let owner = c;
    let rest: string;
    if (isItem) {
      const dash = /^-[ \t]*/.exec(line.content)![0];
      rest = line.content.slice(dash.length);
      if (/^[-?](?:[ \t]|$)/.test(rest)) return 'stop';
      const k = keyEnd(rest);
      if (k >= 0) {
        owner = c + dash.length;
        this.levels.push({ col: owner, kind: 'map', line: line.no, lines: 1, itemLine: line.no });
        rest = rest.slice(k);
      }
    } else {
      rest = line.content.slice(key);
    }
    rest = rest.replace(/^[ \t]+/, '');
    const value = valueOf(rest);
    if (value === 'unknown') return 'stop';
    if (typeof value === 'object') {
      // A quoted value that goes on over the next lines: skip to its closing quote.
      const from = line.at + line.content.length - rest.length + value.open + 1;
      this.skipTo = skipQuoted(this.text, from, this.text.length, rest[value.open]!);
      if (this.skipTo > this.text.length) return 'stop';
    }
    if (value === 'block') this.block = this.lastBlock = { line: line.no, owner };
    const under = !isItem && prev?.value === 'open' && prev.owner === c ? prev.no : undefined;
    this.history.push({ no: line.no, at: line.at, indent: c, owner, value: value === 'open' || value === 'plain' ? value : 'closed', before, under });
    return undefined;
  }
}

/** A finding on the line being read. */
function at(line: Line, offset: number, message: string): Step {
  return { seen: line.no, offset, message };
}

/** Where a line between two levels could go: the level of the line above it, and the nearest other one. */
function nearest(popped: readonly Level[], below: Level | undefined): { spaces: number; line: number; key: boolean }[] {
  const above = popped[0];
  const other = popped.length > 1 ? popped[popped.length - 1] : below;
  return [above, other].filter((l): l is Level => l !== undefined).map((l) => ({ spaces: l.col, line: l.line, key: l.line === l.itemLine }));
}
