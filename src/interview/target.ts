/** Names and paths of the evaluation file that `interview` and `import` write (docs/files.md#evaluation). */
import path from 'node:path';
import { slugify } from '../core/slug.js';
import type { Rubric } from '../core/types.js';
import { UserError } from '../errors.js';
import { defaultRubricPath, loadRubric, workspaceRubricPath } from '../io/load.js';
import { safeText } from '../text/sanitize.js';

/** A vendor id from a name, kept within the 100 characters an id may have. */
export function vendorIdOf(name: string): string {
  return slugify(name).slice(0, 100).replace(/-+$/, '');
}

/** evaluations/<vendor-id>/<evaluator-slug>.yaml, or under another stage folder (interview --folder). */
export function defaultOutPath(vendorId: string, evaluator: string, folder = 'evaluations'): string {
  return path.join(folder, vendorId, `${vendorIdOf(evaluator)}.yaml`);
}

export function checkVendorName(v: string): string | true {
  if (v === '') return 'a vendor name is needed';
  if (v.length > 200) return 'a vendor name has at most 200 characters';
  if (!vendorIdOf(v)) return 'the vendor name needs at least one letter a–z or digit to make an id from';
  return true;
}

/** With `needsSlug`, the name also names the file, so it needs a letter or digit. */
export function checkEvaluatorName(v: string, needsSlug: boolean): string | true {
  if (v === '') return 'an evaluator name is needed';
  if (v.length > 200) return 'an evaluator name has at most 200 characters';
  if (needsSlug && !vendorIdOf(v)) return 'the evaluator name needs at least one letter a–z or digit to name the file after (or choose the file with --out)';
  return true;
}

/**
 * Quotes one argument for a shell, only when it needs it. Text that a terminal would not show as
 * it is (line breaks, control, bidi and zero-width characters) is written as $'…' with escapes
 * (bash, zsh, ksh), so the printed line is safe to show and pastes back to the same argument.
 */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./@:=+-]+$/.test(s)) return s;
  if (safeText(s) === s) return `'${s.replace(/'/g, `'\\''`)}'`;
  let out = '';
  for (const c of s) {
    if (c === '\\' || c === "'") out += `\\${c}`;
    else if (safeText(c) === c) out += c;
    else out += ansiCEscape(c.codePointAt(0)!);
  }
  return `$'${out}'`;
}

function ansiCEscape(cp: number): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  // \xHH is one byte: only for ASCII; above it, \u and \U give the character in UTF-8.
  return cp < 0x80 ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

/** Today as YYYY-MM-DD, local time. */
export function today(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The folder to pass to `compare`: the one above <vendor-id>/ when the file sits in the usual layout. */
export function evaluationsRoot(out: string, vendorId: string): string {
  const dir = path.dirname(out);
  return path.basename(path.resolve(dir)) === vendorId ? path.dirname(dir) : dir;
}

/** --rubric, or the bundled one; a rubric with problems stops the command (exit 2). */
export function loadRubricOrFail(flags: { rubric?: string | undefined; maxFileSize?: number | undefined }): Rubric {
  const { rubric, problems } = loadRubric(flags.rubric ?? workspaceRubricPath() ?? defaultRubricPath(), { maxBytes: flags.maxFileSize });
  if (!rubric) throw new UserError('the rubric cannot be used', problems);
  return rubric;
}

const COMPANY_SUFFIX = /(?:-(?:inc|incorporated|ltd|limited|llc|gmbh|corp|corporation|co|company|plc|ag|sa|bv|oy|ab))+$/;

/** An existing vendor id that `id` is probably another spelling of (`acme-ai-labs-inc` beside `acme-ai-labs`). */
export function closeVendorId(id: string, existing: readonly string[]): string | undefined {
  if (existing.includes(id)) return undefined;
  const base = (x: string) => x.replace(COMPANY_SUFFIX, '');
  return existing.find((e) => base(e) === base(id) || e.startsWith(`${id}-`) || id.startsWith(`${e}-`));
}

