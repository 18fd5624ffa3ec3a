/**
 * The board pack in a real browser: Debian's chromium driven by playwright-core (.ci/run
 * installs it). No console message, no request, no dialog; every chart draws its marks; nothing
 * wider than the window at 360, 1280 and 1920 px; the PDF, on A4 and on Letter, has a page per
 * section and per vendor and every vendor's status on page one. Skipped, saying why, only when
 * no browser is installed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/io/browser.js';
import { fixture, runCli } from '../helpers/cli.js';

const browserPath = findBrowser(process.env.VENDORSCORE_BROWSER, process.env.PATH);
if (!browserPath) console.warn('report-browser.test.ts skipped: no Chromium or Chrome found (apt-get install chromium, or set VENDORSCORE_BROWSER)');

const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-board-'));
const ENV = { SOURCE_DATE_EPOCH: '1795000000', VENDORSCORE_BROWSER: browserPath };

function make(name: string, evaluations: string, extra: string[] = []): string {
  const out = path.join(dir, `${name}.html`);
  const r = runCli(['report', evaluations, '--out', out, '--quiet', ...extra], { env: ENV, timeout: 120_000 });
  expect(r.code, r.stderr).toBe(0);
  return out;
}

async function pdfPages(file: string): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((x) => ('str' in x ? x.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  return pages;
}

describe.skipIf(!browserPath)('report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: browserPath!, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, folder] of [['board', fixture('board', 'evaluations')], ['hostile', fixture('board-hostile', 'evaluations')]] as const) {
    it(`${name}: no console message, no request, no dialog; every chart's marks; no overflow at 360, 1280 and 1920 px`, async () => {
      const file = make(name, folder);
      const url = pathToFileURL(file).href;
      for (const width of [360, 1280, 1920]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const heard: string[] = [];
        page.on('console', (m) => heard.push(`console ${m.type()}: ${m.text()}`));
        page.on('pageerror', (e) => heard.push(`error: ${e.message}`));
        page.on('dialog', (d) => heard.push(`dialog: ${d.message()}`));
        page.on('request', (r) => {
          if (r.url() !== url) heard.push(`request: ${r.url()}`);
        });
        await page.goto(url);
        const seen = await page.evaluate(() => {
          const root = document.documentElement;
          return {
            overflow: root.scrollWidth - root.clientWidth,
            // Nothing hidden in a scroller either: every wide block fits its box.
            cut: [...document.querySelectorAll('.table-wrap, figure, section, article')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.id || e.className),
            // Each chart is drawn wide and narrow; the page shows one of the two by its width.
            charts: [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((f) => {
              const shown = [...f.querySelectorAll<HTMLElement>(':scope > div')].filter((d) => getComputedStyle(d).display !== 'none');
              return {
                chart: f.dataset.chart,
                shown: shown.map((d) => d.className).join(),
                expected: Number(f.dataset.marks),
                drawn: shown[0]!.querySelectorAll('.mark-rect.role-mark > path, .mark-symbol.role-mark > path').length,
                right: shown[0]!.querySelector('svg')!.getBoundingClientRect().right,
              };
            }),
            scripts: document.scripts.length,
            injected: document.querySelectorAll('img, iframe, a, b, svg svg, [onerror], [onload], [onmouseover]').length,
          };
        });
        expect(heard, `${width}px`).toEqual([]);
        expect(seen.overflow, `${width}px`).toBe(0);
        expect(seen.cut, `${width}px`).toEqual([]);
        expect(seen.scripts + seen.injected).toBe(0);
        expect(seen.charts.map((c) => c.chart)).toEqual(['profile', 'contribution', 'heatmap', 'first']);
        for (const c of seen.charts) {
          expect(c.shown).toBe(width < 640 ? 'narrow' : 'wide');
          expect(c.drawn, `${c.chart} at ${width}px`).toBe(c.expected);
          expect(c.right).toBeLessThanOrEqual(width);
        }
        await page.close();
      }
      if (name === 'board') {
        // 5 vendors × 7 areas; the draws chart shows the 4 qualified vendors.
        expect(readFileSync(file, 'utf8')).toMatch(/data-chart="profile" data-marks="35"[\s\S]*data-chart="first" data-marks="4"/);
      }
    }, 180_000);
  }

  for (const paper of ['a4', 'letter']) {
    it(`--pdf on ${paper}: a page per section and per vendor, every vendor's status on page one`, async () => {
      const pdf = path.join(dir, `board-${paper}.pdf`);
      const r = runCli(['report', fixture('board', 'evaluations'), '--pdf', pdf, '--paper', paper], { env: ENV, timeout: 120_000 });
      expect(r, r.stderr).toMatchObject({ code: 0, stdout: '', stderr: `wrote ${pdf}\n` });
      const pages = await pdfPages(pdf);
      expect(pages[0]).toMatch(/^Vendor decision: AI development vendor evaluation .* The decision Northwind Applied AI leads with 87\.6, 16\.2 points ahead of Quanta Forge/);
      for (const status of ['✓ qualified', '◐ incomplete (3 unanswered)', '✗ knockout: prompt-logging', '⚑ 1 disagreement']) expect(pages[0]).toContain(status);
      for (const v of ['Northwind Applied AI', 'Quanta Forge', 'Brightloop Labs', 'Société Lumière IA', 'Meridian Data Works']) expect(pages[0]).toContain(v);
      // Each section and each vendor starts a page: its heading is the first text on it.
      const firsts = pages.map((p) => p.slice(0, 40));
      const starts = (heading: string) => firsts.findIndex((f) => f.startsWith(heading));
      for (const heading of ['The comparison in charts', 'How sure we are', 'Each vendor', 'Do the evaluators agree?', 'How the numbers were made']) {
        expect(starts(heading), heading).toBeGreaterThan(0);
      }
      for (const v of ['Quanta Forge rank 2', 'Brightloop Labs rank 3', 'Société Lumière IA rank 4', 'Meridian Data Works disqualified']) {
        expect(firsts.some((f) => f.startsWith(v)), v).toBe(true);
      }
      expect(starts('Each vendor')).toBeGreaterThan(starts('How sure we are'));
      expect(pages.length).toBeGreaterThanOrEqual(10);
      expect(pages.at(-1)).toContain('This page runs no script and loads nothing from the network');
    }, 180_000);
  }
});
