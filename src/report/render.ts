import type { Comparison, VendorResult } from '../core/types.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJsonPieces } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { RenderOptions } from './style.js';
import { renderTable } from './table.js';

/** Text, or pieces that join to it (src/cli/output.ts Output). */
export type Renderer = (c: Comparison, opts: RenderOptions, vendors?: readonly VendorResult[]) => string | Iterable<string>;

/** Reporters by format name. They return strings and never decide exit codes. */
export const comparisonRenderers: Record<string, Renderer> = {
  table: (c, o, v) => renderTable(c, o, v),
  markdown: (c, _o, v) => renderMarkdown(c, v),
  json: (c, _o, v) => renderJsonPieces(c, v),
  csv: (c, _o, v) => renderCsv(c, v),
  html: (c, o, v) => renderHtml(c, o, v),
};
