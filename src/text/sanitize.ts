/**
 * Every vendor-supplied string passes through here before it reaches a terminal:
 * escape sequences removed, other control, bidi and zero-width characters shown escaped,
 * line breaks folded to spaces. The result is printable and safeText(safeText(s)) === safeText(s).
 */

import { jsonChunks } from './json-chunks.js';

// CSI (ESC [ or 8-bit 0x9B) with its parameters and final byte; OSC / DCS / SOS / PM / APC
// strings with their terminator (BEL or ST); then any other ESC sequence of one more character.
// A string without its terminator loses only the introducer: the text after it stays visible.
const ESCAPES =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])|\u001b[ -~]?/g;
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/**
 * Characters that are invisible, reorder text or control the terminal: C0 and C1 controls and
 * DEL, bidi embeddings, overrides, isolates and marks, zero-width and other format characters,
 * invisible fillers, the BOM, interlinear annotations, tag characters (invisible ASCII copies)
 * and lone surrogates (with the u flag, only unpaired halves match). Tab and line breaks are handled before this runs.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff0-\ufffb]|[\u{e0000}-\u{e0fff}\u{1d173}-\u{1d17a}\u{1bca0}-\u{1bca3}]|[\ud800-\udfff]/gu;

/**
 * Anything safeText would change: a fast path, since almost all text is plain. Written as two
 * classes, the controls and the rare invisibles, because V8 scans that alternation several times
 * faster than the one class over both (a 17 MB report with one en dash: ~110 ms against ~30 ms).
 */
const RARE_INVISIBLE = '\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0e\\ufeff\\uffa0\\ufff0-\\ufffb\\ud800-\\udfff';
const SUSPECT = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u00ad]|[${RARE_INVISIBLE}]`);

/**
 * Text of only the plain characters no rule here acts on: the line feed, printable ASCII, U+00A0
 * to U+034E (Latin-1 without the soft hyphen, Latin Extended, combining accents) and the dashes,
 * quotes, bullets and ellipsis of General Punctuation (U+2010-U+2027, U+2030-U+205F: not the
 * zero-width, bidi and invisible ones around them). The fast path of safeOutput and safeJson: on
 * a big report (an en dash in every flag) one pass of it costs V8 about half the instructions of
 * either rule's (safeOutput's test, safeJson's /u replace), and as one anchored run fewer than a
 * search for a character outside the class.
 */
const PLAIN = /^[\n -~\u00a0-\u00ac\u00ae-\u034e\u2010-\u2027\u2030-\u205f]*$/;

function escapeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
}

export interface SafeTextOptions {
  /** Truncate to this many characters, ending with '…'. Only for tables: exports keep text whole. */
  max?: number;
  /** Keep line breaks (as \n) for multi-line views and exports; still removes everything else. */
  keepLines?: boolean;
}

export function safeText(s: string, opts: SafeTextOptions = {}): string {
  let out = s;
  if (SUSPECT.test(out)) {
    out = out.replace(ESCAPES, '');
    out = opts.keepLines ? out.replace(LINE_BREAKS, '\n') : out.replace(LINE_BREAKS, ' ');
    out = out.replace(/\t/g, ' ');
    out = out.replace(INVISIBLE, escapeChar);
  }
  if (opts.max !== undefined) out = truncate(out, opts.max);
  return out;
}

/** Cuts to at most `max` code points, the last being '…' when anything was cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const chars = [...s];
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * JSON for files and pipes: the same data, but every character a terminal or an editor could
 * act on or hide is written as a \u escape (JSON.stringify already escapes C0 controls), so
 * `cat report.json` is as safe as the table. Parsing gives back exactly the original strings.
 */
export function safeJson(value: unknown): string {
  return escapeUnsafeJson(JSON.stringify(value, null, 2));
}

/** safeJson in pieces that join to its text (src/text/json-chunks.ts), for reports too big to hold whole. */
export function* safeJsonChunks(value: unknown): Generator<string> {
  for (const chunk of jsonChunks(value)) yield escapeUnsafeJson(chunk);
}

function escapeUnsafeJson(json: string): string {
  if (PLAIN.test(json) && !json.includes('##[')) return json;
  return json.replace(JSON_UNSAFE, (c) => {
    // `##[` is a GitHub Actions command anywhere in a log line; `#\u0023[` parses back to the same text.
    if (c === '##[') return '#\\u0023[';
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

const JSON_UNSAFE =
  /##\[|[\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff0-\ufffb]|[\u{e0000}-\u{e0fff}\u{1d173}-\u{1d17a}\u{1bca0}-\u{1bca3}]/gu;

/**
 * Our own colour, captured for split(): the one-parameter SGR sequences chalk (level 1) and
 * util.styleText write — reset, bold, dim, italic, underline, inverse, strikethrough, their ends,
 * the 16 colours and backgrounds. Anything else (hidden text, blink, 256 colours) is not ours.
 */
const SGR_SPLIT = /(\u001b\[(?:[0-479]|2[2-479]|3[0-79]|4[0-79]|5[35]|9[0-7]|10[0-7])m)/;
const ANY_ESCAPE = new RegExp(ESCAPES.source, 'g');
/** Anything cleanOutput would change: SUSPECT but the line feed, which output keeps (every report has lines). */
const OUTPUT_SUSPECT = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u00ad]|[${RARE_INVISIBLE}]`);
/** INVISIBLE without CR: a CR is kept before LF (CSV's CRLF) and escaped alone. */
const INVISIBLE_BUT_CR = new RegExp(INVISIBLE.source.replace('\\u000b-\\u001f', '\\u000b\\u000c\\u000e-\\u001f'), 'gu');

export interface OutputOptions {
  /** Keep SGR colour sequences (the renderers' own colour; data was cleaned by safeText earlier). */
  color?: boolean;
  /** The text goes to a GitHub Actions log: no line may be read as a workflow command. */
  githubLog?: boolean;
  /** Lines that are our own annotations (built by `annotation`) are passed as they are. */
  annotations?: boolean;
}

/**
 * The last check on everything the process writes for a person or a log (stdout, stderr, --out
 * reports). Whatever a renderer forgot, no escape sequence but our own colour and no invisible
 * or control character but line breaks (and CRLF) leaves the process, and in a GitHub Actions log
 * no line starts a workflow command. Plain text comes back unchanged.
 */
export function safeOutput(text: string, opts: OutputOptions = {}): string {
  let out = text;
  if (!PLAIN.test(out) && OUTPUT_SUSPECT.test(out)) {
    out = opts.color ? out.split(SGR_SPLIT).map((part, i) => (i % 2 === 1 ? part : cleanOutput(part))).join('') : cleanOutput(out);
  }
  return opts.githubLog ? guardWorkflowCommands(out, opts.annotations === true) : out;
}

function cleanOutput(s: string): string {
  // A tab becomes a space, as safeText makes it: nothing we write uses one, and data may not move the cursor.
  return s.replace(ANY_ESCAPE, '').replace(/\r(?!\n)/g, '\\x0d').replace(/\t/g, ' ').replace(INVISIBLE_BUT_CR, escapeChar);
}

/**
 * The runner reads `::command::` at the start of a line after any white space (.NET TrimStart:
 * also no-break and other Unicode spaces) and `##[command]` anywhere in a line.
 */
const WORKFLOW_LINE = /^([\t\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*):(?=:)/gm;
const WORKFLOW_V1 = /##\[/g;
const OUR_ANNOTATION = /^::(?:error|warning|notice)(?: [^:\r\n]*)?::[^\r\n]*$/;

/**
 * Neutralises workflow commands in data by escaping their first character (`\x3a:add-mask::`,
 * `#\x23[`), so the log shows what was written and the runner acts on nothing. With
 * `annotations`, lines built by `annotation` (whose data cannot hold a line break) stay commands.
 */
export function guardWorkflowCommands(text: string, annotations = false): string {
  // Both commands need `::` or `##[`; most reports hold neither, and the line rule is slow on a big one.
  if (!text.includes('::') && !text.includes('##[')) return text;
  const guardV1 = (line: string) => line.replace(WORKFLOW_V1, '#\\x23[');
  const guardLine = (line: string) => guardV1(line).replace(WORKFLOW_LINE, '$1\\x3a');
  if (!annotations) return guardLine(text);
  // An annotation's message may quote `##[` from data: it is escaped there, and the line stays an annotation.
  return text
    .split('\n')
    .map((line) => (OUR_ANNOTATION.test(line) ? guardV1(line) : guardLine(line)))
    .join('\n');
}

/** GitHub workflow-command escaping of a message (data) and of a property value. */
export function ghData(s: string): string {
  return safeText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line (`::error file=…,line=…::message`), the only way we write a workflow command. */
export function annotation(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${ghProp(String(v))}`)
    .join(',');
  return `::${kind}${list ? ` ${list}` : ''}::${ghData(message)}`;
}

/** The longest stretch of a key or value any message quotes. */
export const QUOTE_MAX = 80;

/** A key, value, name or path fragment inside a message, unquoted: sanitised, on one line, at most QUOTE_MAX characters. */
export function clip(s: string): string {
  return safeText(s, { max: QUOTE_MAX });
}

/** A key or value quoted in a message: sanitised, on one line, at most QUOTE_MAX characters. */
export function quote(s: string): string {
  return `"${clip(s)}"`;
}

/**
 * The longest message of one problem. Every quoted part is already cut by clip or quote; this
 * is the last guard, so that no message can carry a whole file whatever a caller forgot.
 */
export const MESSAGE_MAX = 1000;

/** The message of a problem: sanitised, on one line, at most MESSAGE_MAX characters. */
export function problemText(s: string): string {
  return safeText(s, { max: MESSAGE_MAX });
}

/** White space other than a plain space, and invisible characters: what a name key folds or drops. */
const NAME_ODD = /[^\P{White_Space} ]|[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

/**
 * A name quoted for a message that says two spellings are one name ("the same evaluator twice"),
 * so that a reader sees how they differ: like quote(), and every character the name key
 * (core/identity.ts) would change is shown escaped, `"Ann\u{a0}Lee"` beside `"Ann Lee"`: white
 * space other than a plain space, invisible characters, compatibility forms (full-width
 * `\u{ff21}`) and letters written decomposed (`e\u{301}`, where the other file has é).
 */
export function quoteName(s: string): string {
  const shown = truncate(s, QUOTE_MAX).replace(/\P{M}\p{M}*|\p{M}+/gu, (seg) => {
    if (!/^\p{M}/u.test(seg) && seg.normalize('NFKC') === seg && !NAME_ODD.test(seg)) return seg;
    return [...seg].map((c) => (/[ -~]/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`)).join('');
  });
  return `"${safeText(shown)}"`;
}
