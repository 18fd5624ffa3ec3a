import { ExitCode, UserError } from '../../errors.js';
import { checkTarget, writeFileAtomic } from '../../io/atomic.js';
import { safeText } from '../../text/sanitize.js';
import { displayPath } from '../../io/files.js';
import { loadRubricOrFail, shellQuote } from '../../interview/target.js';
import { renderSheetCsv, sheetRows, SHEET_WIDTHS } from '../../report/sheet.js';
import { noteRubric } from '../common.js';
import { emit, resolveFormat, writeStderr } from '../output.js';

export interface SheetFlags {
  format?: string;
  rubric?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  maxFileSize?: number;
}

/** `vendorscore sheet --format csv|xlsx --out answers.xlsx`: a blank answer sheet that `import` reads back. */
export async function sheet(flags: SheetFlags): Promise<number> {
  const resolved = resolveFormat(flags.format, flags.out, ['csv', 'xlsx']);
  const format = resolved === 'xlsx' ? 'xlsx' : 'csv';
  const rubric = loadRubricOrFail(flags);
  noteRubric(rubric, flags);
  if (format === 'csv') {
    emit(renderSheetCsv(rubric), flags);
  } else {
    if (!flags.out) throw new UserError('--format xlsx writes a workbook, not text; name the file with --out, for example --out answers.xlsx');
    // Checked before the workbook is built; the write checks again (only a regular file, with --force).
    checkTarget(flags.out, { overwrite: flags.force === true });
    const { writeXlsx } = await import('../../io/xlsx.js');
    writeFileAtomic(flags.out, await writeXlsx(sheetRows(rubric), SHEET_WIDTHS), { overwrite: flags.force === true });
    if (!flags.quiet) writeStderr(`wrote ${safeText(displayPath(flags.out))}\n`);
  }
  if (flags.out && !flags.quiet) {
    writeStderr(`next: fill in the score column, then vendorscore import ${shellQuote(displayPath(flags.out))} --vendor NAME --evaluator NAME${flags.rubric ? ` --rubric ${shellQuote(flags.rubric)}` : ''}\n`);
  }
  return ExitCode.Ok;
}
