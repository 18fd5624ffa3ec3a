/**
 * `vendorscore weights --method ahp|roc|swing|bwm --save judgments.yaml`: the judgments asked one
 * at a time in the terminal, each saved (atomically) to the judgments file as it is given, so
 * Ctrl-C, a closed terminal or a crash loses nothing and the same command resumes. At the end the
 * weights are derived as `--from` would, and written into the rubric (a copy of a bundled one).
 */
import { exitOnStopSignals } from '../stop-signals.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deriveWeights, type Derivation } from '../../core/weights/derive.js';
import { ExitCode, UserError } from '../../errors.js';
import { acquireLock } from '../../io/evaluation-doc.js';
import { displayPath } from '../../io/files.js';
import { loadJudgments } from '../../io/judgments.js';
import { saveJudgments } from '../../io/judgments-save.js';
import { loadSource } from '../../io/load.js';
import { positionOf, problemAt } from '../../io/yaml.js';
import { shellQuote } from '../../interview/target.js';
import { answeredCount, nextQuestion, questions, start, withAnswer, type AreaName, type Progress, type Question } from '../../interview/weights-flow.js';
import { areaName, renderWeights, repairLine } from '../../report/weights.js';
import { judgmentsShape, WEIGHT_METHODS, type WeightMethod } from '../../schema/judgments.js';
import { validateSource } from '../../schema/validate.js';
import { quote, safeText } from '../../text/sanitize.js';
import { noteRubric } from '../common.js';
import { KeyFeed } from '../keys.js';
import { clearScreen, useColor, writeStderr, writeStdout } from '../output.js';
import { rubricForWeights, writeDerived, type WeightsFlags } from './weights.js';

export async function weightsSession(flags: WeightsFlags): Promise<number> {
  const method = flags.method as WeightMethod;
  if (!(WEIGHT_METHODS as readonly string[]).includes(method)) throw new UserError(`--method must be one of ${WEIGHT_METHODS.join(', ')}, not ${quote(flags.method ?? '')}`);
  if (flags.check) throw new UserError('--check compares the rubric with a judgments file: use it with --from');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(`weights --method asks its questions in an interactive terminal, and ${process.stdin.isTTY ? 'stdout' : 'stdin'} is not one; to derive weights from judgments kept in a file, use: vendorscore weights --from judgments.yaml`);
  }
  const feed = new KeyFeed();
  feed.start();
  const stop = () => feed.stop();
  process.on('exit', stop);
  try {
    return await sessionOn(method, flags, feed);
  } finally {
    stop();
  }
}

async function sessionOn(method: WeightMethod, flags: WeightsFlags, feed: KeyFeed): Promise<number> {
  const loaded = rubricForWeights(flags);
  noteRubric(loaded.rubric, flags);
  const areas: AreaName[] = loaded.rubric.areas.map((a) => ({ id: a.id, name: a.name }));
  const file = flags.save ?? 'judgments.yaml';
  const shown = displayPath(file);
  const lock = acquireLock(file, 'a weights session');
  process.on('exit', () => lock.release());
  try {
    let progress = existsSync(file) ? resumed(file, method, areas, flags) : start(method, areas);
    const prompts = await import('../prompts.js');
    const resume = `vendorscore weights --method ${method}${flags.rubric ? ` --rubric ${shellQuote(path.resolve(flags.rubric))}` : ''} --save ${shellQuote(path.resolve(file))}`;
    const savedLine = () => {
      const { given, count } = answeredCount(progress, areas);
      return `${given} of ${count} judgments are saved in ${safeText(shown)}.`;
    };
    exitOnStopSignals({ saved: savedLine, resume });
    const askOne = async (q: Question, number: number, count: number): Promise<string | number> => {
      clearScreen();
      writeStdout(`${method.toUpperCase()} · question ${number} of ${count} · saved in ${safeText(shown)}\n`);
      return q.kind === 'choice' ? prompts.askChoice(q.message, q.choices, q.default, feed) : prompts.askPoints(q.message, q.default, feed);
    };
    try {
      for (let next = nextQuestion(progress, areas); next; next = nextQuestion(progress, areas)) {
        progress = withAnswer(progress, next.question, await askOne(next.question, next.number, next.count));
        lock.assertHeld();
        saveJudgments(file, progress);
      }
      let derivation = derived(file, loaded.rubric, flags);
      // Inconsistent AHP judgments: offer the worst ones again, with the repair as the suggestion.
      while (derivation.ahp && !derivation.ahp.consistent && derivation.ahp.worst.length > 0) {
        writeStdout(`\n${renderWeights({ derivation, rubric: loaded.rubric, file: shown }, 'table', { color: useColor(flags) })}`, { color: true });
        const worst = derivation.ahp.worst;
        const pick = await prompts.askChoice('Inconsistent (CR above 0.10): change one of these judgments?', [
          ...worst.map((j, k) => ({ name: `Change ${repairLine(j, derivation.judgments.criteria, areaName(loaded.rubric))}`, value: String(k) })),
          { name: 'Keep the judgments as they are', value: 'keep' },
        ], undefined, feed);
        if (pick === 'keep') break;
        const j = worst[Number(pick)]!;
        const q = questions(progress, areas).find((x) => x.key === `matrix.${j.row}.${j.column}`)!;
        const repair = j.repair >= 1 ? String(Math.round(j.repair)) : `1/${Math.round(1 / j.repair)}`;
        progress = withAnswer(progress, q, await askOne({ ...q, default: repair } as Question, 1, 1));
        lock.assertHeld();
        saveJudgments(file, progress);
        derivation = derived(file, loaded.rubric, flags);
      }
      writeStdout(`\n${renderWeights({ derivation, rubric: loaded.rubric, file: shown }, 'table', { color: useColor(flags) })}`, { color: true });
      const written = writeDerived(derivation, loaded.rubric, loaded.file, loaded.text, { ...flags, write: flags.write ?? true, quiet: true }, shown);
      writeStdout(`\nThe judgments are in ${safeText(shown)}; the weights are written into ${safeText(displayPath(written))}, its comments kept.\nCheck them in CI with: vendorscore weights --from ${shellQuote(shown)} --rubric ${shellQuote(displayPath(written))} --check\n`);
      return ExitCode.Ok;
    } catch (e) {
      if (e instanceof prompts.Interrupted) {
        writeStderr(`\nInterrupted. ${savedLine()}\nResume with: ${resume}\n`);
        return ExitCode.Interrupted;
      }
      throw e;
    }
  } finally {
    lock.release();
  }
}

/** The weights from the saved file, read back as `--from` reads it: what is on disk is what is derived. */
function derived(file: string, rubric: Parameters<typeof loadJudgments>[1], flags: WeightsFlags): Derivation {
  const { judgments, problems } = loadJudgments(file, rubric, { maxBytes: flags.maxFileSize });
  if (!judgments) throw new UserError('the judgments file is not valid', problems);
  return deriveWeights(judgments);
}

/** An existing --save file: resumed when it holds this method's judgments on these areas. */
function resumed(file: string, method: WeightMethod, areas: readonly AreaName[], flags: WeightsFlags): Progress {
  const { source, problems } = loadSource(file, { maxBytes: flags.maxFileSize });
  if (!source) throw new UserError('cannot read the judgments file', problems);
  const { value, problems: invalid } = validateSource(source, judgmentsShape, (d) => judgmentsShape.safeParse(d, { reportInput: true }));
  if (!value) throw new UserError('the judgments file has problems; fix them before resuming', invalid);
  if (value.method !== method) {
    throw new UserError('the judgments file holds another method', [problemAt(source.file, positionOf(source, ['method']), `holds ${value.method} judgments, not ${method}; resume with --method ${value.method}, or --save another file`, 'other-method')]);
  }
  const ids = areas.map((a) => a.id);
  if (value.criteria.join(',') !== ids.join(',')) {
    throw new UserError('the judgments file is about other areas', [problemAt(source.file, positionOf(source, ['criteria']), `judges the areas ${value.criteria.join(', ')}, but the rubric's are ${ids.join(', ')}; --save another file`, 'other-areas')]);
  }
  return value;
}
