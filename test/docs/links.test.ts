import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The contract lives in docs/: every relative link in the README and in docs/ leads to a file of
// this repository, and nothing points outside it.
const pages = ['README.md', 'examples/README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)];

describe('documentation links', () => {
  for (const page of pages) {
    it(`${page}: every relative link resolves inside the repository`, () => {
      const text = readFileSync(path.join(ROOT, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target!)) continue;
        const file = path.resolve(path.dirname(path.join(ROOT, page)), target!.split('#')[0]!);
        expect(path.relative(ROOT, file).startsWith('..'), `${page} → ${target}`).toBe(false);
        expect(existsSync(file), `${page} → ${target}`).toBe(true);
      }
    });
  }
});
