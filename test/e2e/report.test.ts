/**
 * The board pack as HTML text: its sections, its numbers against `compare --format json`, the
 * escaping of every vendor-supplied string, nothing that reaches outside the page, the CSP, and
 * the flags around it (--baseline, --out, --pdf without a browser). The browser test is
 * report-browser.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const BOARD = fixture('board', 'evaluations');
const HOSTILE = fixture('board-hostile', 'evaluations');
const ENV = { SOURCE_DATE_EPOCH: '1795000000' };

interface JsonVendor {
  id: string;
  name: string;
  rank: number | null;
  total: number;
  status: string;
}

const report = (args: string[]) => runCli(['report', ...args, '--quiet'], { env: ENV });
const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** The cells of the shortlist row of one vendor, as text. */
function shortlistRow(html: string, id: string): string[] {
  const row = new RegExp(`<tr [^>]*data-vendor="${id}">(.*?)</tr>`).exec(html);
  expect(row, id).not.toBeNull();
  return [...row![1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('report: the board pack as HTML', () => {
  let html: string;
  let hostile: string;
  beforeAll(() => {
    const r = report([BOARD]);
    expect(r.code, r.stderr).toBe(0);
    html = r.stdout;
    hostile = report([HOSTILE]).stdout;
  });

  it('has every section whose data is there, in reading order, dated and naming rubric and evaluators', () => {
    const ids = [...html.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['decision', 'charts', 'robustness', 'vendors', 'agreement', 'method']);
    expect(html).toContain('2026-11-18'); // SOURCE_DATE_EPOCH 1795000000
    expect(html).toContain('<code>ai-vendor@1</code>');
    expect(html).toMatch(/evaluators: Dana Whitfield \(Procurement\), Lena Ortiz \(Security\), Ravi Menon \(Engineering\)/);
    expect(html.match(/<article class="vendor"/g)).toHaveLength(5);
    // No price data in these files: no value chart, no cost column.
    expect(html).not.toContain('data-chart="value"');
    expect([...html.matchAll(/data-chart="([a-z]+)"/g)].map((m) => m[1])).toEqual(['profile', 'contribution', 'heatmap', 'first']);
  });

  it('shows the numbers of compare --format json: rank, total and status of every vendor, and the margin', () => {
    const json = JSON.parse(runCli(['compare', BOARD, '--format', 'json']).stdout) as { vendors: JsonVendor[] };
    for (const v of json.vendors) {
      const [rank, name, total] = shortlistRow(html, v.id);
      expect(rank).toBe(v.rank === null ? '–' : String(v.rank));
      expect(name).toBe(v.name.replace('é', 'é'));
      expect(total).toBe(one(v.total));
      expect(html).toContain(`id="vendor-${v.id}"`);
    }
    const [first, second] = json.vendors.filter((v) => v.status === 'qualified');
    expect(html).toContain(`<strong>${one(first!.total - second!.total)} points</strong> ahead of ${second!.name}`);
    expect(shortlistRow(html, 'meridian-data-works').at(-1)).toContain('knockout: prompt-logging');
    expect(shortlistRow(html, 'societe-lumiere-ia').at(-1)).toContain('incomplete (3 unanswered)');
  });

  it('says in one sentence how robust the ranking is (the sensitivity verdict)', () => {
    const verdict = runCli(['sensitivity', BOARD]).stdout.split('\n')[0]!;
    expect(html).toContain(`<p class="verdict">${verdict.replace('Robust:', '<strong>Robust</strong>:')}</p>`);
  });

  it('has a CSP that forbids scripts and remote loads, and nothing that would need either', () => {
    for (const page of [html, hostile].map((p) => p.replace(/ aria-label="[^"]*"/g, ''))) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; img-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'$/);
      // Text escapes every "<", so each "<" opens a tag: no tag or attribute that runs, links or loads anything.
      for (const [, tag, attrs] of page.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
        expect(tag!.toLowerCase()).not.toMatch(/^(script|iframe|img|image|object|embed|link|a|use|foreignobject|base|form)$/);
        for (const [, name, value] of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
          expect(name).not.toMatch(/^(on.*|style|href|xlink:href|src|action|srcset)$/i);
          // The SVG namespace is a name, not a load; aria-label, left out above, is text for screen readers.
          if (!name!.startsWith('xmlns')) expect(value).not.toMatch(/https?:|javascript:|url\((?!#)/i);
        }
      }
      expect(page.match(/<style>/g)).toHaveLength(1);
    }
  });

  it('escapes every vendor-supplied string: names, evaluators, notes and evidence show as text', () => {
    expect(hostile).toContain('&#60;img src&#61;&#34;http://x.example/i.png&#34; onerror&#61;&#34;alert(1)&#34;&#62;Evil &#38; Co&#60;/style&#62;&#60;script&#62;alert(2)&#60;/script&#62;');
    expect(hostile).toContain('&#60;b onmouseover&#61;&#34;alert(4)&#34;&#62;Mallory&#60;/b&#62;');
    expect(hostile).toContain('&#60;/li&#62;&#60;/ul&#62;&#60;iframe');
    expect(hostile).toContain('<span class="evidence">&#60;img src&#61;https://x.example/e.png&#62;</span>');
    // Inside the charts too (vega escapes its own text; none of it is markup).
    expect(hostile).toMatch(/<text[^>]*>&lt;img src="http:\/\/x\.example/);
  });

  it("shows the panel's agreed score with its reason, and each follow-up flag, under the question", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-board-panel-'));
    const agreed = path.join(dir, 'brightloop-labs.yaml');
    writeFileSync(agreed, readFileSync(fixture('..', '..', 'examples', 'agreed', 'brightloop-labs.yaml')));
    const flagged = path.join(dir, 'flagged.yaml');
    const src = readFileSync(path.join(BOARD, 'northwind-applied-ai', 'dana-whitfield.yaml'), 'utf8');
    writeFileSync(flagged, src.replace(/^  restate-problem:\n/m, '  restate-problem:\n    flag: ask for the <b>baseline</b> metric\n'));
    const r = report([path.join(BOARD, 'brightloop-labs'), path.join(BOARD, 'northwind-applied-ai', 'lena-ortiz.yaml'), flagged, agreed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✦ Panel:</span> agreed 3 (the evaluators&#39; aggregate was 3.5) · The case study&#39;s ERP integration');
    expect(r.stdout).toContain('follow-up:</span> ask for the &#60;b&#62;baseline&#60;/b&#62; metric');
  });

  it("gives Krippendorff's alpha and each evaluator's calibration as `agreement --format json` computes them", () => {
    const html = report([BOARD]).stdout;
    const j = JSON.parse(runCli(['agreement', BOARD, '--format', 'json', '--quiet']).stdout);
    const x = j.overall.alpha.interval;
    expect(html).toContain(`All questions: ${x.value.toFixed(3)} (95% interval ${x.low.toFixed(3)} to ${x.high.toFixed(3)})`);
    for (const c of j.calibration.evaluators) expect(html).toContain(`${c.units} shared question(s); ${c.significant ? 'larger than' : 'within'} the noise`);
  });

  it('compare --format html is the same page', () => {
    expect(runCli(['compare', BOARD, '--format', 'html'], { env: ENV }).stdout).toBe(html);
  });

  it('--baseline shows each vendor\'s move and change of total since the earlier result', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-report-'));
    const base = path.join(dir, 'before.json');
    writeFileSync(base, runCli(['compare', BOARD, '--format', 'json', '--weights', 'ownership=40']).stdout);
    const r = report([BOARD, '--baseline', base]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<th class="num">Move</th><th class="num">Δ</th>');
    expect(r.stdout).toContain(`Movement since <code>${base}</code>`);
    const json = JSON.parse(runCli(['compare', BOARD, '--format', 'json', '--baseline', base]).stdout) as { vendors: Array<JsonVendor & { movement: { totalDelta: number } }> };
    for (const v of json.vendors) {
      const cells = shortlistRow(r.stdout, v.id);
      const d = v.movement.totalDelta;
      expect(cells[4]).toBe(Math.round(d * 10) === 0 ? '±0.0' : `${d > 0 ? '+' : '−'}${one(Math.abs(d))}`);
    }
  });

  it('--out writes the page; a name that is not .html is refused; --pdf without a browser says how to get one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-report-'));
    const ok = runCli(['report', BOARD, '--out', 'board.html'], { cwd: dir, env: ENV });
    expect(ok).toEqual({ code: 0, stdout: '', stderr: 'wrote board.html\n' });
    expect(readFileSync(path.join(dir, 'board.html'), 'utf8')).toBe(html);
    expect(runCli(['report', BOARD, '--out', 'board.html'], { cwd: dir }).stderr).toBe('vendorscore: board.html: already exists; pass --force to overwrite it\n');
    const txt = runCli(['report', BOARD, '--out', 'board.txt'], { cwd: dir });
    expect(txt.code).toBe(2);
    expect(txt.stderr).toMatch(/^vendorscore: --out board.txt: the report is HTML; name the file .html/);
    const pdf = runCli(['report', BOARD, '--pdf', 'board.pdf'], { cwd: dir, env: { VENDORSCORE_BROWSER: path.join(dir, 'no-such-browser') } });
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toMatch(/^vendorscore: --pdf needs a headless Chromium or Chrome \(.*no-such-browser is not a program that can run\): install Chromium \(Debian or Ubuntu: sudo apt-get install chromium/);
    const paper = runCli(['report', BOARD, '--pdf', 'board.pdf', '--paper', 'a5'], { cwd: dir });
    expect(paper).toMatchObject({ code: 2, stderr: 'vendorscore: --paper must be a4 or letter, not a5\n' });
  });
});
