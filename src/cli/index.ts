import { Command, CommanderError, Option } from 'commander';
import { ExitCode, PolicyFailure, UserError } from '../errors.js';

declare const __VERSION__: string;

/**
 * Runs one command and turns its outcome into an exit code. Known errors print one line per
 * problem and no stack; anything else is a bug and keeps its stack.
 */
async function run(action: () => Promise<number>): Promise<void> {
  const debug = process.argv.includes('--debug');
  const { writeStderr } = await import('./output.js');
  try {
    process.exitCode = await action();
  } catch (e) {
    if (e instanceof UserError) {
      for (const line of e.lines()) writeStderr(`${/^(vendorscore|\S+:\d+:\d+: )/.test(line) ? '' : 'vendorscore: '}${line}\n`);
      if (debug) writeStderr(`${e.stack}\n`);
      process.exitCode = ExitCode.Usage;
    } else if (e instanceof PolicyFailure) {
      writeStderr(`vendorscore: ${e.message}\n`);
      process.exitCode = ExitCode.PolicyFailed;
    } else {
      writeStderr(`vendorscore: internal error (a bug; please report it with this output):\n${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 70;
    }
  }
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`--max-file-size must be a positive whole number of bytes, not "${v}"`);
  return n;
};

function common(cmd: Command, formats: string): Command {
  return cmd
    .option('--rubric <file>', 'rubric file (default: the bundled ai-vendor rubric)')
    .option('--format <format>', `output format: ${formats}`)
    .option('--out <file>', 'write to a file instead of stdout (format from its extension)')
    .option('--force', 'overwrite --out if it exists')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--quiet', 'no notes or warnings on stderr')
    .addOption(new Option('--max-file-size <bytes>', 'largest input file read').argParser(int).hideHelp())
    .option('--debug', 'show stack traces');
}

function scoring(cmd: Command): Command {
  return cmd
    .option('--aggregate <how>', 'combine evaluators by mean or median (default: rubric, else mean)')
    .option('--missing <policy>', 'unanswered questions count as min, or are ignored (default: rubric)')
    .option('--weights <id=w,...>', 'override area or question weights, e.g. data-security=30,ownership=20');
}

/** CI gates and movement, shared by compare and shortlist. */
function gated(cmd: Command): Command {
  return cmd
    .option('--baseline <results.json>', 'add movement columns against a previous `compare --format json` result')
    .option('--fail-under <total>', 'exit 1 if the leader (with --all: any qualified vendor) totals below this')
    .option('--all', 'apply --fail-under to every qualified vendor, not just the leader')
    .option('--require-complete', 'exit 1 if a listed vendor has an unanswered question')
    .option('--fail-if-empty', 'exit 1 if no qualified vendor is listed')
    .option('--max-disagreement <points>', 'exit 1 if evaluators are more than this many scale points apart on a question');
}

export function buildProgram(): Command {
  const program = new Command('vendorscore')
    .description('Score and compare AI development vendors against a weighted rubric')
    .version(typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev')
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (str, write) => write(str.startsWith('error:') ? `vendorscore: ${str}` : str) })
    .exitOverride();

  gated(scoring(common(program.command('compare').argument('[paths...]', 'evaluation files or folders (default: ./evaluations)'), 'table, markdown, json, csv, html')))
    .description('ranked, weighted comparison of every vendor found')
    .action((paths: string[], opts) => run(async () => (await import('./commands/compare.js')).compare(paths, opts)));

  gated(scoring(common(program.command('shortlist').argument('[paths...]', 'evaluation files or folders'), 'table, markdown, json, csv, html')))
    .description('qualified vendors at or above --min-score, at most --top')
    .option('--top <n>', 'at most this many vendors')
    .option('--min-score <total>', 'lowest total (0–100) to include', undefined)
    .action((paths: string[], opts) => run(async () => (await import('./commands/compare.js')).shortlist(paths, opts)));

  scoring(common(program.command('score').argument('<vendor-id>', 'vendor id (or exact name)').argument('[paths...]', 'evaluation files or folders'), 'table, markdown, json, csv'))
    .description('one vendor in depth: every area, question, evaluator score, note and flag')
    .action((vendor: string, paths: string[], opts) => run(async () => (await import('./commands/score.js')).score(vendor, paths, opts)));

  common(program.command('check').argument('[paths...]', 'evaluation files or folders'), 'text, json, github')
    .description('validate the rubric and every evaluation; exit 1 when anything is wrong')
    .option('--strict', 'warnings fail too')
    .action((paths: string[], opts) => run(async () => (await import('./commands/check.js')).check(paths, opts)));

  program
    .command('diff')
    .argument('<old.json>', 'an earlier `compare --format json` result')
    .argument('<new.json>', 'a later one')
    .description('what moved in the ranking and why: answers, evaluators and weights, largest first')
    .option('--format <format>', 'output format: text, markdown, json')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .option('--quiet', 'no notes on stderr')
    .option('--debug', 'show stack traces')
    .action((oldFile: string, newFile: string, opts) => run(async () => (await import('./commands/diff.js')).diff(oldFile, newFile, opts)));

  program
    .command('init')
    .argument('[dir]', 'folder to create the workspace in', '.')
    .description('scaffold a workspace: a rubric, an example evaluation, schemas, a README and a GitHub Actions workflow')
    .option('--quiet', 'do not list the files written')
    .option('--debug', 'show stack traces')
    .action((dir: string, opts) => run(async () => (await import('./commands/init.js')).init(dir, opts)));

  scoring(common(program.command('sensitivity').argument('[paths...]', 'evaluation files or folders'), 'table, markdown, json'))
    .description('would the ranking survive other weights or one evaluator\'s bias?')
    .option('--spread <percent>', 'plausible weight changes: each weight within ±percent, alone and in the random draws', '20')
    .option('--samples <n>', 'random weight draws (more are drawn, up to 8 times as many, while the result is too close to call)', '2000')
    .option('--seed <n>', 'seed for the draws (same seed, same report)', '1')
    .option('--bias <points>', 'make one evaluator this many scale points harsher or kinder (rounded to the scale\'s step); also the largest single-score change counted as plausible', '1')
    .action((paths: string[], opts) => run(async () => (await import('./commands/sensitivity.js')).sensitivity(paths, opts)));

  const rubric = program.command('rubric').description('show, validate or describe (JSON Schema) a rubric');
  common(rubric.command('show').argument('[file]', 'rubric file (default: --rubric or the bundled one)'), 'table, markdown, json')
    .description('print a rubric: areas, weights, questions and guidance')
    .action((file: string | undefined, opts) => run(async () => (await import('./commands/rubric.js')).rubricShow(file, opts)));
  common(rubric.command('validate').argument('[file]', 'rubric file'), 'text')
    .description('validate a rubric file; exit 1 when it is invalid')
    .action((file: string | undefined, opts) => run(async () => (await import('./commands/rubric.js')).rubricValidate(file, opts)));
  rubric.command('schema')
    .description('print the JSON Schema of rubric or evaluation files (for editors and CI)')
    .option('--kind <kind>', 'rubric or evaluation', 'rubric')
    .option('--rubric <file>', 'with --kind evaluation: complete and describe this rubric\'s question ids')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .option('--quiet', 'no notes on stderr')
    .option('--debug', 'show stack traces')
    .action((opts) => run(async () => (await import('./commands/rubric.js')).rubricSchemaCommand(opts)));

  program.command('interview')
    .description('score one vendor question by question; every answer is saved as you go')
    .option('--vendor <name>', 'vendor name (asked when missing)')
    .option('--evaluator <name>', 'your name (asked when missing)')
    .option('--rubric <file>', 'rubric file (default: the bundled ai-vendor rubric)')
    .option('--out <file>', 'evaluation file (default: evaluations/<vendor-id>/<evaluator>.yaml); an existing one is resumed')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .addOption(new Option('--max-file-size <bytes>', 'largest input file read').argParser(int).hideHelp())
    .option('--debug', 'show stack traces')
    .action((opts) => run(async () => (await import('./commands/interview.js')).interview(opts)));

  program.command('import')
    .argument('<file>', 'answers as CSV (question, score, notes, evidence) or a YAML/JSON map of question to score')
    .description('turn answers kept in a spreadsheet export or a map into an evaluation file')
    .requiredOption('--vendor <name>', 'vendor name')
    .requiredOption('--evaluator <name>', 'evaluator name')
    .option('--rubric <file>', 'rubric file (default: the bundled ai-vendor rubric)')
    .option('--out <file>', 'evaluation file (default: evaluations/<vendor-id>/<evaluator>.yaml)')
    .option('--force', 'overwrite --out if it exists')
    .option('--quiet', 'no notes on stderr')
    .addOption(new Option('--max-file-size <bytes>', 'largest input file read').argParser(int).hideHelp())
    .option('--debug', 'show stack traces')
    .action((file: string, opts) => run(async () => (await import('./commands/import.js')).importAnswers(file, opts)));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `vendorscore compare | head -1` closes the pipe early: that is not an error. The same for
  // stderr (`check 2>&1 | head`): the exit code stays the command's own (2 for bad input).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : ExitCode.Usage;
      return;
    }
    throw e;
  }
}

await main(process.argv);
