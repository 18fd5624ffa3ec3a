import pty from 'node-pty';
import { BIN } from '../helpers/cli.js';

// CSI and OSC sequences, charset switches and other two-byte escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHM]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

export interface Exit {
  exitCode: number;
  signal?: number | undefined;
}

/**
 * The built CLI in a real pseudo-terminal. Waits are on screen text (never fixed sleeps):
 * `waitFor` looks at output after the last match, with escapes removed.
 */
export class PtySession {
  private raw = '';
  private mark = 0;
  private readonly term: pty.IPty;
  readonly exited: Promise<Exit>;
  private done: Exit | undefined;

  constructor(args: string[], opts: { cwd: string; env?: Record<string, string>; cols?: number; rows?: number }) {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', ...opts.env };
    delete env['FORCE_COLOR'];
    // Started by npx, the resume command says npx: the tests say how they start it.
    if (!opts.env?.['npm_command']) delete env['npm_command'];
    this.term = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: opts.cols ?? 120,
      rows: opts.rows ?? 60,
      cwd: opts.cwd,
      env,
    });
    this.term.onData((d) => {
      this.raw += d;
    });
    this.exited = new Promise((resolve) => {
      this.term.onExit((e) => {
        this.done = e;
        resolve(e);
      });
    });
  }

  get pid(): number {
    return this.term.pid;
  }

  /** Everything printed so far, byte for byte, escapes and all. */
  rawOutput(): string {
    return this.raw;
  }

  /** Everything printed so far, escapes removed. */
  text(): string {
    return stripAnsi(this.raw);
  }

  /** Everything printed since the last match. */
  recent(): string {
    return this.text().slice(this.mark);
  }

  /** Resolves once `pattern` appears after the previous match; fails with the screen when the process ends first. */
  async waitFor(pattern: string | RegExp, what = String(pattern), limitMs = 20_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const text = this.text();
      const tail = text.slice(this.mark);
      const m = typeof pattern === 'string' ? (tail.includes(pattern) ? { index: tail.indexOf(pattern), 0: pattern } : null) : pattern.exec(tail);
      if (m) {
        this.mark += m.index + m[0].length;
        return m[0];
      }
      if (this.done || Date.now() - started > limitMs) {
        throw new Error(`waiting for ${what}, ${this.done ? `the process exited (${this.done.exitCode})` : 'gave up'}; output since the last match:\n${tail.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  write(s: string): void {
    this.term.write(s);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
  }

  /** What is on screen since the last clear (the current screen), escapes removed. */
  screen(): string {
    const raw = this.raw;
    return stripAnsi(raw.slice(raw.lastIndexOf('\x1b[2J') + 4));
  }

  kill(signal: string): void {
    try {
      this.term.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' };

/** On the score prompt: type `term`, wait until it alone is the highlighted choice, press Enter. */
export async function choose(s: PtySession, term: string, highlighted: string | RegExp = term): Promise<void> {
  await s.waitFor('? Score', 'the score prompt');
  s.write(term);
  const h = typeof highlighted === 'string' ? highlighted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : highlighted.source;
  await s.waitFor(new RegExp(`Score ${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\n❯ +${h}`), `"${term}" filtered to ${String(highlighted)}`);
  s.write(KEY.enter);
  // A knockout score asks for one confirming key.
  if ((await s.waitFor(/✔ Score|Press y to\s+save this score/, 'the answer or the knockout confirmation')).startsWith('Press')) {
    s.write('y');
    await s.waitFor('✔ Score', 'the confirmed answer');
  }
}

/** A score, then notes and evidence (empty strings skip them). */
export async function answer(s: PtySession, score: string, notes = '', evidence = ''): Promise<void> {
  await choose(s, score);
  await s.waitFor('? Notes', 'the notes prompt');
  s.write(`${notes}${KEY.enter}`);
  await s.waitFor('? Evidence', 'the evidence prompt');
  s.write(`${evidence}${KEY.enter}`);
}
