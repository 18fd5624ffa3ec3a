import { ExitCode, UserError } from '../../errors.js';
import { didYouMean } from '../../schema/suggest.js';
import { clip, quote } from '../../text/sanitize.js';
import { agreementJson, renderVendorPanelMarkdown, renderVendorPanelText } from '../../report/agreement.js';
import { mdCell } from '../../report/markdown.js';
import { renderHtml } from '../../report/html.js';
import { declarationLines } from '../../report/panel.js';
import { renderVendorCsv, renderVendorJson, renderVendorMarkdown, renderVendorText } from '../../report/vendor.js';
import { loadComparison } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
import { tableWidth } from '../terminal.js';
import type { CompareFlags } from './compare.js';

export async function score(vendorId: string, paths: string[], flags: CompareFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json', 'csv', 'html']);
  const { comparison } = loadComparison(paths, flags);
  const v = comparison.vendors.find((x) => x.id === vendorId) ?? comparison.vendors.find((x) => x.name.toLowerCase() === vendorId.toLowerCase());
  if (!v) {
    const ids = comparison.vendors.map((x) => x.id);
    const hint = didYouMean(vendorId, ids);
    throw new UserError(`no vendor ${quote(vendorId)} in the evaluations${hint ? ` (did you mean ${quote(hint)}?)` : ids.length ? `; vendors: ${ids.map(clip).join(', ')}` : ''}`);
  }
  // The panel: declarations and this vendor's agreement (docs/json.md#score).
  const { agreementOf, AGREEMENT_DEFAULTS } = await import('./agreement.js');
  const a = agreementOf({ ...comparison, vendors: [v] }, { ...AGREEMENT_DEFAULTS, top: 5 });
  const declarations = v.declarations ?? [];
  const color = useColor(flags);
  const text =
    format === 'json' ? renderVendorJson(comparison, v, { declarations, agreement: agreementJson({ ...comparison, vendors: [v] }, a) })
    : format === 'csv' ? renderVendorCsv(comparison, v)
    : format === 'markdown' ? `${renderVendorMarkdown(comparison, v)}\n${renderVendorPanelMarkdown(a, declarationLines(declarations, mdCell))}`
    : format === 'html' ? renderHtml(comparison, { color: false }, [v])
    : renderVendorText(comparison, v, { color, width: tableWidth(flags) }, renderVendorPanelText(a, declarationLines(declarations), { color }));
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}
