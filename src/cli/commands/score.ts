import { ExitCode } from '../../errors.js';
import { agreementJson, renderVendorPanelMarkdown, renderVendorPanelText } from '../../report/agreement.js';
import { mdCell } from '../../report/markdown.js';
import { renderHtml } from '../../report/html.js';
import { declarationLines } from '../../report/panel.js';
import { renderVendorCsv, renderVendorJson, renderVendorMarkdown, renderVendorText } from '../../report/vendor.js';
import { loadComparison, vendorOrFail } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
import { tableWidth } from '../terminal.js';
import type { CompareFlags } from './compare.js';

export async function score(vendorId: string, paths: string[], flags: CompareFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json', 'csv', 'html']);
  const { comparison } = loadComparison(paths, flags);
  const v = vendorOrFail(comparison, vendorId);
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
