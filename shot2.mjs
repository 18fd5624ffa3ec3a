import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [file, out, w, sel, h] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: +w, height: 800 } });
await page.setContent(readFileSync(file, 'utf8'));
const y = await page.evaluate((s) => document.querySelector(s).getBoundingClientRect().top + scrollY, sel);
await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y, width: +w, height: +h } });
await browser.close();
