/**
 * Every vendor-supplied string passes through here before it reaches a terminal:
 * escape sequences removed, other control, bidi and zero-width characters shown escaped,
 * line breaks folded to spaces. The result is printable and safeText(safeText(s)) === safeText(s).
 */

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

/** Anything safeText would change: a fast path, since almost all text is plain. */
const SUSPECT =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff0-\ufffb\ud800-\udfff]/;

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
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

const JSON_UNSAFE =
  /[\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff0-\ufffb]|[\u{e0000}-\u{e0fff}\u{1d173}-\u{1d17a}\u{1bca0}-\u{1bca3}]/gu;
