import { existsSync } from 'node:fs';
import path from 'node:path';
import { slugify } from '../core/slug.js';
import type { PriceRule, Quote } from '../core/types.js';
import type { Problem } from '../errors.js';
import { quoteSchema } from '../schema/quote.js';
import { validateSource } from '../schema/validate.js';
import { clip, quote as quoted } from '../text/sanitize.js';
import { findYamlFiles } from './files.js';
import { loadSource, type LoadOptions } from './load.js';
import { positionOf, problemAt, type SourceFile } from './yaml.js';

/*
 * Quote files (docs/files.md#quote): the commercial envelope, one file per vendor, in quotes/
 * beside evaluations/ or wherever --quotes points. Read only when the rubric prices and the
 * command is not --quality-only.
 */

/** The default quotes folder: `quotes` beside the evaluations folder the paths name (./quotes with none). */
export function defaultQuotesDir(paths: readonly string[]): string {
  const first = paths[0];
  if (first === undefined || path.resolve(first) === path.resolve('evaluations')) return 'quotes';
  const abs = path.resolve(first);
  return path.join(path.basename(abs) === 'evaluations' ? path.dirname(abs) : abs, 'quotes');
}

export interface QuoteSet {
  /** By vendor id. */
  quotes: Map<string, Quote>;
  problems: Problem[];
  files: string[];
}

/** Reads every quote under `dir`. A missing default folder is no quotes at all; a missing --quotes folder is an error. */
export function loadQuotes(dir: string, rule: PriceRule, vendorIds: ReadonlySet<string>, opts: LoadOptions & { required?: boolean; vendorsCheckedAs?: 'error' | 'warning' } = {}): QuoteSet {
  const out: QuoteSet = { quotes: new Map(), problems: [], files: [] };
  if (!opts.required && !existsSync(dir)) return out;
  const { files, problems } = findYamlFiles([dir]);
  // An empty quotes folder means no vendor has quoted yet: each vendor is then "no-quote".
  out.problems.push(...problems.filter((p) => p.code !== 'no-files'));
  out.files = files;
  const firstFile = new Map<string, string>();
  for (const f of files) {
    const { source, problems: ps } = loadSource(f, opts);
    out.problems.push(...ps);
    if (!source) continue;
    const q = quoteFromSource(source, rule);
    out.problems.push(...q.problems);
    if (!q.quote) continue;
    const id = q.quote.vendor.id;
    const vendorAt = positionOf(source, ['vendor']);
    if (firstFile.has(id)) {
      out.problems.push(problemAt(source.file, vendorAt, `a second quote for vendor ${clip(id)} (the first is ${clip(firstFile.get(id)!)}); keep one quote file per vendor`, 'duplicate-quote'));
      continue;
    }
    firstFile.set(id, source.file);
    if (!vendorIds.has(id)) {
      out.problems.push(problemAt(source.file, vendorAt, `a quote for vendor ${clip(id)}, which has no evaluation; check the vendor id against the evaluations`, 'quote-without-evaluation', opts.vendorsCheckedAs ?? 'error'));
    }
    out.quotes.set(id, q.quote);
  }
  return out;
}

/** One quote file, validated against the price rule. */
export function quoteFromSource(src: SourceFile, rule: PriceRule): { quote?: Quote; problems: Problem[] } {
  const { value, problems } = validateSource(src, quoteSchema, (d) => quoteSchema.safeParse(d, { reportInput: true }));
  if (!value) return { problems };
  if (value.currency !== rule.currency) {
    return { problems: [problemAt(src.file, positionOf(src, ['currency']), `currency ${quoted(value.currency)} is not the rubric's ${quoted(rule.currency)}; quotes are compared in one currency, nothing is converted`, 'quote-currency')] };
  }
  const id = value.vendor.id ?? slugify(value.vendor.name);
  return {
    quote: { file: src.file, vendor: { id, name: value.vendor.name }, currency: value.currency, validUntil: value['valid-until'], lines: value.lines, notes: value.notes },
    problems,
  };
}
