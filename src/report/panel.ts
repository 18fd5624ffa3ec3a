/** The panel section of `score` and the Markdown report: roles and conflict-of-interest declarations. */
import type { Declaration } from '../core/types.js';
import { safeText } from '../text/sanitize.js';
import { mdCell, mdRow } from './markdown.js';

/** `none`, the declaration as written, or `not declared`. */
function declared(d: Declaration): string {
  if (d.conflictOfInterest === null) return 'not declared';
  return d.conflictOfInterest.trim().toLowerCase() === 'none' ? 'none' : d.conflictOfInterest;
}

/** One line per evaluator, `Ann (security): conflict of interest: none`; `clean` is the format's text escaper. */
export function declarationLines(ds: readonly Declaration[], clean: (s: string) => string = (s) => safeText(s, { max: 300 })): string[] {
  return ds.map((d) => `${clean(d.evaluator)}${d.role ? ` (${clean(d.role)})` : ''}: conflict of interest: ${clean(declared(d))}`);
}

/**
 * One table for all vendors: vendor, evaluator, role, declaration; left out when no evaluation
 * names a role or a declaration, unless `always` (the rubric requires declarations).
 */
export function declarationsMarkdown(vendors: ReadonlyArray<{ name: string; declarations?: Declaration[] | undefined }>, always = false): string {
  const any = vendors.some((v) => (v.declarations ?? []).some((d) => d.role !== null || d.conflictOfInterest !== null));
  if (!any && !always) return '';
  const rows = vendors.flatMap((v) => (v.declarations ?? []).map((d) => mdRow([mdCell(v.name), mdCell(d.evaluator), d.role ? mdCell(d.role) : '–', mdCell(declared(d))])));
  if (rows.length === 0) return '';
  return `### Panel and declarations\n\n${mdRow(['Vendor', 'Evaluator', 'Role', 'Conflict of interest'])}${mdRow([':---', ':---', ':---', ':---'])}${rows.join('')}`;
}
