/**
 * The JavaScript engine, tuned for a long run. V8 11 (Node 20) hands a function to its
 * optimising compiler once about 66 KB of its bytecode has run (--interrupt-budget=67584). On a
 * workspace of hundreds of files much of what it compiles early (the YAML reader, the checks, the
 * sensitivity probes) has cost more than it saves by the time the process ends: at three times
 * the budget, 250 files took 20–25% less CPU to compare or to probe with sensitivity, and 5,000
 * files no more (README, "Speed"). A short run gains nothing, and node:v8 costs about as much to
 * load as the whole of `--version` adds to plain node (it brings Node's streams), so the budget
 * is raised only once a command knows it has many files to read. Only on the V8 it was measured
 * on, and never over a budget given to node (the command line is the one place: Node allows no
 * V8 tiering flag in NODE_OPTIONS). Raised after the bundle is compiled, it leaves the code
 * cache's check alone: V8 accepts a cache only under the flags it was made with.
 */

/** Files read at or above which a run is long enough for the raised budget to pay. */
export const MANY_FILES = 100;
const BUDGET = '--interrupt-budget=202752';

let tuned = false;

export function expectLongRun(files: number): void {
  if (tuned || files < MANY_FILES || !process.versions.v8.startsWith('11.')) return;
  tuned = true;
  if (process.execArgv.some((flag) => /^--interrupt[-_]budget(=|$)/.test(flag))) return;
  process.getBuiltinModule('node:v8').setFlagsFromString(BUDGET);
}
