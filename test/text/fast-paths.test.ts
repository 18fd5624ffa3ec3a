/**
 * The fast paths of the output boundary give exactly what the exact rules give: plain text skips
 * safeOutput's and safeJson's rules, text without `::` or `##[` skips the workflow-command guard
 * (src/text/sanitize.ts), and UTF-8 goes out through one reused buffer (src/cli/output.ts).
 *
 * The exact rules are reached by putting in front, on lines of their own, what no fast path
 * passes: a NUL (escaped as \x00) and a `::` line (guarded as \x3a:), or a DEL inside JSON. The
 * rules act within a line or a character, and nothing in front can start an escape sequence, so
 * the rest must come back exactly as the same call makes it alone, fast path or not.
 */
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeUtf8 } from '../../src/cli/output.js';
import { guardWorkflowCommands, safeJson, safeOutput, type OutputOptions } from '../../src/text/sanitize.js';

/** What hostile text is made of, and the edges of the plain ranges (U+009F/U+00A0, U+00AC-U+00AE, U+034E/U+034F, U+200F/U+2010, U+2027/U+2028, U+202F/U+2030, U+205F/U+2060). */
const ATOMS = [
  ...['\u0000', '\u0007', '\t', '\v', '\f', '\r', '\r\n', '\n', '\u001b', '\u001b[31m', '\u001b[2J', '\u001b]0;title\u0007', '\u001b]8;;x\u001b\\', '\u001bP', '\u001f', '\u007f'],
  ...['\u0080', '\u0085', '\u0090', '\u009b', '\u009c', '\u009d', '\u009f', '\u00a0', '\u00ac', '\u00ad', '\u00ae', 'é', '\u034e', '\u034f', '\u061c', '\u115f', '\u180e'],
  ...['\u200b', '\u200f', '\u2010', '\u2013', '\u2027', '\u2028', '\u2029', '\u202e', '\u202f', '\u2030', '\u205f', '\u2060', '\u2066', '\u3000', '\u3164', '\ufe0f', '\ufeff', '\ufffb'],
  ...['\ud800', '\udbff', '\udc00', '\udfff', '\u{1f600}', '\u{e0041}', '\u{1d173}', '\u{1bca0}', '漢'],
  ...['##[', '#', '##', '[', '::', ':', 'add-mask', ' ', 'x', '"', '\\', '::error title=t::m'],
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...ATOMS), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((p) => p.join(''));

const OPTIONS: OutputOptions[] = [{}, { color: true }, { githubLog: true }, { githubLog: true, annotations: true }, { color: true, githubLog: true }];

/** safeOutput on the text with the exact rules forced: NUL and `::` lines in front, and what they become taken off. */
function exactOutput(s: string, o: OutputOptions): string {
  const head = o.githubLog ? '\\x00\n\\x3a:\n' : '\\x00\n::\n';
  const out = safeOutput(`\u0000\n::\n${s}`, o);
  if (!out.startsWith(head)) throw new Error(`the forced head came out as ${JSON.stringify(out.slice(0, 12))}`);
  return out.slice(head.length);
}

/** safeJson of a string with the exact rules forced: a DEL before it in the same list. */
function exactJson(s: string): string {
  const head = '[\n  "\\u007f",\n  ';
  const out = safeJson(['\u007f', s]);
  if (!out.startsWith(head) || !out.endsWith('\n]')) throw new Error(`the forced list came out as ${JSON.stringify(out.slice(0, 20))}`);
  return out.slice(head.length, -2);
}

describe('the plain-text fast path', () => {
  it('every UTF-16 code unit alone comes out of safeOutput and safeJson as the exact rules make it', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (OPTIONS.slice(0, 3).some((o) => safeOutput(ch, o) !== exactOutput(ch, o)) || safeJson(ch) !== exactJson(ch)) differ.push(`U+${c.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });

  it('property: any text comes out of safeOutput as the exact rules make it, under every option', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        for (const o of OPTIONS) expect(safeOutput(s, o)).toBe(exactOutput(s, o));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: any string comes out of safeJson as the exact rules make it, and parses back to itself', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = safeJson(s);
        expect(out).toBe(exactJson(s));
        expect(JSON.parse(out)).toBe(s);
        expect(out).not.toContain('##[');
      }),
      { numRuns: 3000 },
    );
  });

  it('a plain report (ASCII, Latin-1, en dashes, no `::`) is returned as it is, the same string', () => {
    const text = '{\n  "name": "Société Générale – AI",\n  "note": "a: b; #[x] ##x [##"\n}\n';
    expect(safeOutput(text, { githubLog: true })).toBe(text);
    expect(safeJson(JSON.parse(text) as unknown)).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });
});

describe('the workflow-command guard', () => {
  it('property: text without `::` or `##[` is skipped exactly where the rules would change nothing', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (s, annotations) => {
        const out = guardWorkflowCommands(`::\n${s}`, annotations);
        expect(out.startsWith('\\x3a:\n')).toBe(true);
        expect(guardWorkflowCommands(s, annotations)).toBe(out.slice('\\x3a:\n'.length));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('writeUtf8', () => {
  it('writes every byte Buffer.from would, however long the text and wherever its characters fall', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-utf8-'));
    const file = path.join(dir, 'out');
    const check = (s: string) => {
      const fd = openSync(file, 'w');
      try {
        writeUtf8(fd, s);
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(file).equals(Buffer.from(s, 'utf8'))).toBe(true);
    };
    try {
      // Longer than the buffer (256 KB) in one, two, three and four bytes a character, and with astral pairs and lone surrogates across its edge.
      for (const unit of ['a', 'é', '–', '\u{1f600}', '\ud800', 'a\u{1f600}', 'ab\udc00\u{1f600}']) check(unit.repeat(300_000 / unit.length));
      fc.assert(
        fc.property(hostile, fc.nat(4), (s, times) => check(s.repeat(times * 5000 + 1))),
        { numRuns: 60 },
      );
      check('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
