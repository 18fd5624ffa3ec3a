/**
 * Fuzzing "one person is one person": seeded respellings of evaluator names (Unicode forms,
 * full-width letters, invisible characters, white space, case) written as two files about one
 * vendor. Each respelling is the duplicate-evaluator error, located, with both spellings shown
 * and nothing invisible printed; a respelling that changes a letter is a second evaluator; and
 * every respelling names the same interview file.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../src/core/identity.js';
import { defaultOutPath } from '../../src/interview/target.js';
import { defaultRubricPath, loadWorkspace } from '../../src/io/load.js';
import { quoteName } from '../../src/text/sanitize.js';
import { rng, SEED } from './mutate.js';

const RUNS = Number(process.env.FUZZ_IDENTITY_RUNS ?? 150);
const NAMES = ['Ann Lee', 'José Núñez', 'Zoë Ångström', 'Dana Whitfield', 'Łukasz Żółć', 'Renée O’Brien'];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u0007'];
const SPACES = ['\u00a0', '\u202f', '\u2007', '\u3000', '\t', '  ', ' \u00a0 '];
const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00a0\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u3000]/u;

/** The same name written another way: each step keeps its key. */
function respell(name: string, next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  let s = next() < 0.5 ? name.normalize('NFD') : name.normalize('NFC');
  const steps = 1 + Math.floor(next() * 3);
  for (let k = 0; k < steps; k++) {
    const chars = [...s];
    const at = Math.floor(next() * (chars.length + 1));
    switch (Math.floor(next() * 4)) {
      case 0:
        chars.splice(at, 0, pick(INVISIBLE));
        break;
      case 1:
        s = s.replace(' ', pick(SPACES));
        continue;
      case 2:
        s = next() < 0.5 ? s.toUpperCase() : s.toLowerCase();
        continue;
      default:
        // Full-width forms of ASCII letters.
        for (let i = 0; i < chars.length; i++) if (/[A-Za-z]/.test(chars[i]!) && next() < 0.3) chars[i] = String.fromCodePoint(chars[i]!.codePointAt(0)! + 0xfee0);
    }
    s = chars.join('');
  }
  return s;
}

const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-fuzz-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const yamlString = (s: string) => JSON.stringify(s);
const evaluation = (name: string) => `vendor:\n  name: Acme AI\nrubric: ai-vendor@1\nevaluator: ${yamlString(name)}\nanswers:\n  prompt-logging: 3\n`;

describe(`identity fuzz (seed ${SEED}, ${RUNS} respellings)`, () => {
  it('every respelling of a name is the same evaluator: one located duplicate error, both spellings shown, nothing invisible printed', () => {
    const next = rng(SEED);
    let differentSpelling = 0;
    for (let n = 0; n < RUNS; n++) {
      const name = NAMES[n % NAMES.length]!;
      const other = respell(name, next);
      expect(nameKey(other), JSON.stringify(other)).toBe(nameKey(name));
      expect(defaultOutPath('acme-ai', other)).toBe(defaultOutPath('acme-ai', name));
      const ws = path.join(dir, `same-${n}`);
      mkdirSync(ws);
      writeFileSync(path.join(ws, 'a.yaml'), evaluation(name));
      writeFileSync(path.join(ws, 'b.yaml'), evaluation(other));
      const { problems } = loadWorkspace({ paths: [ws], rubric: defaultRubricPath() });
      const dup = problems.filter((p) => p.code === 'duplicate-evaluator');
      expect(dup, JSON.stringify(other)).toHaveLength(1);
      expect(dup[0]).toMatchObject({ line: 4, col: 12, severity: 'error' });
      expect(dup[0]!.message).toContain(`evaluator ${quoteName(other)} already scored vendor acme-ai in `);
      if (other !== name) {
        differentSpelling++;
        expect(dup[0]!.message).toContain(`, written there as ${quoteName(name)}; one file per evaluator per vendor`);
        // The two spellings look different on screen.
        expect(quoteName(other)).not.toBe(quoteName(name));
      }
      expect(dup[0]!.message).not.toMatch(DANGEROUS);
    }
    expect(differentSpelling).toBeGreaterThan(RUNS * 0.9);
  });

  it('a respelling that also changes a letter is another evaluator', () => {
    const next = rng(SEED + 1);
    for (let n = 0; n < RUNS / 3; n++) {
      const name = NAMES[n % NAMES.length]!;
      const other = respell(`${name.slice(0, -1)}x`, next);
      const ws = path.join(dir, `other-${n}`);
      mkdirSync(ws);
      writeFileSync(path.join(ws, 'a.yaml'), evaluation(name));
      writeFileSync(path.join(ws, 'b.yaml'), evaluation(other));
      const { problems, workspace } = loadWorkspace({ paths: [ws], rubric: defaultRubricPath() });
      expect(problems.filter((p) => p.code === 'duplicate-evaluator'), JSON.stringify(other)).toEqual([]);
      expect(workspace!.evaluations).toHaveLength(2);
    }
  });
});
