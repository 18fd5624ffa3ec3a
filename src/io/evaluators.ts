/**
 * Who wrote each evaluation file, and the rule of docs/files.md#evaluation that one evaluator writes one file
 * per vendor. An evaluator is their `evaluator-id` when the file gives one; otherwise their
 * name's key (core/identity.ts), unless exactly one evaluator-id in the workspace carries a name
 * with that key, and then they are that evaluator. Read from the raw data, so the rule is checked
 * even in a file with other problems.
 */
import { nameKey } from '../core/identity.js';
import { slugify } from '../core/slug.js';
import type { Problem } from '../errors.js';
import { SLUG_RE } from '../schema/common.js';
import { quoteName } from '../text/sanitize.js';
import { positionOf, problemAt, type SourceFile } from './yaml.js';

interface Author {
  src: SourceFile;
  vendorId: string;
  name: string;
  /** evaluator-id, when the file gives a valid one. */
  id: string | undefined;
}

export interface Authorship {
  /** The evaluator key the file's evaluation is by. */
  key: string;
  problem?: Problem;
  /** Another file already holds this evaluator's answers for this vendor: leave this one out. */
  duplicate?: boolean;
}

/** A mapping read from raw YAML data, or undefined. */
export const asRecord = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Vendor id, evaluator name and evaluator-id as the raw file states them, when they are readable. */
function authorOf(src: SourceFile): Author | undefined {
  const data = asRecord(src.data);
  const vendor = asRecord(data?.vendor);
  const name = data?.evaluator;
  if (!vendor || typeof name !== 'string' || nameKey(name) === '') return undefined;
  const vendorId = typeof vendor.id === 'string' ? vendor.id : typeof vendor.name === 'string' ? slugify(vendor.name) : '';
  if (!vendorId) return undefined;
  const id = data?.['evaluator-id'];
  return { src, vendorId, name, id: typeof id === 'string' && SLUG_RE.test(id) ? id : undefined };
}

/** For every file whose author can be read: their evaluator key, and any problem with it. */
export function resolveAuthors(sources: readonly SourceFile[]): Map<SourceFile, Authorship> {
  const authors = sources.map(authorOf).filter((a): a is Author => a !== undefined);
  // Name key → the evaluator-ids carried by that name (with the first file of each).
  const ids = new Map<string, Map<string, Author>>();
  for (const a of authors) {
    if (a.id === undefined) continue;
    const m = ids.get(nameKey(a.name)) ?? new Map<string, Author>();
    if (!m.has(a.id)) m.set(a.id, a);
    ids.set(nameKey(a.name), m);
  }
  const out = new Map<SourceFile, Authorship>();
  const first = new Map<string, Author>();
  for (const a of authors) {
    const named = a.id === undefined ? ids.get(nameKey(a.name)) : undefined;
    const key = a.id ?? (named?.size === 1 ? [...named.keys()][0]! : nameKey(a.name));
    // Located only when there is something to say (positions cost a full parse on the fast path).
    const at = () => positionOf(a.src, ['evaluator']);
    if (named && named.size > 1) {
      const which = [...named].map(([id, b]) => `${id} (in ${b.src.file})`).join(', ');
      out.set(a.src, { key, problem: problemAt(a.src.file, at(), `evaluator ${quoteName(a.name)} could be any of the evaluators named so: evaluator-id ${which}; add evaluator-id to say which`, 'ambiguous-evaluator') });
      continue;
    }
    const slot = `${a.vendorId}\u0000${key}`;
    const prior = first.get(slot);
    if (!prior) {
      first.set(slot, a);
      out.set(a.src, { key });
      continue;
    }
    const spelt = prior.name === a.name ? '' : `, written there as ${quoteName(prior.name)}`;
    const id = a.id === undefined ? '' : ` (evaluator-id ${a.id})`;
    const message = `evaluator ${quoteName(a.name)}${id} already scored vendor ${a.vendorId} in ${prior.src.file}${spelt}; one file per evaluator per vendor`;
    out.set(a.src, { key, duplicate: true, problem: problemAt(a.src.file, at(), message, 'duplicate-evaluator') });
  }
  return out;
}
