import { ExitCode } from '../errors.js';
import { writeStderr } from './output.js';

export interface StopReport {
  /** What is already on disk, in one sentence ("3 of 21 judgments are saved in …"). */
  saved: () => string;
  /** The command that continues where the session stopped. */
  resume: string;
  /** Saves what is half typed (a note, a reason) before the message; the rest is on disk already. */
  keep?: () => void;
}

/**
 * The terminal sessions' one way to stop on SIGTERM, SIGHUP or SIGINT (interview, consensus,
 * weights): keep what is half typed, say what is saved and how to resume, exit with the signal's
 * code (docs/exit-codes.md). Ctrl-C at a prompt reaches the prompt as a key; between prompts, or
 * from `kill -INT`, it is a signal.
 */
export function exitOnStopSignals(report: StopReport): void {
  const onSignal = (what: string, code: number) => () => {
    try {
      report.keep?.();
    } catch {
      /* what came before it is on disk */
    }
    try {
      writeStderr(`\n${what}. ${report.saved()}\nResume with: ${report.resume}\n`);
    } catch {
      /* the terminal may be gone */
    }
    process.exit(code);
  };
  process.on('SIGTERM', onSignal('vendorscore: stopped by SIGTERM', 143));
  process.on('SIGHUP', onSignal('vendorscore: stopped by SIGHUP', 129));
  process.on('SIGINT', onSignal('Interrupted', ExitCode.Interrupted));
}
