import type { Comparison, VendorResult } from '../core/types.js';
import type { Baseline } from './movement.js';
import type { RenderOptions } from './style.js';

/** Text, or pieces that join to it (src/cli/output.ts Output). */
export type Renderer = (c: Comparison, opts: RenderOptions, vendors: readonly VendorResult[] | undefined, baseline: Baseline | undefined) => string | Iterable<string>;

/** The formats comparisonRenderer knows. */
export const RENDERED_FORMATS = ['table', 'markdown', 'json', 'csv', 'html'] as const;

/**
 * The reporter of a format, loaded when asked: a command loads the one it prints, not every
 * other with it (the table's and colour's code is not on the path of `--format json`). Reporters
 * return text and never decide exit codes; with a baseline (`withBaseline`, then given to the
 * renderer) they add movement columns.
 */
export async function comparisonRenderer(format: string, withBaseline = false): Promise<Renderer> {
  switch (format) {
    case 'table': {
      const { renderTable } = await import('./table.js');
      return (c, o, v, b) => renderTable(c, o, v, b);
    }
    case 'markdown': {
      const { renderMarkdown } = await import('./markdown.js');
      return (c, _o, v, b) => renderMarkdown(c, v, b);
    }
    case 'json': {
      // Movement (and the diff code under it) only when there is a baseline to move from.
      if (withBaseline) {
        const { renderJsonWithMovement } = await import('./movement.js');
        return (c, _o, v, b) => renderJsonWithMovement(c, v ?? c.vendors, b!);
      }
      const { renderJsonPieces } = await import('./json.js');
      return (c, _o, v) => renderJsonPieces(c, v);
    }
    case 'csv': {
      const { renderCsv } = await import('./csv.js');
      return (c, _o, v, b) => renderCsv(c, v, b);
    }
    case 'html': {
      const { renderHtml } = await import('./html.js');
      return (c, o, v) => renderHtml(c, o, v);
    }
  }
  throw new Error(`no renderer for ${format}`);
}
