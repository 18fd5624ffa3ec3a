import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic, type TargetOptions } from './atomic.js';

/*
 * Printing the board pack to PDF through a headless Chromium driven by playwright-core. Neither
 * is needed for anything else: both are looked for only when --pdf is given, and their absence
 * is one line that says how to get them (exit 2).
 */

export type Paper = 'a4' | 'letter';

/** Where a Chromium or Chrome usually is, after $VENDORSCORE_BROWSER (or $CHROME_PATH). */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

export const GET_A_BROWSER = 'install Chromium (Debian or Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or Chrome, or name one with VENDORSCORE_BROWSER=/path/to/chrome';

const runnable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first runnable browser among the one named, the usual places and `chromium` on PATH; undefined when none. */
export function findBrowser(named: string | undefined, pathVar = ''): string | undefined {
  if (named) return runnable(named) ? named : undefined;
  const onPath = pathVar.split(path.delimiter).filter(Boolean).flatMap((d) => ['chromium', 'chromium-browser', 'google-chrome'].map((n) => path.join(d, n)));
  return [...CANDIDATES, ...onPath].find(runnable);
}

/** The page printed as the browser prints it, on A4 or Letter, written atomically to `file`. */
export async function writePdf(html: string, file: string, o: { browser: string; paper: Paper } & TargetOptions): Promise<number> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new UserError('--pdf drives the browser through the playwright-core package, which is not installed: npm install playwright-core');
  }
  const browser = await chromium.launch({ executablePath: o.browser, headless: true, args: ['--no-sandbox'] }).catch((e: Error) => {
    throw new UserError(`--pdf: cannot start ${o.browser}: ${e.message.split('\n')[0]}`);
  });
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: the page needs nothing, and any request is refused.
    await page.route('**/*', (r) => r.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: o.paper === 'a4' ? 'A4' : 'Letter', printBackground: true, preferCSSPageSize: false, outline: true, tagged: true });
    writeFileAtomic(file, pdf, o);
    return pdf.length;
  } finally {
    await browser.close();
  }
}
