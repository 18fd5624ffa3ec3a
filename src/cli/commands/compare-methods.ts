/** `compare --method topsis|all`: loaded only when asked for, so plain `compare` start-up does not grow. */
import { rankByMethod, type MethodRanking } from '../../core/method-rankings.js';
import type { Comparison, VendorResult } from '../../core/types.js';
import { allMethodsJson, renderMethodsMarkdown, renderMethodsTable, topsisJson } from '../../report/methods.js';
import type { RenderOptions } from '../../report/style.js';

/** The text to print, and the vendors in the order the gates read (the method's; for `all`, the weighted sum's). */
export function byMethod(c: Comparison, method: 'topsis' | 'all', format: string, opts: RenderOptions): { text: string; vendors: VendorResult[] } {
  const rankings: MethodRanking[] = method === 'all' ? [rankByMethod(c, 'wsm'), rankByMethod(c, 'topsis')] : [rankByMethod(c, 'topsis')];
  const text =
    format === 'json' ? (method === 'all' ? allMethodsJson(c, rankings) : topsisJson(c, rankings[0]!))
    : format === 'markdown' ? renderMethodsMarkdown(c, rankings)
    : renderMethodsTable(c, rankings, opts);
  return { text, vendors: rankings[0]!.vendors };
}
