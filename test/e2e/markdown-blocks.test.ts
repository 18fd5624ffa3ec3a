/**
 * Markdown reports never let data open a block: a rubric and vendors whose every text starts
 * with `#`, `>`, `-`, `+`, `=`, `1.`, `2)`, a fence or a pipe (test/fixtures/markdown-blocks/).
 * Every renderer goes through the one escaper (mdCell); here through the built CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const cwd = fixture('markdown-blocks');
const RUBRIC = ['--rubric', 'rubric.yaml'];
const tmp = mkdtempSync(path.join(tmpdir(), 'vendorscore-md-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function markdown(args: string[]): string[] {
  const r = runCli([...args, '--format', 'markdown'], { cwd });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.split('\n');
}

/** The fixture's texts as written (none of our own words starts like these). */
const RAW = ['# Not', '> Not', '--- not', '1. Not', '- not', '```not', '| not', '+ Not', '2) Not', '# Heading', '- Dash', '=== Rule', '> Quoted', '1. Numbered'];

/** Where a block can start: a line, and a list item's content after its marker. Returns what data starts there unescaped. */
function dataStarts(lines: string[]): string[] {
  return lines.flatMap((l) => [l, l.replace(/^\s*- /, '')]).filter((s) => RAW.some((r) => s.startsWith(r)));
}

describe('Markdown escapes block syntax at the start of any text', () => {
  it('rubric show: a description on its own line, a title and names in headings, texts after list markers', () => {
    expect(markdown(['rubric', 'show', 'rubric.yaml'])).toEqual([
      '## \\# Not a heading \\# (md-blocks@1)',
      '',
      'Scale 0–5 (step 1); unanswered counts as min; aggregate mean.',
      '',
      '| Area | Weight | Questions | Knockout |',
      '| :--- | ---: | ---: | :--- |',
      '| &gt; Not a quote | 50% | 1 |  |',
      '| \\+ Not a list | 50% | 1 |  |',
      '',
      '### &gt; Not a quote',
      '',
      '\\--- not a rule',
      '',
      '- **q1**: 1\\. Not a list',
      '  - 1: \\- not a bullet',
      '  - 3: \\`\\`\\`not a fence',
      '  - 5: \\| not \\| a \\| table \\|',
      '',
      '### \\+ Not a list',
      '',
      '\\# Not a heading either',
      '',
      '- **q2**: 2\\) Not a list either',
      '',
    ]);
  });

  it('compare: vendor names and evaluators in cells, headings and notes start escaped', () => {
    const lines = markdown(['compare', 'evaluations', ...RUBRIC]);
    expect(lines[0]).toBe('### Vendor ranking: \\# Not a heading \\#');
    expect(lines).toContain('| 1 | **\\# Heading Corp** | **70.0** | 80.0 | 60.0 | ✓ qualified |');
    expect(lines).toContain('| 1 | **\\- Dash Corp** | **70.0** | 40.0 | 100.0 | ✓ qualified |');
    expect(lines).toContain('| 3 | \\=== Rule Corp | **40.0** | 60.0 | 20.0 | ✓ qualified |');
    expect(lines).toContain('| Area | Question | Score | 1\\. Numbered Evaluator | Flag |');
    expect(dataStarts(lines)).toEqual([]);
  });

  it('score and sensitivity: the same escaper', () => {
    const score = markdown(['score', 'heading-corp', 'evaluations', ...RUBRIC]);
    expect(score[0]).toBe('### \\# Heading Corp (heading-corp)');
    expect(score).toContain('| \\+ Not a list | q2 | 3 | &gt; Quoted Evaluator: 3 |  |');
    const sensitivity = markdown(['sensitivity', 'evaluations', ...RUBRIC]);
    expect(sensitivity).toContain('- \\=== Rule Corp: never first (0%–0.3%); 3rd in every draw');
    expect(dataStarts([...score, ...sensitivity])).toEqual([]);
  });

  it('diff: vendor names in the table and the explanations', () => {
    const before = path.join(tmp, 'before.json');
    const after = path.join(tmp, 'after.json');
    expect(runCli(['compare', 'evaluations', ...RUBRIC, '--format', 'json', '--out', before, '--quiet'], { cwd }).code).toBe(0);
    expect(runCli(['compare', 'evaluations', ...RUBRIC, '--weights', 'quotes=3', '--format', 'json', '--out', after, '--quiet'], { cwd }).code).toBe(0);
    const lines = markdown(['diff', before, after]);
    expect(lines.some((l) => l.startsWith('| \\# Heading Corp |'))).toBe(true);
    expect(lines.some((l) => l.startsWith('**\\- Dash Corp**: '))).toBe(true);
    expect(dataStarts(lines)).toEqual([]);
  });
});
