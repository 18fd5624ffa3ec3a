import { ExitCode } from '../../errors.js';
import { renderHtml } from '../../report/html.js';
import { renderVendorCsv, renderVendorJson, renderVendorMarkdown, renderVendorText } from '../../report/vendor.js';
import { loadComparison, vendorOrFail } from '../common.js';
import { emit, resolveFormat, useColor } from '../output.js';
import { tableWidth } from '../terminal.js';
import type { CompareFlags } from './compare.js';

export async function score(vendorId: string, paths: string[], flags: CompareFlags): Promise<number> {
  const format = resolveFormat(flags.format, flags.out, ['table', 'markdown', 'json', 'csv', 'html']);
  const { comparison } = loadComparison(paths, flags);
  const v = vendorOrFail(comparison, vendorId);
  const text =
    format === 'json' ? renderVendorJson(comparison, v)
    : format === 'csv' ? renderVendorCsv(comparison, v)
    : format === 'markdown' ? renderVendorMarkdown(comparison, v)
    : format === 'html' ? renderHtml(comparison, { color: false }, [v])
    : renderVendorText(comparison, v, { color: useColor(flags), width: tableWidth(flags) });
  emit(text, { ...flags, color: useColor(flags) });
  return ExitCode.Ok;
}
