import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

// Vendor and evaluator names with pipes, line breaks, HTML (</summary></details><img …>),
// Markdown links, emphasis and code. The Markdown must keep every table's shape and carry no
// HTML but the <details>, <summary> and <sub> it writes itself.

/** Cells of a GFM table row: split on pipes not escaped by a backslash. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) {
      cur += row[i]! + row[i + 1]!;
      i++;
    } else if (row[i] === '|') {
      out.push(cur);
      cur = '';
    } else cur += row[i];
  }
  out.push(cur);
  return out.slice(1, -1); // leading and trailing pipes
}

/** Every table (consecutive lines starting with "|") has the header's number of cells on every row. */
function tableShapes(md: string): Array<{ header: number; rows: number[] }> {
  const tables: string[][] = [];
  let cur: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (cur ??= []).push(line);
    else if (cur) {
      tables.push(cur);
      cur = null;
    }
  }
  if (cur) tables.push(cur);
  return tables.map((t) => ({ header: cells(t[0]!).length, rows: t.map((r) => cells(r).length) }));
}

function assertSafe(md: string): void {
  for (const line of md.split('\n')) expect(line.startsWith('|') ? line.endsWith('|') : true, line).toBe(true);
  for (const t of tableShapes(md)) expect(t.rows).toEqual(t.rows.map(() => t.header));
  const tags = md.match(/<\/?[a-zA-Z][^>]*>/g) ?? [];
  expect(new Set(tags)).toEqual(new Set(tags.filter((t) => /^<\/?(details|summary|sub)>$/.test(t))));
  expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
}

let dir: string;
const run = (args: string[]) => runCli(args, { cwd: dir });
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-md-'));
  cpSync(fixture('ci-hostile'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('markdown with hostile vendor text', () => {
  it('compare --format markdown: rows keep their shape, HTML is inert, each vendor has a collapsed section', () => {
    const r = run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'markdown']);
    expect(r.code).toBe(0);
    assertSafe(r.stdout);
    expect(tableShapes(r.stdout).map((t) => t.header)).toEqual([6, 5, 5, 5]);
    expect(r.stdout).toContain('| 1 | **Pipe \\| Co &lt;script&gt;alert(1)&lt;/script&gt;** | **80.0** | 80.0 | 80.0 | ✓ qualified |\n');
    // The line break became a space; links, code and emphasis are escaped.
    expect(r.stdout).toContain('| 2 | Line Break \\`code\\` \\[link\\](https://evil.example) \\*\\*bold\\*\\* &amp;amp; \\| | **60.0** |');
    // In <summary> GitHub reads HTML, not Markdown: entities, no backslashes.
    expect(r.stdout).toContain('<details><summary>&lt;/summary&gt;&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; \\| ~~x~~: 52.0 (disqualified)</summary>\n\n');
    expect(r.stdout).toContain('| Area | Question | Score | Eve \\| &lt;b&gt;Admin&lt;/b&gt; | Flag |\n');
  });

  it('with --baseline and in diff: the same guarantees', () => {
    expect(run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json', '--out', 'before.json', '--quiet']).code).toBe(0);
    const file = path.join(dir, 'evaluations', 'newline.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('access: 3', 'access: 5'));
    expect(run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json', '--out', 'after.json', '--quiet']).code).toBe(0);
    const md = run(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'markdown', '--baseline', 'before.json']).stdout;
    assertSafe(md);
    expect(md).toContain('| 2 | Line Break \\`code\\` \\[link\\](https://evil.example) \\*\\*bold\\*\\* &amp;amp; \\| | **72.0** | = | +12.0 |');
    const d = run(['diff', 'before.json', 'after.json', '--format', 'markdown']).stdout;
    assertSafe(d);
    expect(d).toContain('- +12.0: access: Ann \\| --- \\| 3 → 5\n');
  });
});
