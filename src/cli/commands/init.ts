import { existsSync, lstatSync, mkdirSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rubric } from '../../core/types.js';
import { ExitCode, UserError } from '../../errors.js';
import { asWriteError, writeFileAtomic, WriteError } from '../../io/atomic.js';
import { displayPath } from '../../io/files.js';
import { defaultRubricPath, loadRubric, rubricRef } from '../../io/load.js';
import { renderJsonSchema } from '../../schema/json-schema.js';
import { shellQuote } from '../../interview/target.js';
import { safeText } from '../../text/sanitize.js';
import { writeStdout } from '../output.js';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface InitFlags {
  quiet?: boolean;
}

/** templates/init in the package, found from this module (src/ or a dist/ chunk). */
function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'templates', 'init');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('templates/init is missing from the vendorscore package');
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
}

/** The files of a new workspace, by path relative to its folder, with what each is for. */
export function scaffold(rubric: Rubric, rubricText: string, today: string): Array<{ file: string; text: string; what: string }> {
  const t = (name: string) => readFileSync(path.join(templatesDir(), name), 'utf8');
  const values = { version: VERSION, rubric: rubricRef(rubric), date: today, answers: exampleAnswers(rubric) };
  // The bundled rubric's modeline points at ../schemas; the copy sits next to schemas/.
  const rubricCopy = rubricText.replace(/^# yaml-language-server: \$schema=\S+/, '# yaml-language-server: $schema=schemas/rubric.schema.json');
  return [
    { file: 'rubric.yaml', text: rubricCopy, what: `the rubric, a copy of ${rubricRef(rubric)}: edit questions and weights here` },
    { file: 'evaluations/example-vendor/your-name.yaml', text: fill(t('example-evaluation.yaml'), values), what: 'an annotated example evaluation' },
    { file: 'schemas/rubric.schema.json', text: renderJsonSchema('rubric'), what: 'JSON Schema for editors' },
    { file: 'schemas/evaluation.schema.json', text: renderJsonSchema('evaluation', rubric), what: 'JSON Schema for editors, with this rubric\'s questions' },
    { file: 'README.md', text: fill(t('README.md'), values), what: 'how the folder works' },
    { file: '.github/workflows/vendorscore.yml', text: fill(t('workflow.yml'), values), what: 'check, ranking in the job summary, gate' },
  ];
}

/** Every question of the rubric, as a commented answer; the example scores 4 throughout. */
function exampleAnswers(rubric: Rubric): string {
  const out: string[] = [];
  let n = 0;
  for (const area of rubric.areas) {
    out.push(`  # ── ${area.name} ${'─'.repeat(Math.max(3, 88 - area.name.length))}`);
    for (const q of area.questions) {
      for (const line of wrap(q.text, 94)) out.push(`  # ${line}`);
      n++;
      if (n === 1) {
        out.push(`  ${q.id}:`, '    score: 4                # on the rubric\'s scale; null if not asked yet', '    notes: What the vendor said or showed that earned the score.', '    evidence: [a-document.pdf, https://example.com/a-link]   # optional; one item or a list');
      } else if (q.evidence) {
        out.push(`  ${q.id}:`, '    score: 4', '    evidence: [a-document.pdf]   # the rubric asks for evidence here');
      } else {
        out.push(`  ${q.id}: 4${n === 2 ? '                # a bare number is the score' : ''}`);
      }
    }
  }
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Scaffolds a workspace in `dir`; refuses to overwrite anything, listing every conflict. */
export async function init(dir: string, flags: InitFlags): Promise<number> {
  const rubricPath = defaultRubricPath();
  const { rubric, problems } = loadRubric(rubricPath);
  if (!rubric) throw new UserError('the bundled rubric is invalid', problems);
  const files = scaffold(rubric, readFileSync(rubricPath, 'utf8'), new Date().toISOString().slice(0, 10));

  if (existsSync(dir) && !lstatSync(dir).isDirectory()) throw new UserError(`${displayPath(dir)}: is not a folder`);
  const conflicts = [...new Set(files.flatMap((f) => blocked(dir, f.file)))];
  if (conflicts.length > 0) {
    throw new UserError(
      `${displayPath(dir)}: not initialised; these files already exist and vendorscore init never overwrites:\n${conflicts.map((c) => `  ${displayPath(c)}`).join('\n')}\nMove them away, or run init in an empty folder.`,
    );
  }
  writeAllOrNothing(dir, files);
  if (!flags.quiet) {
    const width = Math.max(...files.map((f) => f.file.length));
    const where = displayPath(dir);
    writeStdout(`Created a vendorscore workspace in ${where === '' ? '.' : safeText(where)}:\n`);
    for (const f of files) writeStdout(`  ${f.file.padEnd(width)}  ${f.what}\n`);
    const cd = path.resolve(dir) === process.cwd() ? '' : `cd ${shellQuote(where)} && `;
    writeStdout(`\nNext: ${cd}vendorscore check --rubric rubric.yaml evaluations\n`);
  }
  return ExitCode.Ok;
}

/**
 * Writes every file or none: each is published only if its name is free (a file that appeared
 * since the check is never overwritten), and on any failure the files and folders written so far
 * are removed again, so a failed init leaves the folder as it was.
 */
function writeAllOrNothing(dir: string, files: ReadonlyArray<{ file: string; text: string }>): void {
  const created: string[] = [];
  try {
    for (const f of files) {
      const target = path.join(dir, f.file);
      makeFolders(path.dirname(target), created);
      writeFileAtomic(target, f.text, { overwrite: false });
      created.push(target);
    }
  } catch (e) {
    const left = undo(created);
    const reason = e instanceof WriteError && e.code === 'EEXIST' ? `${safeText(displayPath(e.file))}: appeared while init was writing; init never overwrites` : e instanceof UserError ? e.message : undefined;
    if (reason === undefined) throw e;
    const after = left.length > 0 ? `could not remove ${left.map((p) => safeText(displayPath(p))).join(', ')}` : 'nothing was left behind';
    throw new UserError(`${safeText(displayPath(dir) || '.')}: not initialised (${after}): ${reason}`);
  }
}

/** Creates the missing folders of `dir`, outermost first, recording each in `created`. */
function makeFolders(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let p = path.resolve(dir); !existsSync(p); p = path.dirname(p)) missing.unshift(p);
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (e) {
      throw asWriteError(e, p);
    }
    created.push(p);
  }
}

/** Removes what init created, newest first; returns what could not be removed. */
function undo(created: readonly string[]): string[] {
  const left: string[] = [];
  for (const p of [...created].reverse()) {
    try {
      if (lstatSync(p).isDirectory()) rmdirSync(p);
      else unlinkSync(p);
    } catch {
      left.push(p);
    }
  }
  return left;
}

/** The file itself if anything is there, or a parent folder that exists but is not a folder. */
function blocked(dir: string, file: string): string[] {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    const parent = path.join(dir, ...parts.slice(0, i));
    if (existsSync(parent) && !lstatSync(parent).isDirectory()) return [parent];
  }
  const target = path.join(dir, file);
  return existsSync(target) || isBrokenLink(target) ? [target] : [];
}

function isBrokenLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
