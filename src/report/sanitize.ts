/**
 * Every vendor-supplied string passes through here before it reaches a terminal:
 * escape sequences removed, other control, bidi and zero-width characters shown escaped,
 * line breaks folded to spaces. The result is printable and safeText(safeText(s)) === safeText(s).
 */

// CSI (ESC [ or 8-bit 0x9B) … final byte; OSC / DCS / PM / APC / SOS strings up to BEL or ST;
// then any other two-byte ESC sequence.
const ESCAPES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

function escapeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
}

export interface SafeTextOptions {
  /** Truncate to this many characters, ending with '…'. */
  max?: number;
  /** Keep line breaks (for multi-line detail views); still removes everything else. */
  keepLines?: boolean;
}

export function safeText(s: string, opts: SafeTextOptions = {}): string {
  let out = s.replace(ESCAPES, '');
  out = opts.keepLines ? out.replace(/\r\n?/g, '\n').replace(/[\v\f\u0085\u2028\u2029]/g, '\n') : out.replace(LINE_BREAKS, ' ');
  out = out.replace(/\t/g, ' ');
  out = out.replace(INVISIBLE, (c) => (opts.keepLines && c === '\n' ? c : escapeChar(c)));
  if (opts.max !== undefined) out = truncate(out, opts.max);
  return out;
}

/** Cuts to at most `max` code points, the last being '…' when anything was cut. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
