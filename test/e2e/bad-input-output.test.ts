/**
 * Valid files full of hostile text (test/fixtures/bad/hostile-text.yaml, formula-cells.yaml):
 * every output format and command neutralises it, and `compare | head -1` ends quietly.
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT, runCli } from '../helpers/cli.js';
import { parseCsv } from '../report/csv-read.js';

const cwd = fixture('bad');
const files = ['hostile-text.yaml', 'formula-cells.yaml'];

/** What must never reach a terminal raw: C0 (except \n), DEL, C1, bidi controls, zero-width and tag characters. */
const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;

function clean(out: string): void {
  // CSV rows end in CRLF by RFC 4180; that is the only carriage return allowed.
  const s = out.replace(/\r\n/g, '\n');
  const m = DANGEROUS.exec(s);
  expect(m && `U+${m[0].codePointAt(0)!.toString(16)} at ${m.index}: ${JSON.stringify(s.slice(Math.max(0, m.index - 30), m.index + 10))}`).toBeNull();
}

const NAME = 'Evil\u001b[2J\u001b]0;pwned\u0007 Corp\u202egnp.exe\u200b | <script>alert(1)</script> | **bold** [x](javascript:alert(1))';
const SAFE_NAME = 'Evil Corp\\u{202e}gnp.exe\\u{200b} | <script>alert(1)</script> | **bold** [x](javascript:alert(1))';

/** Unescaped pipes in a Markdown table row: its column separators. */
function columns(row: string): number {
  return row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 2;
}

describe('hostile text is neutralised in every format', () => {
  for (const format of ['table', 'markdown', 'json', 'csv', 'html']) {
    it(`compare --format ${format}: exit 0, nothing dangerous on stdout or stderr`, () => {
      const r = runCli(['compare', ...files, '--format', format], { cwd });
      expect(r.code).toBe(0);
      clean(r.stdout);
      clean(r.stderr);
    });
    it(`score --format ${format === 'html' ? 'table' : format}: nothing dangerous`, () => {
      const r = runCli(['score', 'evil-corp', ...files, '--format', format === 'html' ? 'table' : format], { cwd });
      expect(r.code).toBe(0);
      clean(r.stdout);
      clean(r.stderr);
    });
  }
  for (const format of ['text', 'json', 'github']) {
    it(`check --format ${format}: nothing dangerous`, () => {
      const r = runCli(['check', ...files, '--format', format], { cwd });
      expect(r.code).toBe(0);
      clean(r.stdout);
      clean(r.stderr);
      if (format === 'json') {
        // JSON is data: the message keeps the evaluator's name exactly, and the text shows its escapes.
        const messages = (JSON.parse(r.stdout) as Array<{ message: string }>).map((p) => p.message);
        expect(messages).toContain('vendor evil-corp is scored by one evaluator only (Mallory\u001b[31m RED\r\nInjected line\u009b2J\u0085\u2066isolate\u2069\u{e0041}); a second view catches misreadings');
        expect(r.stdout).toContain('Mallory\\u001b[31m RED\\r\\nInjected line\\u009b2J\\u0085\\u2066isolate\\u2069\\udb40\\udc41');
      } else {
        expect(r.stdout + r.stderr).toContain('scored by one evaluator only (Mallory RED Injected line \\u{2066}isolate\\u{2069}\\u{e0041})');
      }
    });
  }

  it('table: escapes shown as text, long names cut with … (and kept whole in exports)', () => {
    const r = runCli(['compare', ...files], { cwd });
    expect(r.stdout).toContain('│ Evil Corp\\u{202e}gnp.exe\\u{200b…');
    expect(r.stdout).toContain('│ =HYPERLINK("http://evil.example…');
    const csv = runCli(['compare', ...files, '--format', 'csv'], { cwd }).stdout;
    expect(parseCsv(csv).map((row) => row[2])).toContain(SAFE_NAME);
  });

  it('json: the same data, with every invisible or bidi character written as a \\u escape', () => {
    const r = runCli(['compare', ...files, '--format', 'json'], { cwd });
    expect(r.stdout).toContain('Corp\\u202egnp.exe\\u200b');
    const data = JSON.parse(r.stdout) as { vendors: Array<{ id: string; name: string }> };
    // Lossless: a program reading the JSON gets exactly what the file said.
    expect(data.vendors.find((v) => v.id === 'evil-corp')!.name).toBe(NAME);
  });

  it('markdown: every table row keeps its column count; no raw HTML', () => {
    const r = runCli(['compare', ...files, '--format', 'markdown'], { cwd });
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    const table = rows.slice(0, 4);
    for (const row of table) expect(columns(row)).toBe(columns(table[0]!));
    expect(r.stdout).not.toMatch(/<script|<img|<style|<\/td>/i);
    const detail = runCli(['score', 'evil-corp', ...files, '--format', 'markdown'], { cwd }).stdout;
    const detailRows = detail.split('\n').filter((l) => l.startsWith('| '));
    for (const row of detailRows) expect(columns(row)).toBe(columns(detailRows[0]!));
    expect(detail).not.toMatch(/<script|<img|<style|<\/td>|<a /i);
  });

  it('csv: no cell starts a formula, at its start or after a line break; numbers stay numbers', () => {
    for (const args of [['compare', ...files], ['score', 'formula-labs', ...files], ['score', 'evil-corp', ...files]]) {
      const rows = parseCsv(runCli([...args, '--format', 'csv'], { cwd }).stdout);
      for (const cell of rows.flat()) {
        if (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell)) continue;
        for (const line of cell.split('\n')) expect(line, cell).not.toMatch(/^\s*[=+\-@]/);
      }
    }
    const compare = parseCsv(runCli(['compare', ...files, '--format', 'csv'], { cwd }).stdout);
    expect(compare.find((r) => r[1] === 'formula-labs')![2]).toBe('\'=HYPERLINK("http://evil.example","Formula Labs")');
    expect(compare.find((r) => r[1] === 'formula-labs')![3]).toBe('8.8');
    const detail = parseCsv(runCli(['score', 'formula-labs', ...files, '--format', 'csv'], { cwd }).stdout);
    const logging = detail.find((r) => r[1] === 'prompt-logging')!;
    expect(logging[3]).toBe("'@SUM(A1:A9)");
    expect(logging[5]).toBe("fine at first\n'=cmd|' /C calc'!A0\n'+1+1\n'-2+3\n'  @attack\n' =tabbed\n'=carriage");
    // The evidence list is joined into one text cell, so its leading "-1" is text and gets the apostrophe.
    expect(logging[6]).toBe("'-1; +1; =1+1; 3.5");
  });

  it('html: escaped, no script, a CSP that forbids scripts and external resources', () => {
    const r = runCli(['compare', ...files, '--format', 'html'], { cwd });
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n/);
    expect(r.stdout).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src 'none'; script-src 'none';/);
    // No element or attribute that could run or fetch anything: the hostile markup is text.
    expect(r.stdout).not.toMatch(/<script|<img|<a[\s>]|<iframe|<link|\bhref=|\bsrc=|\bon[a-z]+=/i);
    expect(r.stdout.match(/<style>/g)).toHaveLength(1);
    expect(r.stdout).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(r.stdout).toContain('Evil Corp\\u{202e}gnp.exe\\u{200b}');
  });
});

describe('html as a file', () => {
  it('--out report.html picks the html format from the extension and refuses to overwrite without --force', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-html-'));
    const args = ['compare', path.join(ROOT, 'examples', 'evaluations'), '--out', 'report.html'];
    expect(runCli(args, { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: 'wrote report.html\n' });
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>\n[\s\S]*Northwind Applied AI[\s\S]*<\/html>\n$/);
    const again = runCli(args, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('vendorscore: report.html: already exists; pass --force to overwrite it\n');
    expect(runCli([...args, '--force', '--quiet'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('names that mean something to JavaScript', () => {
  it('evaluators called __proto__ and constructor keep their scores in JSON', () => {
    const r = runCli(['compare', 'proto-evaluators', '--format', 'json'], { cwd });
    expect(r.code).toBe(0);
    const v = (JSON.parse(r.stdout) as { vendors: Array<{ evaluators: string[]; areas: Array<{ questions: Array<{ id: string; score: number; scores: Record<string, number> }> }> }> }).vendors[0]!;
    const q = v.areas.flatMap((a) => a.questions).find((x) => x.id === 'prompt-logging')!;
    expect(v.evaluators).toEqual(['__proto__', 'constructor']);
    expect(Object.entries(q.scores)).toEqual([['__proto__', 4], ['constructor', 2]]);
    expect(q.score).toBe(3);
  });
});

describe('pipes', () => {
  it('compare | head -1 ends quietly with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'compare', 'examples/evaluations', '--format', 'csv'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read one chunk, then close our end, as `head -1` does.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first.split('\r\n')[0]).toBe('rank,vendor_id,vendor,total,status,complete,Problem definition,Delivery experience,Data security,Evaluation and testing,Engineering breadth,Ownership,Pilot structure,knockouts');
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('errors piped into head -1 (2>&1) keep exit 2, not the 1 of an unhandled EPIPE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-pipe-'));
    let text = 'vendor:\n  name: Acme AI\nrubric: ai-vendor@1\nevaluator: Ann\nanswers:\n';
    for (let i = 0; i < 3000; i++) text += `  question-${i}: 3\n`; // ~200 KB of messages, more than a pipe holds
    writeFileSync(path.join(dir, 'many.yaml'), text);
    const out = execSync(`"${process.execPath}" "${BIN}" compare many.yaml 2>&1 | head -1; echo "status=\${PIPESTATUS[0]}"`, { cwd: dir, shell: '/bin/bash', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toBe('many.yaml:6:3: unknown question "question-0" in rubric ai-vendor@1\nstatus=2\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a shell pipeline into head -1 prints one line and no error', () => {
    const r = runCli(['compare', 'examples/evaluations'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const out = execSync(`"${process.execPath}" "${BIN}" compare examples/evaluations --format json | head -1; echo "status=\${PIPESTATUS[0]}"`, { cwd: ROOT, shell: '/bin/bash', encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('{\nstatus=0\n');
  });
});
