import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../src/interview/target.js';
import { annotation, guardWorkflowCommands, quote, safeJson, safeOutput } from '../../src/text/sanitize.js';

describe('safeOutput (the output boundary)', () => {
  it('leaves plain text, line breaks and CRLF alone; a tab becomes a space', () => {
    const s = 'a b\nc,d\r\nüñ 漢字 ✓\n';
    expect(safeOutput(s)).toBe(s);
    expect(safeOutput('a\tb')).toBe('a b');
  });

  it('keeps our colour only when asked, and removes every other escape sequence', () => {
    const s = '\u001b[32mok\u001b[39m \u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u001b[2J';
    expect(safeOutput(s, { color: true })).toBe('\u001b[32mok\u001b[39m link ');
    expect(safeOutput(s)).toBe('ok link ');
  });

  it('escapes a lone CR, bidi overrides and zero-width characters', () => {
    expect(safeOutput('a\rb\u202ec\u200bd')).toBe('a\\x0db\\u{202e}c\\u{200b}d');
  });

  it('property: nothing but SGR, \\n and \\r\\n survives among control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = safeOutput(s, { color: true }).replace(/\u001b\[[0-9;:]*m/g, '').replace(/\r\n/g, '\n');
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
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

describe('the boundary keeps only our colour', () => {
  it('SGR codes we never write (hidden, blink, 256 colours) are removed even with colour on', () => {
    expect(safeOutput('\u001b[1mA\u001b[22m \u001b[8mhidden\u001b[28m \u001b[5mblink \u001b[38;5;196mred\u001b[39m', { color: true })).toBe('\u001b[1mA\u001b[22m hidden blink red\u001b[39m');
  });
});

describe('workflow commands: what the runner reads', () => {
  it('a line starting with :: after any .NET white space (no-break, ideographic space) is guarded', () => {
    for (const blank of ['\u00a0', '\u3000', '\u2003', '\u205f', '\f', '\v']) {
      const out = guardWorkflowCommands(`x\n${blank}::add-mask::secret`);
      expect(out).toBe(`x\n${blank}\\x3a:add-mask::secret`);
    }
  });

  it('an annotation quoting ##[ stays an annotation, with the ##[ escaped', () => {
    const a = annotation('error', { title: 'vendorscore gate' }, 'vendor ##[error]x');
    expect(guardWorkflowCommands(a, true)).toBe('::error title=vendorscore gate::vendor #\\x23[error]x');
  });

  it('safeJson writes ##[ as #\\u0023[: valid JSON that parses back to the same text, with no ##[ in it', () => {
    const data = { name: 'a ##[error]b', [`k##[x`]: 1 };
    const text = safeJson(data);
    expect(text).not.toContain('##[');
    expect(JSON.parse(text)).toEqual(data);
    expect(guardWorkflowCommands(text)).toBe(text);
  });
});

describe('shellQuote: printed commands paste back', () => {
  it('plain words stay bare; spaces take single quotes; anything a terminal would not show takes $\'…\' escapes', () => {
    expect(shellQuote('evaluations/acme-ai/dana.yaml')).toBe('evaluations/acme-ai/dana.yaml');
    expect(shellQuote("Dana O'Brien")).toBe(`'Dana O'\\''Brien'`);
    expect(shellQuote('a\u202eb\u200bc\nd\te\u001b[2J\\\'f\u0085')).toBe(`$'a\\u202eb\\u200bc\\x0ad\\x09e\\x1b[2J\\\\\\'f\\u0085'`);
    expect(safeOutput(shellQuote('x\u202e\n::y'))).toBe(shellQuote('x\u202e\n::y'));
  });

  it('bash turns each back into the original argument', () => {
    for (const arg of ['a\u202eb\u200bc\nd\te\u001b[2J', "it's \\ \u0085 é 漢 \u{1f600}", '-x', '']) {
      const back = execFileSync('bash', ['-c', `printf %s ${shellQuote(arg)}`], { encoding: 'utf8' });
      expect(back).toBe(arg);
    }
  });
});

describe('output in pieces (src/cli/output.ts lines)', () => {
  it('joins to the chunks, and every piece but the last ends a line', async () => {
    const { lines } = await import('../../src/cli/output.js');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant('\n'), fc.string({ minLength: 70000, maxLength: 70010 }))), (chunks) => {
        const pieces = [...lines(chunks)];
        expect(pieces.join('')).toBe(chunks.join(''));
        for (const p of pieces.slice(0, -1)) expect(p.endsWith('\n')).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect([...lines('whole text')]).toEqual(['whole text']);
  });
});
