import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ExitCode, UserError } from '../../errors.js';
import { displayPath, readTextFile } from '../../io/files.js';
import { loadRubric } from '../../io/load.js';
import { planPackageJson, type PackagePlan } from '../../io/node-project.js';
import { bundledRubricNames, resolveRubricFile } from '../../io/bundled-rubrics.js';
import { packagePath } from '../../io/package-files.js';
import { EXAMPLE_WHAT, scaffold, VERSION } from '../../io/scaffold.js';
import { writeAllOrNothing, type PlannedWrite } from '../../io/write-all.js';
import { shellQuote } from '../../interview/target.js';
import { quote, safeText } from '../../text/sanitize.js';
import { writeStdout } from '../output.js';

export interface InitFlags {
  quiet?: boolean;
  example?: boolean;
  journey?: boolean;
  rubric?: string;
  force?: boolean;
  skipExisting?: boolean;
}

/** Where the workspace notes go when the folder has a README.md of its own. */
const OWN_README = 'VENDORSCORE.md';
const README_MARK = '<!-- Written by vendorscore init. -->';

/**
 * Scaffolds a workspace in `dir`, all or nothing. Files vendorscore owns (the rubric, the
 * evaluations, schemas, the workflow) are never overwritten without --force; files it does not
 * own are left alone: a README.md of the folder's own, an .nvmrc, package.json (only the
 * devDependency is added).
 */
export async function init(dir: string, flags: InitFlags): Promise<number> {
  if (flags.force && flags.skipExisting) throw new UserError('--force and --skip-existing cannot be used together');
  if (flags.example && flags.rubric !== undefined) throw new UserError('--example writes evaluations of the bundled rubric ai-vendor; leave out --rubric');
  const rubricPath = initRubricPath(flags.rubric);
  const { rubric, problems } = loadRubric(rubricPath);
  if (!rubric) throw new UserError(flags.rubric === undefined ? 'the bundled rubric is invalid' : `${safeText(displayPath(rubricPath))}: not a valid rubric; init changed nothing`, problems);
  if (existsSync(dir) && !lstatSync(dir).isDirectory()) throw new UserError(`${displayPath(dir)}: is not a folder`);

  const notes: string[] = [];
  const readme = isOwnReadme(path.join(dir, 'README.md')) ? OWN_README : 'README.md';
  if (readme === OWN_README) notes.push(`README.md is the folder's own: kept; the workspace notes are in ${OWN_README}`);
  const files = scaffold(rubric, readFileSync(rubricPath, 'utf8'), { today: new Date().toISOString().slice(0, 10), example: flags.example === true, readme, journey: flags.journey === true });
  if (flags.journey) files.push(...(await import('../../io/scaffold-journey.js')).journeyScaffold(flags.example === true));
  const writes = planOwned(dir, files, flags, notes);
  const listed = compact(writes.map((w) => ({ file: w.file, what: files.find((f) => f.file === w.file)!.what })));

  if (exists(path.join(dir, '.nvmrc'))) notes.push('.nvmrc is the folder\'s own: kept; the workflow runs the Node.js version it names');
  else {
    writes.push({ file: '.nvmrc', text: 'lts/*\n' });
    listed.push({ file: '.nvmrc', what: 'the Node.js line the workflow runs: the current LTS' });
  }
  const pkg = planPackageJson(dir, VERSION);
  const pkgShown = relativeTo(dir, pkg.file);
  if (pkg.kind === 'has') notes.push(`${pkgShown} already has vendorscore (${pkg.spec}): kept`);
  else {
    writes.push({ file: path.relative(dir, pkg.file), text: pkg.text, previous: pkg.previous });
    listed.push({ file: pkgShown, what: pkg.kind === 'add' ? `vendorscore ${pkg.spec} added to devDependencies` : `new, with vendorscore ${pkg.spec} as a devDependency` });
  }

  writeAllOrNothing(dir, writes);
  if (!flags.quiet) writeStdout(report(dir, listed, notes, pkg, flags.journey ? 'status' : flags.example ? 'compare' : 'check'));
  return ExitCode.Ok;
}

/** --rubric: a file, or the name of a rubric bundled with vendorscore (`vendorscore rubric list`). */
function initRubricPath(flag: string | undefined): string {
  if (flag === undefined) return packagePath('rubrics', 'ai-vendor.yaml');
  const file = resolveRubricFile(flag);
  if (existsSync(file)) return file;
  throw new UserError(`--rubric ${quote(flag)}: no such file, and no bundled rubric of that name (bundled: ${bundledRubricNames().join(', ')})`);
}

/** The owned files to write; those already there are replaced (--force), skipped (--skip-existing) or refused, all listed. */
function planOwned(dir: string, files: ReadonlyArray<{ file: string; text: string }>, flags: InitFlags, notes: string[]): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  const conflicts: string[] = [];
  for (const f of files) {
    const hit = blocked(dir, f.file);
    if (hit === undefined) writes.push({ file: f.file, text: f.text });
    else if (flags.skipExisting) notes.push(`${relativeTo(dir, hit)} is already there: skipped (--skip-existing)`);
    else if (flags.force && hit === path.join(dir, f.file) && lstatSync(hit).isFile()) writes.push({ file: f.file, text: f.text, previous: readFileSync(hit, 'utf8') });
    else if (!conflicts.includes(hit)) conflicts.push(hit);
  }
  if (conflicts.length > 0) {
    const forced = flags.force ? ' (--force replaces only regular files)' : '';
    throw new UserError(
      `${displayPath(dir)}: not initialised; these files of the workspace already exist${forced}:\n${conflicts.map((c) => `  ${safeText(displayPath(c))}`).join('\n')}\nMove them away, or pass --skip-existing to keep them${flags.force ? '' : ' or --force to replace them'}.`,
    );
  }
  return writes;
}

function report(dir: string, listed: ReadonlyArray<{ file: string; what: string }>, notes: readonly string[], pkg: PackagePlan, next: string): string {
  const width = Math.max(...listed.map((f) => f.file.length));
  const where = displayPath(dir);
  const here = path.resolve(dir) === process.cwd();
  const lines = [`Created a vendorscore workspace in ${here ? '.' : safeText(where)}:`, ...listed.map((f) => `  ${safeText(f.file.padEnd(width))}  ${f.what}`)];
  for (const n of notes) lines.push(`Note: ${safeText(n)}`);
  const cd = here ? '' : `cd ${shellQuote(where)} && `;
  const install = pkg.kind === 'has' ? '' : 'npm install && ';
  lines.push('', `Next: ${cd}${install}npx vendorscore ${next}`);
  if (install) lines.push('  (npm install writes package-lock.json, which the workflow\'s `npm ci` needs: commit both)');
  return `${lines.join('\n')}\n`;
}

/** The bundled example evaluations as one line a folder: `evaluations/  14 bundled example evaluations of 5 vendors`. */
function compact(listed: Array<{ file: string; what: string }>): Array<{ file: string; what: string }> {
  let out = listed;
  for (const folder of new Set(listed.filter((f) => f.what === EXAMPLE_WHAT).map((f) => f.file.split('/')[0]!))) {
    const examples = out.filter((f) => f.what === EXAMPLE_WHAT && f.file.startsWith(`${folder}/`));
    if (examples.length < 2) continue;
    const vendors = new Set(examples.map((f) => f.file.split('/')[1])).size;
    const at = out.indexOf(examples[0]!);
    const rest = out.filter((f) => !examples.includes(f));
    rest.splice(at, 0, { file: `${folder}/`, what: `${examples.length} bundled example evaluations of ${vendors} ${vendors === 1 ? 'vendor' : 'vendors'}` });
    out = rest;
  }
  return out;
}

/** A path as the user reads it: relative to the workspace when inside it. */
function relativeTo(dir: string, p: string): string {
  const rel = path.relative(dir, p);
  return rel.startsWith('..') || path.isAbsolute(rel) ? displayPath(p) : rel;
}

/** A README.md there that init did not write (the template's first line marks init's own). */
function isOwnReadme(p: string): boolean {
  if (!exists(p)) return false;
  // Anything but a regular file (a FIFO, a folder) is never read, and is not init's.
  const { text } = lstatSync(p).isFile() ? readTextFile(p) : {};
  return text === undefined || !text.startsWith(README_MARK);
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The file itself if anything is there (a broken link too), or a parent folder that exists but is not a folder. */
function blocked(dir: string, file: string): string | undefined {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    const parent = path.join(dir, ...parts.slice(0, i));
    if (exists(parent) && !lstatSync(parent).isDirectory()) return parent;
  }
  const target = path.join(dir, file);
  return exists(target) ? target : undefined;
}
