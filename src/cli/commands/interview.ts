import { exitOnStopSignals } from '../stop-signals.js';
import { existsSync, readdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { defaultOptions, scoreVendor } from '../../core/score.js';
import type { Evaluation } from '../../core/types.js';
import { ExitCode, UserError } from '../../errors.js';
import { checkTarget } from '../../io/atomic.js';
import { acquireLock, EvaluationDoc, removeStaleTemps, schemaComment, type Lock } from '../../io/evaluation-doc.js';
import { EvaluationSaver } from '../../io/evaluation-save.js';
import { displayPath } from '../../io/files.js';
import { evaluationFromSource, loadSource, rubricRef } from '../../io/load.js';
import { positionOf, problemAt, type SourceFile } from '../../io/yaml.js';
import { runInterview, SaveAbandoned } from '../../interview/flow.js';
import { renderSummary } from '../../interview/render.js';
import { answeredCount, formatScore, slotsOf, type Drafts } from '../../interview/session.js';
import { checkEvaluatorName, closeVendorId, loadRubricOrFail, checkVendorName, defaultOutPath, evaluationsRoot, shellQuote, today, vendorIdOf } from '../../interview/target.js';
import { nameKey } from '../../core/identity.js';
import { clip, quoteName, safeText } from '../../text/sanitize.js';
import { useColor, writeStderr, writeStdout } from '../output.js';
import { noteRubric } from '../common.js';
import { KeyFeed } from '../keys.js';
import { keyedRecord } from '../../core/keyed.js';

export interface InterviewFlags {
  vendor?: string;
  evaluator?: string;
  rubric?: string;
  out?: string;
  /** Where new evaluation files go: <folder>/<vendor-id>/<evaluator>.yaml (default: evaluations). */
  folder?: string;
  /** What the summary offers to run next, when not `compare` (readiness: its verdict follows). */
  next?: string;
  maxFileSize?: number;
  color?: boolean;
}

interface Owner {
  vendorId?: string | undefined;
  vendorIdGiven?: boolean;
  vendorName?: string | undefined;
  evaluator?: string | undefined;
  evaluatorId?: string | undefined;
  rubric?: string | undefined;
}

function ownerOf(src: SourceFile): Owner {
  const d = (src.data ?? {}) as { vendor?: { id?: unknown; name?: unknown }; evaluator?: unknown; 'evaluator-id'?: unknown; rubric?: unknown };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const name = str(d.vendor?.name);
  const id = str(d.vendor?.id);
  return { vendorId: id ?? (name ? vendorIdOf(name) : undefined), vendorIdGiven: id !== undefined, vendorName: name, evaluator: str(d.evaluator), evaluatorId: str(d['evaluator-id']), rubric: str(d.rubric) };
}

/** Another spelling of the file's evaluator (core/identity.ts), or their evaluator-id, is the same person. */
const sameEvaluator = (owner: Owner, name: string) => owner.evaluator !== undefined && (nameKey(owner.evaluator) === nameKey(name) || owner.evaluatorId === nameKey(name));

/** Refuses an existing file that belongs to another vendor, evaluator or rubric. */
function checkOwner(src: SourceFile, owner: Owner, want: { vendorId: string; vendorName: string; evaluator: string; rubric: string }): void {
  const where = (p: string[]) => positionOf(src, p);
  const problems = [];
  const sameName = owner.vendorName !== undefined && nameKey(owner.vendorName) === nameKey(want.vendorName);
  if (owner.vendorId !== want.vendorId && !sameName) {
    problems.push(problemAt(src.file, where(['vendor', owner.vendorIdGiven ? 'id' : 'name']), `belongs to vendor ${quoteName(owner.vendorName ?? owner.vendorId ?? '?')} (${clip(owner.vendorId ?? 'no id')}), not ${quoteName(want.vendorName)} (${clip(want.vendorId)}); refusing to overwrite it (choose another --out, or the right --vendor)`, 'other-vendor'));
  }
  if (!sameEvaluator(owner, want.evaluator)) {
    problems.push(problemAt(src.file, where(['evaluator']), `holds the answers of evaluator ${quoteName(owner.evaluator ?? '?')}, not ${quoteName(want.evaluator)}; refusing to overwrite it (choose another --out, or the right --evaluator)`, 'other-evaluator'));
  }
  if (owner.rubric !== want.rubric) {
    problems.push(problemAt(src.file, where(['rubric']), `was answered against rubric ${clip(owner.rubric ?? '?')}, but the rubric in use is ${clip(want.rubric)}; refusing to mix them (choose the matching rubric with --rubric)`, 'other-rubric'));
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) throw new UserError('the file belongs to another interview', problems);
}

/** The vendor folders under ./evaluations, or --folder (none when it is missing or unreadable). */
function vendorFolders(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** What the quit answer held, so it can be given again on resume. */
function unsavedLine(e: SaveAbandoned): string {
  const a = e.answer;
  if (!a) return `Unsaved change: clearing the answer to ${e.id}\n`;
  const parts = [`score ${a.score === null ? 'none' : formatScore(a.score)}`];
  if (a.notes) parts.push(`notes: ${safeText(a.notes, { max: 200 })}`);
  if (a.evidence.length > 0) parts.push(`evidence: ${a.evidence.map((x) => safeText(x, { max: 200 })).join(', ')}`);
  return `Unsaved answer to ${e.id}: ${parts.join(' · ')}\n`;
}

/** The file and the text it was read from (the base for merging hand edits made later). */
function loadExisting(file: string, flags: InterviewFlags): { src: SourceFile; text: string } {
  const { source, problems, text } = loadSource(file, { maxBytes: flags.maxFileSize });
  if (!source) throw new UserError('cannot read the evaluation file', problems);
  return { src: source, text: text! };
}

export async function interview(flags: InterviewFlags): Promise<number> {
  // One reader of the terminal for the whole session: no key is lost between prompts.
  const feed = process.stdin.isTTY && process.stdout.isTTY ? new KeyFeed() : undefined;
  feed?.start();
  const stop = () => feed?.stop();
  process.on('exit', stop);
  try {
    return await interviewOn(flags, feed);
  } finally {
    stop();
  }
}

async function interviewOn(flags: InterviewFlags, feed: KeyFeed | undefined): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    const which = !process.stdin.isTTY ? 'stdin' : 'stdout';
    throw new UserError(
      `interview needs an interactive terminal, and ${which} is not one. To turn answers kept in a file into an evaluation, use: vendorscore import answers.csv --vendor NAME --evaluator NAME`,
    );
  }
  const rubric = loadRubricOrFail(flags);
  noteRubric(rubric, flags);
  const ref = rubricRef(rubric);
  const prompts = await import('../prompts.js');

  // An --out that cannot be written (a device, a link, a missing folder) is refused before anything is asked.
  if (flags.out) checkTarget(flags.out);
  // An existing --out file names its own vendor and evaluator: resuming needs nothing else.
  let existing: { src: SourceFile; text: string } | undefined;
  if (flags.out && existsSync(flags.out)) existing = loadExisting(flags.out, flags);
  const fromFile = existing ? ownerOf(existing.src) : {};

  const vendorFlag = flags.vendor?.trim();
  if (vendorFlag !== undefined) {
    const ok = checkVendorName(vendorFlag);
    if (ok !== true) throw new UserError(`--vendor: ${ok}`);
  }
  const evaluatorFlag = flags.evaluator?.trim();
  if (evaluatorFlag !== undefined) {
    const ok = checkEvaluatorName(evaluatorFlag, !flags.out);
    if (ok !== true) throw new UserError(`--evaluator: ${ok}`);
  }
  let vendorName: string;
  let evaluator: string;
  let sameAs: string | undefined;
  try {
    vendorName = vendorFlag ?? fromFile.vendorName ?? (await prompts.askName('Vendor name', checkVendorName, feed));
    evaluator = evaluatorFlag ?? fromFile.evaluator ?? (await prompts.askName('Your name (evaluator)', (v) => checkEvaluatorName(v, !flags.out), feed));
    if (!existing && !flags.out) {
      // A new vendor id next to an existing one (ACME AI Labs Inc beside acme-ai-labs): ask before creating it.
      const id = vendorIdOf(vendorName);
      const near = closeVendorId(id, vendorFolders(flags.folder ?? 'evaluations'));
      if (near && (await prompts.askSameVendor(vendorName, id, near, feed))) sameAs = near;
    }
  } catch (e) {
    if (!(e instanceof prompts.Interrupted)) throw e;
    writeStderr('\nInterrupted before the first question; nothing was saved.\n');
    return ExitCode.Interrupted;
  }
  let vendorId = sameAs ?? (vendorFlag === undefined && fromFile.vendorId ? fromFile.vendorId : vendorIdOf(vendorName));
  const defaultOut = defaultOutPath(vendorId, evaluator, flags.folder);
  const out = flags.out ?? defaultOut;
  const shown = displayPath(out);

  // evaluations/<vendor-id>/ is ours to create; the folder of an --out must exist.
  checkTarget(out, { createParent: flags.out === undefined });
  const lock: Lock = acquireLock(out);
  process.on('exit', () => lock.release());
  let dropIfEmpty = () => {};
  removeStaleTemps(out);
  try {
    if (!existing && existsSync(out)) existing = loadExisting(out, flags);
    const drafts: Drafts = keyedRecord();
    const slots = slotsOf(rubric);
    const order = slots.map((s) => s.question.id);
    let saver: EvaluationSaver;
    let name = vendorName;
    if (existing) {
      const owner = ownerOf(existing.src);
      checkOwner(existing.src, owner, { vendorId, vendorName, evaluator, rubric: ref });
      const { evaluation, problems } = evaluationFromSource(existing.src, rubric);
      if (!evaluation) throw new UserError('the evaluation file has problems; fix them before resuming', problems);
      for (const [id, a] of Object.entries(evaluation.answers)) drafts[id] = { ...a, evidence: [...a.evidence] };
      saver = new EvaluationSaver(out, EvaluationDoc.fromSource(existing.src), existing.text, lock, order, flags.maxFileSize);
      name = evaluation.vendor.name;
      vendorId = evaluation.vendor.id;
      // Resumed under another spelling of the name: the file's spelling is the one it keeps.
      evaluator = evaluation.evaluator;
    } else {
      const doc = EvaluationDoc.create({ vendorId, vendorName, evaluator, rubric: ref, date: today() }, schemaComment(out));
      saver = EvaluationSaver.create(out, doc, lock, order, flags.maxFileSize);
      // Stopped before the first answer: the file made for it (and a vendor folder made for it) goes again.
      const untouched = doc.toString();
      const madeFolder = flags.out === undefined;
      dropIfEmpty = () => {
        if (Object.keys(drafts).length > 0) return;
        try {
          if (readFileSync(out, 'utf8') !== untouched) return;
          unlinkSync(out);
          lock.release();
          if (madeFolder) rmdirSync(path.dirname(out));
        } catch {
          /* kept: it is a valid evaluation without answers */
        }
      };
      process.on('exit', dropIfEmpty);
    }

    // A name that is not plain printable text is left out: the file itself names the vendor and evaluator.
    const printable = safeText(name) === name && safeText(evaluator) === evaluator;
    // Absolute paths, so the command works pasted into another folder or a new terminal; npx when started by npx.
    const resume = [
      process.env['npm_command'] === 'exec' ? 'npx vendorscore interview' : 'vendorscore interview',
      ...(printable ? [`--vendor ${shellQuote(name)}`, `--evaluator ${shellQuote(evaluator)}`] : []),
      ...(flags.rubric ? [`--rubric ${shellQuote(path.resolve(flags.rubric))}`] : []),
      `--out ${shellQuote(path.resolve(out))}`,
    ].join(' ');
    const savedLine = () => `${answeredCount(slots, drafts)} of ${slots.length} answers are saved in ${safeText(shown)}.`;

    const live: { keepHalfTyped?: () => void } = {};
    // Every answer is already on disk when a signal arrives, and notes or evidence half typed are saved now; say so and leave.
    exitOnStopSignals({ saved: savedLine, resume, keep: () => live.keepHalfTyped?.() });

    // --out names the evaluation file here, not a report: colour still follows the terminal.
    const color = useColor({ color: flags.color });
    let finished: boolean;
    try {
      ({ finished } = await runInterview({
        rubric,
        drafts,
        prompter: prompts.createPrompter(undefined, feed),
        live,
        save: (id, d) => saver.save(id, d),
        // Read for each screen: the terminal may have been resized.
        view: {
          color,
          get width() {
            return process.stdout.columns || 100;
          },
        },
      }));
    } catch (e) {
      if (e instanceof prompts.Interrupted) {
        writeStderr(`\nInterrupted. ${savedLine()}\nResume with: ${resume}\n`);
        return ExitCode.Interrupted;
      }
      if (e instanceof SaveAbandoned) {
        writeStderr(`\nvendorscore: ${safeText(e.message)}\n${unsavedLine(e)}${savedLine()}\nResume with: ${resume}\n`);
        return ExitCode.Usage;
      }
      throw e;
    }

    const evaluation: Evaluation = { file: shown, vendor: { id: vendorId, name }, rubric: ref, evaluator, answers: drafts };
    const result = scoreVendor(rubric, [evaluation], defaultOptions(rubric));
    const root = evaluationsRoot(out, vendorId);
    const compareCommand = flags.next ?? ['vendorscore compare', shellQuote(displayPath(root) || '.'), ...(flags.rubric ? [`--rubric ${shellQuote(flags.rubric)}`] : [])].join(' ');
    writeStdout(
      '\n' +
        renderSummary(
          { rubric, result, file: shown, slots, compareCommand, resumeCommand: !finished || result.unanswered.length > 0 ? resume : undefined },
          { color, width: process.stdout.columns || 100 },
        ),
      { color },
    );
    return ExitCode.Ok;
  } finally {
    lock.release();
    dropIfEmpty();
  }
}
