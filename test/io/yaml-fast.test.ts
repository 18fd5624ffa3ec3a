/**
 * The fast reader (src/io/yaml-fast.ts) against the full one (parseYaml): whenever the fast
 * reader returns data, the full reader returns the same data and no problem. Over every YAML
 * file of the bad-input catalogue, the examples, the bundled rubrics, hand-picked edge cases and
 * thousands of fuzzed mutants (the seeds of test/fuzz/).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFast, unsureText } from '../../src/io/yaml-fast.js';
import { parseYaml } from '../../src/io/yaml.js';
import { corpus, mutate, rng, SEED } from '../fuzz/mutate.js';
import { ROOT } from '../helpers/cli.js';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);

function decode(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Same outcome on both paths; true when the fast path took the file. */
export function agree(name: string, text: string): boolean {
  const fast = parseYamlFast(text);
  if (fast === undefined) return false;
  const slow = parseYaml(name, text);
  expect(slow.problems, `${name}: the fast reader took a file the full one refuses`).toEqual([]);
  // Same values, same types (toStrictEqual tells 1 from "1" and -0 from 0 where it matters).
  expect(fast, name).toStrictEqual(slow.source!.data);
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

const EDGES = [
  'a: 1\nb: -2\nc: +3\nd: 1.10\ne: .5\nf: 1e3\ng: 1E-2\nh: 007\ni: -0\nj: 1e400\n',
  'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: true\ng: True\nh: FALSE\ni: yes\nj: on\nk: 2026-11-20\n',
  'a: 1_000\nb: 0o17\nc: 0x1F\nd: .inf\ne: -.Inf\nf: .nan\ng: 12:30\nh: 1:2:3\n',
  "a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41 \\\\ \\\"\"\nc: ''\nd: \"\"\ne: 'a # b'\nf: a#b\ng: a # comment\n",
  'k: a long\n  plain value\n\n  with a blank line\n\n\n  and two\nnext: x\n',
  'k: a long\n  value: no\n',
  'list:\n- a\n- b\nafter: 1\n',
  'list:\n  - a\n  -  b\n  - id: x\n    name: y\n  - [1, 2]\n  - {a: 1}\n',
  'flow: [a, "b", \'c\', 1, null, true, [x, y], {k: v}, ]\nmap: {a: 1, b: two words, "c": 3}\nempty: []\nnone: {}\n',
  'vendor: {id: acme, name: Acme AI}\nrubric: ai-vendor@1\nevaluator: Ann\nanswers:\n  q1: 3\n  q2:\n    score: 4\n    notes: Good. See https://example.com/x?a=1#frag\n    evidence: [a.pdf, "b: c.pdf"]\n',
  'a: 1\r\nb:\r\n  c: two\r\n  d: three\r\n    four\r\n',
  '# comment\n\n  # indented comment\na: 1 # trailing\n# between\nb: 2\n',
  'a: 1\n  b: 2\n',
  'a:\n  b: 1\n c: 2\n',
  '"quoted key": 1\n\'single\': 2\n"": 3\n',
  'a: 1\na: 2\n',
  '1: x\n0: y\n"2": z\n',
  '1: x\n"1": y\n',
  '01: x\n',
  '1.0: x\n',
  '__proto__: x\n',
  'a: [1, 2\n',
  'a: "open\n  quote"\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: |\n  text\n',
  '---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  'a: b: c\n',
  'a: [a: 1]\n',
  '- a\n- b\n',
  'just a scalar\n',
  'a:\n  - - x\n',
  'a:  \n    - x\n    - y\n',
  'a: x\n  - y\n',
  'a: [x]]\n',
  'a: {x: 1, x: 2}\n',
  'a: "\\ud800"\n',
  'a: \'\'\'\'\nb: "a\'b"\nc: \'a"b\'\n',
  'key with spaces : value\nk2 :  v2  \n',
  'a: ?x\nb: -x\nc: :x\nd: x:\n',
  'a: "x" # c\nb: [1] # c\nc: {a: 1} #c\n',
  'a: "x"#c\n',
  'a: -\n',
  'a: - x\n',
  'a:\n-\n',
  'a: |\n  line one\n    more\n\n  two\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\n\nd: >\n  clip\n\ne: 1\n',
  'a: >\n\n  lead\nb: |-\n  x\n  # not a comment\n# a comment\nc: 1\n',
  'a: |\n   \n  x\n',
  'a: >\n  x\n    more\n  y\n',
  'a: |2\n  x\n',
  'a: |\n  x',
  'a: |\nb: 1\n',
  'l:\n  - >-\n    item\n    text\n  - x\n',
  'a: 10\nb: 1.0\nc: 100000000000000000000000\nd: 0.1e1\n',
];

describe('the fast YAML reader agrees with the full one', () => {
  it('on hand-picked edge cases', () => {
    let taken = 0;
    for (const [i, text] of EDGES.entries()) if (agree(`edge-${i}.yaml`, text)) taken++;
    expect(taken).toBeGreaterThan(10);
  });

  it('on the catalogue, the examples and the bundled rubrics', () => {
    const files = [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'rubrics'))];
    let taken = 0;
    for (const f of files) {
      const text = decode(readFileSync(f));
      if (text !== undefined && agree(path.relative(ROOT, f), text.replace(/^\ufeff/, ''))) taken++;
    }
    // Every example is in the subset; so is most of what people write.
    expect(taken).toBeGreaterThan(files.length / 3);
  });

  it(`on fuzzed mutants (seed ${SEED}, ${MUTANTS})`, () => {
    const next = rng(SEED + 17);
    const seeds = corpus();
    let taken = 0;
    for (let n = 0; n < MUTANTS; n++) {
      const seed = seeds[Math.floor(next() * seeds.length)]!;
      const text = decode(mutate(seed.bytes, next));
      if (text === undefined) continue;
      const body = text.replace(/^\ufeff/, '');
      try {
        if (agree(`mutant-${n}.yaml`, body)) taken++;
      } catch (e) {
        throw new Error(`mutant ${n} (from ${seed.name}): ${JSON.stringify(body.slice(0, 2000))}\n${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(taken).toBeGreaterThan(MUTANTS / 40);
  });
});

describe('the input scan (unsureText)', () => {
  // The one expression it replaces: any of these characters, or a CR not before a LF.
  // eslint-disable-next-line no-control-regex
  const ONE_PATTERN = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;

  it('refuses what the single expression refuses, character by character and on mutants', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a: ${ch}\n`, `a: 1${ch}\r\n`, `${ch}\n\r`]) expect(unsureText(text), `U+${c.toString(16)}`).toBe(ONE_PATTERN.test(text));
    }
    const next = rng(SEED + 23);
    const seeds = corpus();
    for (let n = 0; n < MUTANTS; n++) {
      const text = mutate(seeds[Math.floor(next() * seeds.length)]!.bytes, next).toString('latin1');
      expect(unsureText(text), `mutant ${n}`).toBe(ONE_PATTERN.test(text));
    }
  });
});
