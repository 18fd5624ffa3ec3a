import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotation, guardWorkflowCommands, quote, safeOutput } from '../../src/text/sanitize.js';

describe('safeOutput (the output boundary)', () => {
  it('leaves plain text, line breaks, tabs and CRLF alone', () => {
    const s = 'a\tb\nc,d\r\nüñ 漢字 ✓\n';
    expect(safeOutput(s)).toBe(s);
  });

  it('keeps our colour only when asked, and removes every other escape sequence', () => {
    const s = '\u001b[32mok\u001b[39m \u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u001b[2J';
    expect(safeOutput(s, { color: true })).toBe('\u001b[32mok\u001b[39m link ');
    expect(safeOutput(s)).toBe('ok link ');
  });

  it('escapes a lone CR, bidi overrides and zero-width characters', () => {
    expect(safeOutput('a\rb\u202ec\u200bd')).toBe('a\\x0db\\u{202e}c\\u{200b}d');
  });

  it('property: nothing but SGR, \\n, \\r\\n and \\t survives among control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = safeOutput(s, { color: true }).replace(/\u001b\[[0-9;:]*m/g, '').replace(/\r\n/g, '\n');
        expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('guardWorkflowCommands', () => {
  it('no line of data starts a workflow command, after any blanks, nor holds a v1 command', () => {
    const s = '::add-mask::x\n  ::set-output name=a::b\ncell "x\r\n::stop-commands::t"\nok ##[error]boom';
    const out = guardWorkflowCommands(s);
    for (const line of out.split(/\r?\n/)) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(out).not.toContain('##[');
    expect(out).toContain('\\x3a:add-mask::x');
  });

  it('passes our own annotations and still guards data lines beside them', () => {
    const a = annotation('error', { file: 'x.yaml', line: 3, title: 'vendorscore t' }, 'bad\n::add-mask::secret');
    expect(a).toBe('::error file=x.yaml,line=3,title=vendorscore t::bad ::add-mask::secret');
    const out = guardWorkflowCommands(`${a}\n::add-mask::y\n`, true);
    expect(out.split('\n')[0]).toBe(a);
    expect(out.split('\n')[1]).toBe('\\x3a:add-mask::y');
  });

  it('property: with GITHUB_ACTIONS on, any text leaves no line that the runner reads', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('::', '\n', '\r\n', ' ', '\t', '##[', 'add-mask', ':'), fc.string()), { maxLength: 30 }), (parts) => {
        const out = safeOutput(parts.join(''), { githubLog: true });
        for (const line of out.split(/\r\n|\n|\r/)) expect(line.trimStart().startsWith('::')).toBe(false);
        expect(out).not.toContain('##[');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('quote', () => {
  it('cuts a long key or value at 80 characters with …', () => {
    const q = quote('k'.repeat(500));
    expect([...q].length).toBe(82);
    expect(q.endsWith('…"')).toBe(true);
  });
});
