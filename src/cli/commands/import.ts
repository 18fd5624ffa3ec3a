import { ExitCode, UserError } from '../../errors.js';
import { parseAnswerSheet, sheetKind } from '../../io/answer-sheet.js';
import { checkTarget } from '../../io/atomic.js';
import { acquireLock, EvaluationDoc, schemaComment, writeEvaluationDoc } from '../../io/evaluation-doc.js';
import { displayPath, readTextFile } from '../../io/files.js';
import { evaluationFromSource, rubricRef } from '../../io/load.js';
import { parseYaml } from '../../io/yaml.js';
import { quote, safeText } from '../../text/sanitize.js';
import { writeStderr } from '../output.js';
import { slotsOf } from '../../interview/session.js';
import { checkEvaluatorName, checkVendorName, defaultOutPath, evaluationsRoot, loadRubricOrFail, shellQuote, today, vendorIdOf } from '../../interview/target.js';

export interface ImportFlags {
  vendor: string;
  evaluator: string;
  rubric?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  maxFileSize?: number;
}

/** `vendorscore import answers.csv --vendor NAME --evaluator NAME`: answers kept elsewhere become an evaluation file. */
export async function importAnswers(file: string, flags: ImportFlags): Promise<number> {
  const vendorName = flags.vendor.trim();
  const evaluator = flags.evaluator.trim();
  const badVendor = checkVendorName(vendorName);
  if (badVendor !== true) throw new UserError(`--vendor: ${badVendor}`);
  const badEvaluator = checkEvaluatorName(evaluator, !flags.out);
  if (badEvaluator !== true) throw new UserError(`--evaluator: ${badEvaluator}`);
  if (!sheetKind(file)) throw new UserError(`${displayPath(file)}: cannot tell the format from the name; use a .csv, .yaml, .yml or .json file`);

  const rubric = loadRubricOrFail(flags);
  const { text, problem } = readTextFile(file, flags.maxFileSize);
  if (problem) throw new UserError('cannot read the answers', [problem]);
  const sheet = parseAnswerSheet(displayPath(file), text!, rubric);
  if (sheet.problems.length > 0) throw new UserError(`${sheet.problems.length} problem(s) in ${displayPath(file)}; nothing was written`, sheet.problems);

  const vendorId = vendorIdOf(vendorName);
  const out = flags.out ?? defaultOutPath(vendorId, evaluator);
  // Only a regular file is replaced, with --force; evaluations/<vendor-id>/ is ours to create, an --out folder must exist.
  checkTarget(out, { overwrite: flags.force === true, createParent: flags.out === undefined });

  const order = slotsOf(rubric).map((s) => s.question.id);
  const doc = EvaluationDoc.create({ vendorId, vendorName, evaluator, rubric: rubricRef(rubric), date: today() }, schemaComment(out));
  const answers = [...sheet.answers].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  for (const a of answers) doc.setAnswer(a.id, a.answer.score === null && !a.answer.notes && a.answer.evidence.length === 0 ? null : a.answer, order);

  // What we write must load like any hand-written file; if it does not, that is a bug here.
  const written = doc.toString();
  const reparsed = parseYaml(displayPath(out), written);
  const check = reparsed.source ? evaluationFromSource(reparsed.source, rubric) : { problems: reparsed.problems };
  if (check.problems.length > 0) throw new Error(`import produced an invalid evaluation:\n${check.problems.map((p) => p.message).join('\n')}`);

  const lock = acquireLock(out, 'import');
  try {
    writeEvaluationDoc(out, doc);
  } finally {
    lock.release();
  }
  if (!flags.quiet) {
    const scored = answers.filter((a) => a.answer.score !== null).length;
    if (sheet.ignoredColumns.length > 0) writeStderr(`note: ignored column(s) ${sheet.ignoredColumns.map((c) => quote(c)).join(', ')}\n`);
    writeStderr(`wrote ${safeText(displayPath(out))}: ${scored} of ${order.length} questions scored\n`);
    writeStderr(`next: vendorscore compare ${shellQuote(displayPath(evaluationsRoot(out, vendorId)) || '.')}${flags.rubric ? ` --rubric ${shellQuote(flags.rubric)}` : ''}\n`);
  }
  return ExitCode.Ok;
}
