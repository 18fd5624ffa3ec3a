/**
 * The one reader of the terminal for a whole interview. Keys typed or pasted while no prompt is
 * listening (a save, the next screen being drawn) wait in a queue and go to the next prompt, one
 * key a tick, so a burst such as `4⏎note⏎ev.pdf⏎` is split between the prompts it belongs to
 * instead of being lost with the readline of the prompt that ended. Bracketed paste is on: a paste
 * into a multi-line field arrives as one piece with its line breaks as PASTE_BREAK.
 */
import { PassThrough } from 'node:stream';
import { writeTerminalControl } from './output.js';

/** Stands for a pasted line break inside the one-line text field; turned back into "\n" on Enter. */
export const PASTE_BREAK = '␤';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
const BRACKETED_ON = '\x1b[?2004h';
const BRACKETED_OFF = '\x1b[?2004l';

interface Key {
  text: string;
  paste: boolean;
}

/** The context an inquirer prompt reads from. */
export interface PromptInput {
  input: PassThrough;
  signal: AbortSignal;
}

/** A prompt stopped to be drawn again (after a resize or fg); ask it again with what was typed. */
export class Redraw extends Error {
  constructor() {
    super('redraw');
    this.name = 'Redraw';
  }
}

/** Esc on a sub-screen (go to, a follow-up note, the review): it is left, nothing chosen. */
export class Escaped extends Error {
  constructor() {
    super('escaped');
    this.name = 'Escaped';
  }
}

/** The keys of a chunk: escape sequences whole, every other character alone; an unfinished escape is carried over. */
export function splitKeys(s: string): { keys: string[]; rest: string } {
  const keys: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\x1b') {
      const tail = s.slice(i);
      const m = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|[^[O])/su.exec(tail);
      if (!m) {
        // A lone Esc at the end is the Esc key; "ESC[" and more without its final byte is cut off.
        if (tail === '\x1b') keys.push(tail);
        else return { keys, rest: tail };
        break;
      }
      keys.push(m[0]);
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    keys.push(ch);
    i += ch.length;
  }
  return { keys, rest: '' };
}

export class KeyFeed {
  private queue: Key[] = [];
  private carry = '';
  private pasting: string | undefined;
  private current: { input: PassThrough; multiline: boolean; escapable: boolean; abort: AbortController } | undefined;
  private scheduled = false;
  private started = false;
  /** The terminal's output is held (corked) while queued keys are handled, and written in one piece once they are. */
  private corked = false;

  constructor(
    private readonly stdin: NodeJS.ReadStream = process.stdin,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stdin.setRawMode(true);
    this.stdin.setEncoding('utf8');
    this.stdin.on('data', this.onData);
    this.stdin.resume();
    writeTerminalControl(BRACKETED_ON);
    process.on('SIGCONT', this.onContinue);
    process.stdout.on('resize', this.redraw);
  }

  stop(): void {
    this.release(true);
    if (!this.started) return;
    this.started = false;
    this.stdin.removeListener('data', this.onData);
    process.removeListener('SIGCONT', this.onContinue);
    process.stdout.removeListener('resize', this.redraw);
    try {
      writeTerminalControl(BRACKETED_OFF);
      this.stdin.setRawMode(false);
    } catch {
      /* the terminal may be gone */
    }
    this.stdin.pause();
  }

  /**
   * Runs one prompt on its own input; `multiline` fields take a paste whole, line breaks and all.
   * On an `escapable` prompt (a sub-screen) Esc ends it with Escaped.
   */
  async run<T>(multiline: boolean, prompt: (ctx: PromptInput) => Promise<T>, escapable = false): Promise<T> {
    const input = new PassThrough({ encoding: 'utf8' });
    const abort = new AbortController();
    const me = { input, multiline, escapable, abort };
    this.current = me;
    this.schedule();
    // Its first frame is drawn now; written out once no key waits for it.
    if (this.queue.length === 0) setImmediate(this.release);
    try {
      return await prompt({ input, signal: abort.signal });
    } catch (e) {
      if (abort.signal.aborted && (abort.signal.reason instanceof Redraw || abort.signal.reason instanceof Escaped)) throw abort.signal.reason;
      throw e;
    } finally {
      if (this.current === me) this.current = undefined;
      input.end();
    }
  }

  private onData = (chunk: string): void => {
    let s = this.carry + chunk;
    this.carry = '';
    while (s.length > 0) {
      if (this.pasting !== undefined) {
        const end = s.indexOf(PASTE_END);
        if (end < 0) {
          // The end marker may be cut between two reads: keep a possible start of it.
          let keep = 0;
          for (let k = Math.min(PASTE_END.length - 1, s.length); k > 0; k--) if (PASTE_END.startsWith(s.slice(-k))) (keep = k), (k = 0);
          this.pasting += s.slice(0, s.length - keep);
          this.carry = s.slice(s.length - keep);
          break;
        }
        this.queue.push({ text: this.pasting + s.slice(0, end), paste: true });
        this.pasting = undefined;
        s = s.slice(end + PASTE_END.length);
        continue;
      }
      const start = s.indexOf(PASTE_START);
      const { keys, rest } = splitKeys(start < 0 ? s : s.slice(0, start));
      for (const k of keys) {
        if (k === '\x1a') this.suspend();
        else this.queue.push({ text: k, paste: false });
      }
      if (start < 0) {
        this.carry = rest;
        break;
      }
      this.pasting = '';
      s = s.slice(start + PASTE_START.length);
    }
    this.schedule();
  };

  private schedule(): void {
    if (this.scheduled || !this.current || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(this.pump);
  }

  /** One key to the prompt listening now; the next after the prompt has handled it (it may have ended). */
  private pump = (): void => {
    this.scheduled = false;
    const cur = this.current;
    const key = cur && this.queue.shift();
    if (!cur || !key) return;
    // Frames drawn for keys that more keys follow are written together, when the queue is empty.
    if (!this.corked) {
      this.corked = true;
      this.stdout.cork();
    }
    if (this.queue.length === 0) setImmediate(this.release);
    if (!key.paste && key.text === '\x1b' && cur.escapable) {
      // The sub-screen ends; keys after the Esc wait for the screen it leads back to.
      this.current = undefined;
      cur.abort.abort(new Escaped());
      return;
    }
    if (!key.paste) {
      cur.input.write(key.text);
      // Ctrl-U in a text field: the line and the prefilled value both go (an empty line would give the old value back).
      if (key.text === '\x15' && cur.multiline) this.queue.unshift({ text: '\x7f', paste: false });
    }
    else if (cur.multiline) cur.input.write(key.text.replace(/\r\n|\r|\n/g, PASTE_BREAK));
    // Elsewhere a pasted line break is Enter, as if typed.
    else this.queue.unshift(...splitKeys(key.text.replace(/\r\n|\n/g, '\r')).keys.map((text) => ({ text, paste: false })));
    this.schedule();
  };

  /** Writes what the prompts drew while keys were queued (all of it: `force`, on the way out). */
  private release = (force: unknown = false): void => {
    if (!this.corked || (force !== true && this.queue.length > 0)) return;
    this.corked = false;
    this.stdout.uncork();
  };

  /** Ctrl-Z: give the terminal back, stop; `fg` comes back to the same question. */
  private suspend(): void {
    this.release(true);
    try {
      writeTerminalControl(BRACKETED_OFF);
      this.stdin.setRawMode(false);
    } catch {
      /* nothing to restore */
    }
    process.kill(process.pid, 'SIGTSTP');
  }

  private onContinue = (): void => {
    this.stdin.setRawMode(true);
    writeTerminalControl(BRACKETED_ON);
    this.redraw();
  };

  /** The current prompt ends with Redraw, so the screen is drawn again (new width, or after fg). */
  redraw = (): void => {
    this.current?.abort.abort(new Redraw());
  };
}
