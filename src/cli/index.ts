import { isatty } from 'node:tty';
import { Argument, Command, CommanderError, Option, type OutputConfiguration } from 'commander';
import { ExitCode, PolicyFailure, UserError } from '../errors.js';
import { ioErrorReason } from '../io/atomic.js';
import { displayPath } from '../io/files.js';
import { quote, safeText } from '../text/sanitize.js';
import { writeStderr, writeStdout } from './output.js';

declare const __VERSION__: string;

/**
 * Runs one command and turns its outcome into an exit code. Known errors print one line per
 * problem and no stack; anything else is a bug and keeps its stack.
 */
async function run(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (e) {
    fail(e);
  }
}

function fail(e: unknown): void {
  try {
    report(e);
  } catch {
    // stderr itself cannot be written (`2> /dev/full`): the exit code, set first, is all that is left.
  }
}

function report(e: unknown): void {
  const debug = process.argv.includes('--debug');
  if (e instanceof UserError) {
    process.exitCode = ExitCode.Usage;
    for (const line of e.lines()) writeStderr(`${/^(vendorscore|\S+:\d+:\d+: )/.test(line) ? '' : 'vendorscore: '}${line}\n`);
    if (debug) writeStderr(`${e.stack}\n`);
  } else if (e instanceof PolicyFailure) {
    process.exitCode = ExitCode.PolicyFailed;
    writeStderr(`vendorscore: ${e.message}\n`);
  } else if (ioErrorReason(e) !== undefined) {
    // The system refused a read or write (permissions, a full disk, a read-only file system): not a bug.
    process.exitCode = ExitCode.Usage;
    writeStderr(`vendorscore: ${ioErrorLine(e as NodeJS.ErrnoException)}\n`);
    if (debug) writeStderr(`${(e as Error).stack}\n`);
  } else {
    process.exitCode = 70;
    writeStderr(`vendorscore: internal error (a bug; please report it with this output):\n${e instanceof Error ? e.stack : String(e)}\n`);
  }
}

function ioErrorLine(e: NodeJS.ErrnoException): string {
  return `${e.path ? `${safeText(displayPath(e.path))}: ` : ''}${e.syscall ?? 'I/O'} failed: ${ioErrorReason(e)}`;
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`--max-file-size must be a positive whole number of bytes, not ${quote(v)}`);
  return n;
};

/** Hidden on every command that reads files: the messages about the size limit name it. */
const maxFileSize = () => new Option('--max-file-size <bytes>', 'largest input file read').argParser(int).hideHelp();
/** How the rubric is found without --rubric (src/io/load.ts: workspaceRubricPath, defaultRubricPath). */
const RUBRIC_DEFAULT = './rubric.yaml if there is one, else the bundled ai-vendor rubric';

function common(cmd: Command, formats: string): Command {
  const amongPaths = cmd.registeredArguments.some((a) => a.name() === 'paths') ? 'the one rubric among the paths, else ' : '';
  return outputs(cmd.option('--rubric <file>', `rubric file (default: ${amongPaths}${RUBRIC_DEFAULT})`), formats);
}

/** The output options every printing command takes: --format, --out, --force, --no-color, --quiet, --max-file-size, --debug. */
function outputs(cmd: Command, formats: string): Command {
  return cmd
    .option('--format <format>', `output format: ${formats}`)
    .option('--out <file>', 'write to a file instead of stdout (format from its extension)')
    .option('--force', 'overwrite --out if it exists')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--quiet', 'no notes or warnings on stderr')
    .addOption(maxFileSize())
    .option('--debug', 'show stack traces');
}

/** A --format list and what the command writes without --format. */
const formats = (list: string, otherwise = "table, or the format --out's extension names") => `${list} (default: ${otherwise})`;
const PATHS = 'evaluation files or folders (default: ./evaluations)';

function scoring(cmd: Command): Command {
  return cmd
    .option('--aggregate <how>', "combine evaluators by mean or median (default: the rubric's aggregate, else mean)")
    .option('--missing <policy>', "unanswered questions count as min, or are ignored (default: the rubric's missing, else min)")
    .option('--weights <id=w,...>', "override area or question weights, e.g. data-security=30,ownership=20 (default: the rubric's weights)")
    .option('--quotes <path>', "quote files, when the rubric has a price section (default: ./quotes, beside evaluations/)")
    .option('--quality-only', 'rank on quality alone, without reading any quote (the price envelope stays closed)');
}

/** Only where a ranking is aggregated for people to read: compare, shortlist and score. */
function normalising(cmd: Command): Command {
  return cmd.option('--normalise <how>', "z: move each evaluator's scores to the panel's mean and spread before aggregating (see docs/arithmetic.md)");
}

/** CI gates and movement, shared by compare and shortlist. */
function gated(cmd: Command): Command {
  return cmd
    .option('--baseline <results.json>', 'add movement columns against a previous `compare --format json` result')
    .option('--fail-under <total>', 'exit 1 if the leader (with --all: any qualified vendor) totals below this')
    .option('--all', 'apply --fail-under to every qualified vendor, not just the leader')
    .option('--require-complete', 'exit 1 if a listed vendor has an unanswered question')
    .option('--fail-if-empty', 'exit 1 if no qualified vendor is listed')
    .option('--max-disagreement <points>', "exit 1 if evaluators are this many scale points apart or more on a question (the rule of the rubric's disagreement)");
}

/** --baseline alone (the report has no gates). */
function gatedBaseline(cmd: Command): Command {
  return cmd.option('--baseline <results.json>', 'show movement against a previous `compare --format json` result');
}

/** Where a table is printed: on a terminal it fits the width unless --wide. */
const WIDE = 'on a terminal, print the full table even when it is wider than the window';

/** The program; given the command line (process.argv's shape), with only the command it runs. */
/**
 * Commander's help width and colour, asked of process.stdout and process.stderr only on a
 * terminal: making those streams costs ~2 ms (see whenMade), and a file or pipe has no width.
 * (Not on a terminal the help is never coloured; vendorscore's help has no colour of its own.)
 */
function terminalOnly(node: OutputConfiguration): OutputConfiguration {
  /** What commander uses where there is no terminal. */
  const NO_TERMINAL_WIDTH = 80;
  return {
    getOutHelpWidth: () => (isatty(1) ? node.getOutHelpWidth!() : NO_TERMINAL_WIDTH),
    getErrHelpWidth: () => (isatty(2) ? node.getErrHelpWidth!() : NO_TERMINAL_WIDTH),
    getOutHasColors: () => isatty(1) && node.getOutHasColors!(),
    getErrHasColors: () => isatty(2) && node.getErrHasColors!(),
  };
}

export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command('vendorscore')
    .description('Score and compare AI development vendors against a weighted rubric')
    .version(typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (str) => writeStdout(str),
      writeErr: (str) => writeStderr(str),
      outputError: (str, write) => write(str.startsWith('error:') ? `vendorscore: ${str}` : str),
      ...terminalOnly(new Command().configureOutput()),
    })
    .exitOverride();

  /** Each command, by name; only the one being run is defined (see below). */
  const commands: [name: string, define: () => void][] = [];
  const command = (name: string, define: () => void) => commands.push([name, define]);

  command('compare', () => {
    normalising(gated(scoring(common(program.command('compare').argument('[paths...]', PATHS), formats('table, markdown, json, csv, html')))))
      .description('ranked, weighted comparison of every vendor found')
      .option('--wide', WIDE)
      .option('--method <method>', 'wsm (weighted sum), topsis (closeness to the ideal vendor), or all: both rankings side by side', 'wsm')
      .action((paths: string[], opts) => run(async () => (await import('./commands/compare.js')).compare(paths, opts)));
  });

  command('shortlist', () => {
    normalising(gated(scoring(common(program.command('shortlist').argument('[paths...]', PATHS), formats('table, markdown, json, csv, html')))))
      .description('qualified vendors at or above --min-score, at most --top')
      .option('--wide', WIDE)
      .option('--top <n>', 'at most this many vendors (default: no limit)')
      .option('--min-score <total>', 'lowest total (0–100) to include (default: 0)')
      .action((paths: string[], opts) => run(async () => (await import('./commands/compare.js')).shortlist(paths, opts)));
  });

  command('report', () => {
    gatedBaseline(scoring(common(program.command('report').argument('[paths...]', PATHS), 'html')))
      .description('the board pack: one self-contained HTML page (decision, charts, each vendor, agreement, method); --pdf prints it')
      .option('--pdf <file.pdf>', 'also print the report to this PDF through a headless Chromium or Chrome (VENDORSCORE_BROWSER names one)')
      .option('--paper <size>', 'PDF paper size: a4 or letter', 'a4')
      .action((paths: string[], opts) => run(async () => (await import('./commands/report.js')).report(paths, opts)));
  });

  command('score', () => {
    normalising(scoring(common(program.command('score').argument('<vendor-id>', 'vendor id (or exact name)').argument('[paths...]', PATHS), formats('table, markdown, json, csv, html'))))
      .description('one vendor in depth: every area, question, evaluator score, note and flag')
      .option('--wide', WIDE)
      .action((vendor: string, paths: string[], opts) => run(async () => (await import('./commands/score.js')).score(vendor, paths, opts)));
  });

  command('check', () => {
    common(program.command('check').argument('[paths...]', PATHS), formats('text, json, github', 'text; github when GITHUB_ACTIONS=true'))
      .description('validate the rubric and every evaluation; exit 1 when anything is wrong')
      .option('--strict', 'warnings fail too')
      .option('--quotes <path>', 'quote files, when the rubric has a price section (default: ./quotes, beside evaluations/)')
      .action((paths: string[], opts) => run(async () => (await import('./commands/check.js')).check(paths, opts)));
  });

  command('diff', () => {
    program
      .command('diff')
      .argument('<old.json>', 'an earlier `compare --format json` result')
      .argument('<new.json>', 'a later one')
      .description('what moved in the ranking and why: answers, evaluators and weights, largest first')
      .option('--format <format>', `output format: ${formats('text, markdown, json', "text, or the format --out's extension names")}`)
      .option('--out <file>', 'write to a file instead of stdout')
      .option('--force', 'overwrite --out if it exists')
      .option('--quiet', 'no notes on stderr')
      .addOption(maxFileSize())
      .option('--debug', 'show stack traces')
      .action((oldFile: string, newFile: string, opts) => run(async () => (await import('./commands/diff.js')).diff(oldFile, newFile, opts)));
  });

  command('init', () => {
    program
      .command('init')
      .addArgument(new Argument('[dir]', 'folder to create the workspace in').default('.', 'the current folder'))
      .description('scaffold a workspace: a rubric, an example evaluation, schemas, a README and a GitHub Actions workflow')
      .option('--example', 'the bundled example vendors instead of one blank example (then try: vendorscore compare)')
      .option('--journey', 'also the stage folders readiness/, pilot/ and transition/, each with its rubric, and the pilot gate in the workflow')
      .option('--rubric <file>', 'copy this rubric file, or a bundled rubric by name (default: ai-vendor)')
      .option('--skip-existing', 'keep workspace files that are already there and write the rest')
      .option('--force', 'replace workspace files that are already there')
      .option('--quiet', 'do not list the files written')
      .option('--debug', 'show stack traces')
      .action((dir: string, opts) => run(async () => (await import('./commands/init.js')).init(dir, opts)));
  });

  command('sensitivity', () => {
    scoring(common(program.command('sensitivity').argument('[paths...]', PATHS), formats('table, markdown, json')))
      .description('would the ranking survive other weights or one evaluator\'s bias?')
      .option('--spread <percent>', 'plausible weight changes: each weight within ±percent, alone and in the random draws', '20')
      .option('--samples <n>', 'random weight draws (more are drawn, up to 8 times as many, while the result is too close to call)', '2000')
      .option('--seed <n>', 'seed for the draws (same seed, same report)', '1')
      .option('--method <method>', 'wsm, or topsis or all: the random-weight probe also under TOPSIS (the exact probes are the weighted sum\'s)', 'wsm')
      .option('--bias <points>', 'make one evaluator this many scale points harsher or kinder (rounded to the scale\'s step); also the largest single-score change counted as plausible', '1')
      .action((paths: string[], opts) => run(async () => (await import('./commands/sensitivity.js')).sensitivity(paths, opts)));
  });

  command('agreement', () => {
    common(program.command('agreement').argument('[paths...]', PATHS), formats('table, markdown, json'))
      .description("how far the evaluators agree: Krippendorff's alpha, the questions to discuss, each evaluator's calibration")
      .option('--samples <n>', 'bootstrap resamples of the (vendor, question) units for the interval of alpha', '1000')
      .option('--seed <n>', 'seed for the resamples (same seed, same report)', '1')
      .option('--top <n>', 'questions on the agenda, largest spread first', '10')
      .action((paths: string[], opts) => run(async () => (await import('./commands/agreement.js')).agreement(paths, opts)));
  });

  command('history', () => {
    program
      .command('history')
      .argument('[vendor]', 'only this vendor (id or name); a first argument that is an existing file or folder is a path instead')
      .argument('[paths...]', 'evaluation and consensus files or folders (default: ./evaluations, and ./consensus if there is one)')
      .description('who changed which score when: the git history of the evaluation and consensus files')
      .option('--format <format>', `output format: ${formats('table, markdown, json')}`)
      .option('--out <file>', 'write to a file instead of stdout (format from its extension)')
      .option('--force', 'overwrite --out if it exists')
      .option('--no-color', 'no colour (also NO_COLOR=1)')
      .option('--quiet', 'no notes on stderr')
      .option('--debug', 'show stack traces')
      .action((vendor: string | undefined, paths: string[], opts) => run(async () => (await import('./commands/history.js')).history(vendor, paths, opts)));
  });

  command('weights', () => {
    common(program.command('weights'), formats('table, markdown, json'))
      .description('derive area weights from judgments: AHP, rank order centroid, swing or Best-Worst Method')
      .option('--from <judgments.yaml>', 'read the judgments from this file (docs/files.md, judgments)')
      .option('--method <method>', 'ask the judgments here, one question at a time: ahp, roc, swing or bwm')
      .option('--save <judgments.yaml>', 'with --method: where each judgment is saved as it is given (resumed when it exists)', 'judgments.yaml')
      .option('--write [rubric.yaml]', 'put the derived weights into the rubric, comments kept (the bundled rubric: into a copy, ./rubric.yaml)')
      .option('--check', "exit 1 when the rubric's weights differ from the derived ones (for CI)")
      .action((opts) => run(async () => (await import('./commands/weights.js')).weights(opts)));
  });

  command('readiness', () => {
    outputs(program.command('readiness').argument('[paths...]', 'readiness answers: files or folders (default: ./readiness)')
      .option('--rubric <file>', 'rubric file or bundled name (default: a rubric.yaml in the one folder given, else the bundled ai-readiness)'), formats('table, markdown, json'))
      .description("your own team's readiness to outsource AI work: a verdict from the four signals and five failure modes")
      .option('--interview', 'first answer the readiness questions yourself, saved in <folder>/<team>/<you>.yaml (needs a terminal)')
      .option('--team <name>', "with --interview: whose readiness it is (default: the team already in the folder, else 'Our organisation')")
      .option('--evaluator <name>', 'with --interview: your name (asked when missing)')
      .action((paths: string[], opts) => run(async () => (await import('./commands/readiness.js')).readiness(paths, opts)));
  });

  command('status', () => {
    outputs(program.command('status')
      .addArgument(new Argument('[workspace]', 'the workspace holding readiness/, evaluations/, pilot/ and transition/').default('.', 'the current folder')), formats('table, markdown, json'))
      .description('where the buying process stands: readiness verdict, shortlist, pilot go/no-go, follow-ups and the command to run next')
      .option('--go-at <total>', "the pilot review's go threshold, 0–100 (the CI gate's --fail-under)", '70')
      .action((workspace: string, opts) => run(async () => (await import('./commands/status.js')).status(workspace, opts)));
  });

  command('rubric', () => {
    const rubric = program.command('rubric').description('list the bundled rubrics; show, validate or describe (JSON Schema) a rubric');
    rubric.command('list')
      .description('the rubrics bundled with vendorscore, one a stage of the buying journey, with what each is for')
      .option('--format <format>', `output format: ${formats('table, json', 'table')}`)
      .option('--debug', 'show stack traces')
      .action((opts) => run(async () => (await import('./commands/rubric.js')).rubricList(opts)));
    common(rubric.command('show').argument('[file]', `rubric file (default: --rubric, else ${RUBRIC_DEFAULT})`), formats('table, markdown, json'))
      .description('print a rubric: areas, weights, questions and guidance')
      .action((file: string | undefined, opts) => run(async () => (await import('./commands/rubric.js')).rubricShow(file, opts)));
    common(rubric.command('validate').argument('[file]', 'rubric file'), 'text')
      .description('validate a rubric file; exit 1 when it is invalid')
      .action((file: string | undefined, opts) => run(async () => (await import('./commands/rubric.js')).rubricValidate(file, opts)));
    rubric.command('schema')
      .description('print the JSON Schema of rubric, evaluation or consensus files (for editors and CI)')
      .option('--kind <kind>', 'rubric, evaluation or consensus', 'rubric')
      .option('--rubric <file>', 'with --kind evaluation: complete and describe this rubric\'s question ids')
      .option('--out <file>', 'write to a file instead of stdout')
      .option('--force', 'overwrite --out if it exists')
      .option('--quiet', 'no notes on stderr')
      .addOption(maxFileSize())
      .option('--debug', 'show stack traces')
      .action((opts) => run(async () => (await import('./commands/rubric.js')).rubricSchemaCommand(opts)));
  });

  command('interview', () => {
    program.command('interview')
      .description('score one vendor question by question; every answer is saved as you go')
      .option('--vendor <name>', 'vendor name (asked when missing)')
      .option('--evaluator <name>', 'your name (asked when missing)')
      .option('--rubric <file>', `rubric file (default: ${RUBRIC_DEFAULT})`)
      .option('--out <file>', 'evaluation file (default: <folder>/<vendor-id>/<evaluator>.yaml); an existing one is resumed')
      .option('--folder <dir>', 'the stage folder new evaluation files go in, such as pilot or transition', 'evaluations')
      .option('--no-color', 'no colour (also NO_COLOR=1)')
      .addOption(maxFileSize())
      .option('--debug', 'show stack traces')
      .action((opts) => run(async () => (await import('./commands/interview.js')).interview(opts)));
  });

  command('consensus', () => {
    program.command('consensus')
      .argument('[vendor]', 'vendor id (or exact name); without it, every vendor with a flagged question')
      .argument('[paths...]', PATHS)
      .description('the consensus meeting: agree a score for each flagged question, most important first; saved as you go')
      .option('--by <names>', "who agrees, comma-separated (default: the vendor's evaluators)")
      .option('--rubric <file>', `rubric file (default: the one rubric among the paths, else ${RUBRIC_DEFAULT})`)
      .option('--aggregate <how>', "what \"keep the average\" keeps: mean or median (default: the rubric's aggregate)")
      .option('--no-color', 'no colour (also NO_COLOR=1)')
      .option('--quiet', 'no notes or warnings on stderr')
      .addOption(maxFileSize())
      .option('--debug', 'show stack traces')
      .action((vendor: string | undefined, paths: string[], opts) => run(async () => (await import('./commands/consensus.js')).consensus(vendor, paths, opts)));
  });

  command('import', () => {
    program.command('import')
      .argument('<file>', 'answers as CSV or TSV (question or id, score, notes, evidence), an .xlsx workbook, or a YAML/JSON map of question to score')
      .description('turn answers kept in a spreadsheet export or a map into an evaluation file')
      .requiredOption('--vendor <name>', 'vendor name')
      .requiredOption('--evaluator <name>', 'evaluator name')
      .option('--rubric <file>', `rubric file (default: ${RUBRIC_DEFAULT})`)
      .option('--out <file>', 'evaluation file (default: evaluations/<vendor-id>/<evaluator>.yaml)')
      .option('--force', 'overwrite --out if it exists')
      .option('--quiet', 'no notes on stderr')
      .addOption(maxFileSize())
      .option('--debug', 'show stack traces')
      .action((file: string, opts) => run(async () => (await import('./commands/import.js')).importAnswers(file, opts)));
  });

  command('sheet', () => {
    program.command('sheet')
      .description('write a blank answer sheet (CSV or .xlsx) for a rubric, to fill in and read back with import')
      .option('--format <format>', 'csv or xlsx (default: from --out, else csv)')
      .option('--rubric <file>', `rubric file (default: ${RUBRIC_DEFAULT})`)
      .option('--out <file>', 'write to a file instead of stdout (needed for xlsx)')
      .option('--force', 'overwrite --out if it exists')
      .option('--quiet', 'no notes on stderr')
      .addOption(maxFileSize())
      .option('--debug', 'show stack traces')
      .action((opts) => run(async () => (await import('./commands/sheet.js')).sheet(opts)));
  });

  // Only the command named first on the command line is defined: the others' hundred-odd
  // options cost every start a few milliseconds. Any other first word (an option such as
  // --help, `help`, a typo) gets them all, for the list of commands and the suggestion.
  const only = commands.some(([name]) => name === argv[2]) ? argv[2] : undefined;
  for (const [name, define] of commands) if (only === undefined || name === only) define();
  plainDefaults(program);
  return program;
}

/**
 * Commander prints a string default as JSON, `(default: "20")`; the help shows it as it is
 * typed, `(default: 20)`. (A default that needs words has its description set where declared.)
 */
function plainDefaults(cmd: Command): void {
  for (const o of [...cmd.options, ...cmd.registeredArguments]) {
    if (typeof o.defaultValue === 'string' && o.defaultValueDescription === undefined) o.defaultValueDescription = o.defaultValue;
  }
  for (const sub of cmd.commands) plainDefaults(sub);
}

/** process.stdout and process.stderr, once Node has made them (see whenMade). */
const made: NodeJS.WriteStream[] = [];

/**
 * Ends the process once main is done, when nothing written is still waiting to leave: Node's own
 * way out would first run a scavenge it had scheduled and take the heap apart, a few ms of a
 * short command's CPU. A pipe whose reader is slow still holds output: then the process ends on
 * its own when it has drained. ('exit' handlers, which release locks, run either way.) Only the
 * executable calls this (bin/vendorscore.js); tests call main and go on.
 */
export function exitWhenWritten(): void {
  if (made.every((stream) => stream.writableLength === 0)) process.exit();
}

/**
 * Calls `then` with process.stdout or process.stderr when Node makes it, not before: making one
 * loads Node's stream modules (~2 ms), which output written straight to a file or /dev/null
 * never needs (src/cli/output.ts writes those with writeSync).
 */
function whenMade(name: 'stdout' | 'stderr', then: (stream: NodeJS.WriteStream) => void): void {
  const node = Object.getOwnPropertyDescriptor(process, name);
  if (!node?.get || !node.configurable) {
    then(process[name]);
    return;
  }
  let made: NodeJS.WriteStream | undefined;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: node.enumerable,
    get: () => {
      if (made === undefined) {
        made = node.get!.call(process) as NodeJS.WriteStream;
        then(made);
      }
      return made;
    },
  });
}

export async function main(argv: string[]): Promise<void> {
  // `vendorscore compare | head -1` closes the pipe early: that is not an error. The same for
  // stderr (`check 2>&1 | head`): the exit code stays the command's own (2 for bad input).
  // Any other failure of stdout (`> /dev/full`: ENOSPC) is one line on stderr and exit 2; of
  // stderr, just exit 2, since there is nowhere left to say it.
  for (const name of ['stdout', 'stderr'] as const) {
    whenMade(name, (stream) => {
      made.push(stream);
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        if (name === 'stdout') {
          try {
            writeStderr(`vendorscore: cannot write the output: ${ioErrorReason(e) ?? safeText(e.message)}\n`);
          } catch {
            /* stderr is gone too */
          }
        }
        process.exit(ExitCode.Usage);
      });
    });
  }
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : ExitCode.Usage;
      return;
    }
    // Outside a command: `--help > /dev/full`, or a bug in the wiring.
    fail(e);
  }
}
