/**
 * A fast reader for the plain YAML that vendorscore files are written in: block mappings and
 * lists, plain and quoted scalars (a plain one may run over several lines), and one-line flow
 * lists and mappings. It keeps no positions and builds no Document, so it is many times faster
 * than the full parser and loads none of its code.
 *
 * The contract: it returns the data only when the full reader (parseYaml in yaml.ts) would
 * return the very same data with no problem at all; for anything else (anchors, tags, block
 * scalars, several documents, tabs, a duplicate or reserved key, a key that is not text, a
 * number written in hex, anything it is not sure of) it returns undefined, and the caller takes
 * the full, located path, so every message stays exactly what it was. test/io/yaml-fast.test.ts
 * holds it to that on the bad-input catalogue and on thousands of fuzzed files.
 */

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Gives up: the full parser decides. */
class Bail extends Error {}
const BAIL = new Bail();

/** Any of these characters (tabs, control characters, odd breaks) sends the file to the full parser. */
// eslint-disable-next-line no-control-regex
const UNSURE_CHAR = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const LONE_CR = /\r(?!\n)/;

/**
 * Is the text one the reader leaves to the full parser whatever it holds: a character of
 * UNSURE_CHAR, or a CR alone? One class, not the class or the CR in one alternation, which
 * scans at half the speed (this reads every character of every file); most files have no CR.
 */
export function unsureText(text: string): boolean {
  return UNSURE_CHAR.test(text) || (text.includes('\r') && LONE_CR.test(text));
}
/** Characters that start something other than a plain scalar. */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
const MAX_DEPTH = 16;
/** The full parser refuses implicit keys over 1024 characters; stay well clear. */
const MAX_KEY = 1000;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', '<<']);

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Plain scalars the core schema reads as something this reader leaves to the full parser. */
const ODD_NUMBER = /^[-+]?(?:0[ox]|\.(?:inf|Inf|INF|nan|NaN|NAN)$)/;

/** A plain scalar as YAML 1.2's core schema reads it. */
function plainValue(s: string): Value {
  const c = s.charCodeAt(0);
  const digit = c >= 48 && c <= 57;
  // One digit: most scores.
  if (digit && s.length === 1) return c - 48;
  // Only a digit, a sign or a dot can start a number; only these letters (and ~) a null or a boolean.
  if (!(digit || c === 43 || c === 45 || c === 46)) {
    if (!(c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
    if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    return s;
  }
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  if (ODD_NUMBER.test(s)) throw BAIL;
  return s;
}

/** A mapping key: text only, once, and nothing JavaScript treats specially. */
function addKey(obj: Record<string, Value>, key: string, value: Value): void {
  if (key.length > MAX_KEY || RESERVED.has(key) || Object.prototype.hasOwnProperty.call(obj, key)) throw BAIL;
  obj[key] = value;
}

/**
 * The text of a value as a string of its own. A slice of a string shares the whole string's
 * memory in V8, so every note read would keep its file's text alive after loading: 43 MB on a
 * workspace of 5,000 files. Slicing a concatenation copies (V8 flattens it first), for about
 * 10 ms over all those notes. Keys need none: a key is stored as a string of its own anyway.
 */
function own(v: Value): Value {
  return typeof v === 'string' && v.length > 12 ? (v + ' ').slice(0, -1) : v;
}

/**
 * Which values own() copies: every one (the data is kept), every one but an answer's notes (a
 * loader that drops them as soon as the file is read: keepNotes false), or none (data that dies
 * with its text, such as a reading made only to locate problems). Only memory differs: the
 * values are the same strings either way.
 */
export type Copies = 'all' | 'not-notes' | 'none';

/** Integer keys written plainly (rubric scale labels, guidance): 3 loads as the key "3". */
const CANONICAL_INT = /^(?:0|[1-9][0-9]{0,14})$/;

function plainKey(s: string): string {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57 && CANONICAL_INT.test(s)) return s;
  if (s === '' || INDICATOR.has(s[0]!) || s.includes(' #') || typeof plainValue(s) !== 'string') throw BAIL;
  return s;
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', a: '\x07', v: '\v', e: '\x1b', ' ': ' ', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Where a reading found each entry of a mapping or a list: its key's offset and its value's, as
 * the full parser's nodes would have them (-1: the value is empty, so messages point at the key;
 * UNSURE_AT: the value starts after a comment line, whose place the full parser decides).
 */
type Spots = WeakMap<object, Map<string | number, readonly [number, number]>>;
const UNSURE_AT = -2;

/**
 * What a reading records for an Outline (below): which block mapping map() is reading. The
 * document's, its `answers:` (when that is a block mapping), or one answer of it (a block mapping).
 */
type Rec = 0 | 1 | 2 | 3;
const NONE = 0;
const TOP = 1;
const ANSWERS = 2;
const ANSWER = 3;

/** An Outline's entries while the text is read: each entry's offset, as Spots resolve it (UNSURE_AT kept). */
interface OutlineOffsets {
  top: Map<string, number>;
  answers: Map<string, number> | undefined;
  /** Each answer's `flag:`, by question id. */
  flags: Map<string, number> | undefined;
}

class Reader {
  private readonly t: string;
  /** Set when positions are wanted (locateFast): every entry's offsets. */
  readonly spots: Spots | undefined;
  /** Where the value just read starts: set by value(), read by map() and seq(). */
  private at = -1;
  /** The current line: where it starts, where its content ends (before CR LF), its indentation. */
  private ls = 0;
  private le = 0;
  private ind = 0;
  private next = 0;
  eof = false;

  private readonly colons: NextIndex;
  private readonly comments: NextIndex;
  /** Set when an Outline is wanted (fastOutlined); `qid`: the answer being read. */
  readonly outline: OutlineOffsets | undefined;
  private qid = '';

  /** Where own() is needed (Copies): values copied at all, an answer's notes (`notes:` three maps deep) copied. */
  private readonly copies: boolean;
  private readonly copiesNotes: boolean;

  constructor(text: string, spots?: Spots, copies: Copies = 'all', outline = false) {
    this.t = text;
    this.spots = spots;
    this.outline = outline ? { top: new Map(), answers: undefined, flags: undefined } : undefined;
    this.copies = copies !== 'none';
    this.copiesNotes = copies === 'all';
    this.colons = new NextIndex(text, ':');
    this.comments = new NextIndex(text, ' #');
    this.load(0);
  }

  private spot(container: object, key: string | number, keyAt: number, valueAt: number): void {
    if (!this.spots) return;
    let m = this.spots.get(container);
    if (!m) this.spots.set(container, (m = new Map()));
    m.set(key, [keyAt, valueAt]);
  }

  /** An entry of a mapping an Outline holds: its offset as offsetIn resolves it (the key's for an empty value). */
  private mark(rec: Rec, key: string, keyAt: number, valueAt: number): void {
    const o = this.outline!;
    const at = valueAt === UNSURE_AT ? UNSURE_AT : valueAt < 0 ? keyAt : valueAt;
    if (rec === TOP) o.top.set(key, at);
    else if (rec === ANSWERS) o.answers!.set(key, at);
    else if (key === 'flag') (o.flags ??= new Map()).set(this.qid, at);
  }

  /** Moves to the line starting at `at`, skipping blank and comment-only lines. */
  private load(at: number): void {
    const t = this.t;
    for (;;) {
      if (at >= t.length) {
        this.eof = true;
        this.ls = this.le = this.next = t.length;
        this.ind = -1;
        return;
      }
      let nl = t.indexOf('\n', at);
      if (nl < 0) nl = t.length;
      let end = nl;
      if (end > at && t.charCodeAt(end - 1) === 13) end--;
      let i = at;
      while (i < end && t.charCodeAt(i) === 32) i++;
      if (i < end && t.charCodeAt(i) !== 35) {
        this.ls = at;
        this.le = end;
        this.ind = i - at;
        this.next = nl + 1;
        return;
      }
      at = nl + 1;
    }
  }

  /** The whole file: one block mapping at column 0 and nothing after it. */
  document(): Record<string, Value> {
    if (this.eof || this.ind !== 0) throw BAIL;
    const t = this.t;
    if (t.startsWith('---', this.ls) || t.startsWith('...', this.ls)) throw BAIL;
    const top = this.map(0, this.ls, 1, this.outline ? TOP : NONE);
    if (!this.eof) throw BAIL;
    return top;
  }

  /** A block mapping whose keys sit at column `indent`; the first key starts at `from`. `rec`: what it is for an Outline. */
  private map(indent: number, from: number, depth: number, rec: Rec = NONE): Record<string, Value> {
    if (depth > MAX_DEPTH) throw BAIL;
    const obj: Record<string, Value> = {};
    if (rec === ANSWERS) this.outline!.answers = new Map();
    let p = from;
    for (;;) {
      const t = this.t;
      if (t.startsWith('---', this.ls) || t.startsWith('...', this.ls)) throw BAIL;
      const { key, after } = this.key(p);
      if (rec === ANSWERS) this.qid = key;
      const inner = rec === TOP ? (key === 'answers' ? ANSWERS : NONE) : rec === ANSWERS ? ANSWER : NONE;
      addKey(obj, key, this.value(indent, after, depth, depth === 3 && key === 'notes' && !this.copiesNotes, inner));
      this.spot(obj, key, p, this.at);
      if (rec !== NONE) this.mark(rec, key, p, this.at);
      if (this.eof || this.ind < indent) return obj;
      if (this.ind > indent) throw BAIL;
      p = this.ls + this.ind;
    }
  }

  /** `key:` at p; returns the key and the offset just past the colon. */
  private key(p: number): { key: string; after: number } {
    const t = this.t;
    const c = t[p];
    if (c === '"' || c === "'") {
      const { value, end } = this.quoted(p);
      let q = end;
      while (q < this.le && t.charCodeAt(q) === 32) q++;
      if (t[q] !== ':' || !(q + 1 === this.le || t.charCodeAt(q + 1) === 32)) throw BAIL;
      if (value.length > MAX_KEY) throw BAIL;
      return { key: value, after: q + 1 };
    }
    const q = this.colon(p);
    if (q < 0) throw BAIL;
    return { key: plainKey(t.slice(p, q).trimEnd()), after: q + 1 };
  }

  /** What follows `key:` (at `p`) of a mapping at column `indent`; leaves the reader on the next line. `shared`: an inline value is not copied. */
  private value(indent: number, p: number, depth: number, shared: boolean, rec: Rec): Value {
    const t = this.t;
    while (p < this.le && t.charCodeAt(p) === 32) p++;
    if (p >= this.le || t.charCodeAt(p) === 35) {
      // Nothing on the line: a nested block, or null.
      const next = this.next;
      this.load(next);
      const start = this.ls === next ? this.ls + this.ind : UNSURE_AT;
      let v: Value = null;
      if (this.eof) v = null;
      else if (this.ind > indent) v = this.block(this.ind, depth + 1, rec);
      else if (this.ind === indent && this.isItem(this.ls + indent)) v = this.seq(indent, depth + 1);
      this.at = v === null ? -1 : start;
      return v;
    }
    const v = this.inline(indent, p, depth, shared);
    this.at = p;
    return v;
  }

  /** A scalar or flow collection starting at p on the current line, inside a block at column `indent`. */
  private inline(indent: number, p: number, depth: number, shared = false): Value {
    const v = this.inlineValue(indent, p, depth);
    return shared ? v : this.own(v);
  }

  private own(v: Value): Value {
    return this.copies ? own(v) : v;
  }

  private inlineValue(indent: number, p: number, depth: number): Value {
    const t = this.t;
    const c = t[p]!;
    if (c === '"' || c === "'" || c === '[' || c === '{') {
      const { value, end } = c === '"' || c === "'" ? this.quoted(p) : this.flow(p, depth + 1);
      this.lineEnd(end);
      this.load(this.next);
      return value;
    }
    if (c === '|' || c === '>') return this.blockScalar(indent, p);
    if (INDICATOR.has(c) && !((c === '-' || c === '?' || c === ':') && p + 1 < this.le && t.charCodeAt(p + 1) !== 32)) throw BAIL;
    return this.plain(indent, p);
  }

  /**
   * A literal (|) or folded (>) block scalar whose header is at p, its lines indented past
   * `indent`. Left to the full parser: an explicit indentation, more-indented or space-only
   * lines inside a folded one, an empty one, one that runs to the end of a file without a break.
   */
  private blockScalar(indent: number, p: number): string {
    const t = this.t;
    const literal = t[p] === '|';
    let chomp = t[p + 1];
    if (chomp === '-' || chomp === '+') p += 2;
    else {
      chomp = '';
      p++;
    }
    this.lineEnd(p);
    const lines: string[] = [];
    let at = this.next;
    let n = -1;
    let leading = 0;
    let leadingSpaces = 0;
    let trailing = 0;
    for (;;) {
      if (at >= t.length) break;
      const nl = t.indexOf('\n', at);
      if (nl < 0) throw BAIL;
      let end = nl;
      if (end > at && t.charCodeAt(end - 1) === 13) end--;
      let i = at;
      while (i < end && t.charCodeAt(i) === 32) i++;
      if (i === end) {
        // A line of spaces only: empty, unless it reaches past the content's indentation.
        if (n < 0) {
          leading++;
          leadingSpaces = Math.max(leadingSpaces, i - at);
        } else if (i - at > n) throw BAIL;
        else trailing++;
        at = nl + 1;
        continue;
      }
      const ind = i - at;
      if (n < 0) {
        if (ind <= indent || leadingSpaces > ind) throw BAIL;
        n = ind;
      } else if (ind < n) break;
      if (ind > n && !literal) throw BAIL;
      for (; trailing > 0; trailing--) lines.push('');
      lines.push(t.slice(at + n, end));
      at = nl + 1;
    }
    if (n < 0) throw BAIL;
    let body = '\n'.repeat(leading);
    if (literal) body += lines.join('\n');
    else {
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k]!;
        if (line === '') {
          body += '\n';
          continue;
        }
        body += line;
        if (k + 1 < lines.length && lines[k + 1] !== '') body += ' ';
      }
    }
    this.load(at);
    return chomp === '-' ? body : chomp === '+' ? `${body}\n${'\n'.repeat(trailing)}` : `${body}\n`;
  }

  /** Only spaces, or spaces then a comment, may follow a quoted scalar or a flow collection. */
  private lineEnd(p: number): void {
    const t = this.t;
    if (p < this.le && t.charCodeAt(p) !== 32) throw BAIL;
    while (p < this.le && t.charCodeAt(p) === 32) p++;
    if (p < this.le && t.charCodeAt(p) !== 35) throw BAIL;
  }

  /** A block node at column `indent`: a list or a mapping. */
  private block(indent: number, depth: number, rec: Rec = NONE): Value {
    if (this.isItem(this.ls + indent)) return this.seq(indent, depth);
    return this.map(indent, this.ls + indent, depth, rec);
  }

  private isItem(p: number): boolean {
    return this.t.charCodeAt(p) === 45 && (p + 1 === this.le || this.t.charCodeAt(p + 1) === 32);
  }

  /** A block list whose dashes sit at column `indent`. */
  private seq(indent: number, depth: number): Value[] {
    if (depth > MAX_DEPTH) throw BAIL;
    const out: Value[] = [];
    const t = this.t;
    while (!this.eof && this.ind === indent && this.isItem(this.ls + indent)) {
      let p = this.ls + indent + 1;
      while (p < this.le && t.charCodeAt(p) === 32) p++;
      if (p >= this.le || t.charCodeAt(p) === 35 || this.isItem(p)) throw BAIL;
      out.push(this.startsMap(p) ? this.map(p - this.ls, p, depth + 1) : this.inline(indent, p, depth));
      this.spot(out, out.length - 1, p, p);
    }
    if (!this.eof && this.ind > indent) throw BAIL;
    return out;
  }

  /** Does a `key: ` start at p (so a list item is a mapping)? Only plain keys are taken. */
  private startsMap(p: number): boolean {
    const t = this.t;
    const c = t[p]!;
    if (c === '"' || c === "'" || c === '[' || c === '{') {
      // A quoted key, or a flow collection that is a key: rare; the full parser decides.
      const close = c === '"' || c === "'" ? this.quoted(p).end : this.flow(p, MAX_DEPTH - 1).end;
      let q = close;
      while (q < this.le && t.charCodeAt(q) === 32) q++;
      if (t[q] === ':') throw BAIL;
      return false;
    }
    return this.colon(p) >= 0;
  }

  /** The first `: ` (or `:` at the end) of the current line from p, or -1. */
  private colon(p: number): number {
    return this.colonIn(p, this.le, this.le);
  }

  /** The first colon in [from, to) that ends a key: one followed by a space, or the last character of the line (`end`); -1 when there is none. */
  private colonIn(from: number, to: number, end: number): number {
    for (let q = this.colons.of(from); q >= 0 && q < to; q = this.colons.of(q + 1)) {
      if (q + 1 === end || this.t.charCodeAt(q + 1) === 32) return q;
    }
    return -1;
  }

  /**
   * A plain scalar from p, running on over the following lines indented past `indent` (folded:
   * one break is a space, n blank lines are n line feeds). Leaves the reader on the next line.
   */
  private plain(indent: number, p: number): Value {
    const t = this.t;
    let text = this.plainLine(p, this.le);
    if (text.comment) {
      this.load(this.next);
      return plainValue(text.value);
    }
    let value = text.value;
    let multi = false;
    for (;;) {
      // Count blank lines up to the next one with content.
      let at = this.next;
      let blanks = 0;
      let nextStart = -1;
      let nextEnd = -1;
      let nextInd = -1;
      let nextNl = -1;
      while (at < t.length) {
        let nl = t.indexOf('\n', at);
        if (nl < 0) nl = t.length;
        let end = nl;
        if (end > at && t.charCodeAt(end - 1) === 13) end--;
        let i = at;
        while (i < end && t.charCodeAt(i) === 32) i++;
        if (i < end) {
          nextStart = at;
          nextEnd = end;
          nextInd = i - at;
          nextNl = nl;
          break;
        }
        blanks++;
        at = nl + 1;
      }
      if (nextStart < 0) break;
      if (nextInd <= indent) {
        // The value ends here, and the line just found is the next one load() would find (unless it is a comment): no second scan.
        if (t.charCodeAt(nextStart + nextInd) === 35) break;
        this.ls = nextStart;
        this.le = nextEnd;
        this.ind = nextInd;
        this.next = nextNl + 1;
        return multi ? value : plainValue(value);
      }
      const first = t[nextStart + nextInd]!;
      if (first === '#' || INDICATOR.has(first)) throw BAIL;
      text = this.plainLine(nextStart + nextInd, nextEnd);
      value += blanks > 0 ? '\n'.repeat(blanks) : ' ';
      value += text.value;
      multi = true;
      this.ls = nextStart;
      this.le = nextEnd;
      this.next = nextEnd === t.length ? t.length : t.indexOf('\n', nextEnd) + 1 || t.length;
      if (text.comment) break;
    }
    this.load(this.next);
    return multi ? value : plainValue(value);
  }

  /** One line's part of a plain scalar in block context: up to a comment; no `: ` inside. */
  private plainLine(p: number, end: number): { value: string; comment: boolean } {
    const t = this.t;
    // A comment starts at a # after a space; a `: ` before it would make the line a key.
    const hash = this.comments.of(p);
    const comment = hash >= 0 && hash + 1 < end;
    const stop = comment ? hash : end;
    if (this.colonIn(p, stop + (comment ? 1 : 0), end) >= 0) throw BAIL;
    const value = t.slice(p, stop).trimEnd();
    if (value === '') throw BAIL;
    return { value, comment };
  }

  /** A quoted scalar that closes on this line; `end` is just past its closing quote. */
  private quoted(p: number): { value: string; end: number } {
    const t = this.t;
    const q = t[p]!;
    let out = '';
    let from = p + 1;
    let i = from;
    for (;;) {
      if (i >= this.le) throw BAIL;
      const c = t[i]!;
      if (c === q) {
        if (q === "'" && t[i + 1] === "'") {
          out += t.slice(from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        return { value: out + t.slice(from, i), end: i + 1 };
      }
      if (c === '\\' && q === '"') {
        out += t.slice(from, i);
        const e = t[i + 1];
        if (e === undefined || i + 1 >= this.le) throw BAIL;
        const n = HEX_LENGTH[e];
        if (n !== undefined) {
          const hex = t.slice(i + 2, i + 2 + n);
          if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw BAIL;
          const code = parseInt(hex, 16);
          if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) throw BAIL;
          out += String.fromCodePoint(code);
          i += 2 + n;
        } else {
          const s = ESCAPES[e];
          if (s === undefined) throw BAIL;
          out += s;
          i += 2;
        }
        from = i;
        continue;
      }
      i++;
    }
  }

  /** A flow list or mapping that closes on this line. */
  private flow(p: number, depth: number): { value: Value; end: number } {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.t;
    const list = t[p] === '[';
    const close = list ? ']' : '}';
    const out: Value[] = [];
    const obj: Record<string, Value> = {};
    let i = p + 1;
    const skip = () => {
      while (i < this.le && t.charCodeAt(i) === 32) i++;
      if (i >= this.le) throw BAIL;
    };
    skip();
    if (t[i] === close) return { value: list ? out : obj, end: i + 1 };
    for (;;) {
      skip();
      if (list) {
        const { value, end } = this.flowItem(i, depth);
        out.push(value);
        this.spot(out, out.length - 1, i, i);
        i = end;
      } else {
        const keyAt = i;
        const k = this.flowItem(i, depth, true);
        if (typeof k.value !== 'string') throw BAIL;
        i = k.end;
        skip();
        if (t[i] !== ':') throw BAIL;
        i++;
        if (i < this.le && t.charCodeAt(i) !== 32) throw BAIL;
        skip();
        const v = this.flowItem(i, depth);
        addKey(obj, k.value, v.value);
        this.spot(obj, k.value, keyAt, i);
        i = v.end;
      }
      skip();
      const c = t[i];
      if (c === close) return { value: list ? out : obj, end: i + 1 };
      if (c !== ',') throw BAIL;
      i++;
      skip();
      if (t[i] === close) return { value: list ? out : obj, end: i + 1 };
    }
  }

  /** One item of a flow collection: a nested collection, a quoted scalar or a plain one. */
  private flowItem(i: number, depth: number, key = false): { value: Value; end: number } {
    const t = this.t;
    const c = t[i]!;
    if (c === '[' || c === '{') {
      if (key) throw BAIL;
      return this.flow(i, depth + 1);
    }
    if (c === '"' || c === "'") {
      const r = this.quoted(i);
      if (key) return r;
      if (t[r.end] === ':') throw BAIL;
      return { value: this.own(r.value), end: r.end };
    }
    if (INDICATOR.has(c)) throw BAIL;
    let j = i;
    for (; j < this.le; j++) {
      const d = t[j]!;
      if (d === ',' || d === ']' || d === '}' || d === '[' || d === '{') break;
      if (d === '#' && t.charCodeAt(j - 1) === 32) throw BAIL;
      if (d === ':') {
        const e = t[j + 1];
        if (j + 1 >= this.le || e === ' ' || e === ',' || e === ']' || e === '}' || e === '[' || e === '{') break;
      }
    }
    if (t[j] === '[' || t[j] === '{') throw BAIL;
    const s = t.slice(i, j).trimEnd();
    if (s === '') throw BAIL;
    if (key) return { value: plainKey(s), end: j };
    if (t[j] === ':') throw BAIL;
    return { value: this.own(plainValue(s)), end: j };
  }
}

/**
 * Where `needle` next occurs in a text, from any offset: indexOf, not a loop over characters (this
 * runs over every key and plain value of every file), with the last answer kept so that a text
 * read forwards is searched once however far apart the occurrences are (a search from every line
 * of a long text without one would take time quadratic in its length).
 */
class NextIndex {
  private from = 0;
  private at = -2;

  constructor(
    private readonly t: string,
    private readonly needle: string,
  ) {}

  of(from: number): number {
    if (this.at === -2 || from < this.from || (this.at !== -1 && this.at < from)) this.at = this.t.indexOf(this.needle, from);
    this.from = from;
    return this.at;
  }
}

/** Finds positions in one text: line and column of the node at a path, or undefined to ask the Document. */
export type Locator = (path: readonly (string | number)[], key: boolean) => { line: number; col: number } | undefined;

/**
 * A Locator for a text in the fast reader's subset (undefined outside it), read once however
 * many positions are asked. It finds the node nodeAt in yaml.ts finds in the full parser's
 * Document: the deepest node that exists, a key for an empty value, with `key` the last key.
 * It leaves to the Document a value after a comment line, whose place the full parser decides,
 * and a path whose first key is missing (the answer is then the whole document).
 */
export function fastLocator(text: string): Locator | undefined {
  return fastLocated(text)?.locate;
}

/**
 * The data and a Locator of a text in the subset, from one reading (undefined outside it). Its
 * strings are not copied (Copies 'none'): they share the text's memory, which the locator keeps.
 */
export function fastLocated(text: string): { data: Record<string, unknown>; locate: Locator } | undefined {
  if (unsureText(text)) return undefined;
  const spots: Spots = new WeakMap();
  let root: Record<string, Value>;
  try {
    root = new Reader(text, spots, 'none').document();
  } catch {
    return undefined;
  }
  let lines: number[] | undefined;
  const locate: Locator = (path, key) => {
    const at = offsetIn(root, spots, path, key);
    return at === undefined ? undefined : linePosition((lines ??= lineStarts(text)), at);
  };
  return { data: root, locate };
}

function offsetIn(root: Value, spots: Spots, path: readonly (string | number)[], key: boolean): number | undefined {
  let node: unknown = root;
  let last: number | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const list = Array.isArray(node);
    const entry = node !== null && typeof node === 'object' && (!list || typeof seg === 'number') ? spots.get(node)?.get(list ? seg : String(seg)) : undefined;
    if (entry === undefined) return last;
    const [keyAt, valueAt] = entry;
    if (valueAt === UNSURE_AT) return undefined;
    if (key && i === path.length - 1) return keyAt;
    last = valueAt < 0 ? keyAt : valueAt;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return last;
}

/** Line and column (from 1) of an offset, by the starts of the lines (lineStarts). */
function linePosition(lines: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - lines[lo]! + 1 };
}

/** Where each line starts, as the full parser's LineCounter counts them (after every line feed). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** A position packed in one small integer (line × 2^16 + column): an Outline holds thousands. */
const PACK = 0x10000;
const MAX_PACKED_LINE = 0x3fff;

/**
 * Where an evaluation file's top-level keys, answers and answers' flags are: what a Locator
 * would answer for the paths [key], ['answers', id] and ['answers', id, 'flag'], kept after the
 * text is gone (check's warnings point at these; the file need not be read again). undefined
 * for any other path, or where the Locator would defer to the Document: ask the Locator then.
 */
export class Outline {
  constructor(private readonly o: OutlineOffsets) {}

  position(path: readonly (string | number)[]): { line: number; col: number } | undefined {
    if (path.length === 0 || path.length > 3) return undefined;
    const top = this.o.top.get(String(path[0]));
    if (path.length === 1 || top === undefined || top === UNSURE_AT) return unpack(top);
    // Under any other key, or an `answers:` that is not a block mapping, the Locator decides.
    const answers = path[0] === 'answers' ? this.o.answers : undefined;
    if (answers === undefined) return undefined;
    const id = String(path[1]);
    const answer = answers.get(id);
    // A question the file does not answer: the Locator gives the deepest node that exists.
    if (answer === undefined) return path.length === 2 ? unpack(top) : undefined;
    if (path.length === 2) return unpack(answer);
    return path[2] === 'flag' && answer !== UNSURE_AT ? unpack(this.o.flags?.get(id)) : undefined;
  }
}

const unpack = (at: number | undefined) => (at === undefined || at < 0 ? undefined : { line: Math.floor(at / PACK), col: at % PACK });

/** The offsets of a reading packed as positions; one too far down or across to pack is left to the Locator. */
function packed(text: string, o: OutlineOffsets): Outline {
  const lines = lineStarts(text);
  const pack = (m: Map<string, number> | undefined) => {
    if (!m) return;
    for (const [k, at] of m) {
      if (at < 0) continue;
      const { line, col } = linePosition(lines, at);
      m.set(k, line > MAX_PACKED_LINE || col >= PACK ? UNSURE_AT : line * PACK + col);
    }
  };
  pack(o.top);
  pack(o.answers);
  pack(o.flags);
  return new Outline(o);
}

/**
 * parseYamlFast's data and an Outline of it, from one reading (undefined outside the subset):
 * for a loader that will want to locate problems in the file after its text is gone.
 */
export function fastOutlined(text: string, copies: Copies = 'all'): { data: Record<string, unknown>; outline: Outline } | undefined {
  if (unsureText(text)) return undefined;
  let reader: Reader;
  let data: Record<string, Value>;
  try {
    reader = new Reader(text, undefined, copies, true);
    data = reader.document();
  } catch {
    return undefined;
  }
  return { data, outline: packed(text, reader.outline!) };
}

/**
 * The data of a YAML text in the plain subset, exactly as parseYaml would load it; undefined
 * when the text is outside the subset (then parseYaml decides, with positions and messages).
 */
export function parseYamlFast(text: string, copies: Copies = 'all'): Record<string, unknown> | undefined {
  if (unsureText(text)) return undefined;
  try {
    return new Reader(text, undefined, copies).document();
  } catch (e) {
    if (e instanceof Bail) return undefined;
    // A stack overflow or anything unforeseen: the full parser is the one to report it.
    return undefined;
  }
}
