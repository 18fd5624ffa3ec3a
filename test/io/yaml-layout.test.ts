/**
 * Indentation mistakes: one message, at the line to move, in plain words, with how far to move
 * it; and files that are valid YAML are never second-guessed.
 */
import { describe, expect, it } from 'vitest';
import { explainLayout, keyEnd } from '../../src/io/yaml-layout.js';
import { isYamlSyntaxSentence, LAYOUT } from '../../src/io/yaml-messages.js';
import { parseYaml } from '../../src/io/yaml.js';

const problems = (text: string) => parseYaml('f.yaml', text).problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
const HEAD = 'vendor:\n  name: Acme\nrubric: ai-vendor@1\nevaluator: Ann\nanswers:\n';

describe('one plain message for each kind of indentation slip', () => {
  it('a line indented more than a line that already has a value', () => {
    expect(problems(`${HEAD}  logs:\n    score: 4\n      notes: fine\n  keys: 3\n`)).toEqual([
      '8:7: line 8 is indented more than the line above, but line 7 already has a value; indent it with 4 spaces, like line 7',
    ]);
  });

  it('after "- key: value", the hint lines the line up with the key, not the dash', () => {
    expect(problems('items:\n  - id: a\n      name: b\n')).toEqual(['3:7: line 3 is indented more than the line above, but line 2 already has a value; indent it with 4 spaces, to line up with the key on line 2']);
  });

  it('a line between two levels names both, the line above first', () => {
    expect(problems(`${HEAD}  logs:\n    score: 4\n   notes: fine\n`)).toEqual([
      '8:4: line 8 is indented 3 spaces, which lines up with none of the lines above; indent it with 4 spaces, like line 7, or with 2 spaces, like line 6',
    ]);
    expect(problems('a:\n  b:\n    c: 1\n d: 2\n')).toEqual(['4:2: line 4 is indented 1 space, which lines up with none of the lines above; indent it with 4 spaces, like line 3, or with 2 spaces, like line 2']);
  });

  it('a line that left its block too early is blamed, not the line after it', () => {
    expect(problems(`${HEAD}  logs: 4\nkeys: 3\n  access: 2\n`)).toEqual(['7:1: line 7 is indented less than the lines around it; indent it with 2 spaces, like line 8']);
  });

  it('a line at the column of the key above it, which ends with a colon', () => {
    expect(problems('scale:\nmin: 0\n  max: 5\n')).toEqual(['2:1: line 2 is not indented under line 1, which ends with a colon and expects its value below it; indent it with 2 spaces, like line 3']);
  });

  it('the first line of a block indented its own way, found by the line below it', () => {
    expect(problems(`${HEAD}  logs:\n     score: 4\n    notes: fine\n`)).toEqual(['7:6: line 7 does not line up with line 8, the next line of the same block; indent it with 4 spaces, like line 8']);
  });

  it('a first line indented more than the rest of the file', () => {
    expect(problems('  vendor:\n    name: Acme\nrubric: x@1\n')).toEqual(['1:3: line 1 starts the file but is indented more than the lines below it; remove its indentation']);
  });

  it('tabs, alone or after spaces', () => {
    expect(problems('a:\n\tb: 1\n')).toEqual([`2:1: ${LAYOUT.tab(2)}`]);
    expect(problems('a:\n  \tb: 1\n')).toEqual([`2:3: ${LAYOUT.mixed(2)}`]);
    expect(problems('a: |\n  text\n\tb: 1\n')).toEqual([`3:1: ${LAYOUT.tab(3)}`]);
  });

  it('a tab inside the text of a block scalar is text, not indentation', () => {
    expect(problems('a: |\n  one\n  \ttwo\nb: 1\n')).toEqual([]);
  });

  it('list items', () => {
    expect(problems('a:\n  evidence:\n    - x.pdf\n  - y.pdf\n')).toEqual([
      '4:3: line 4 is a list item (it starts with "-") that does not line up with the item above it; indent it with 4 spaces, like line 3',
    ]);
    expect(problems('areas:\n  - id: a\n    name: A\n   - id: b\n')).toEqual([
      '4:4: line 4 is a list item (it starts with "-") that does not line up with the item above it; indent it with 2 spaces, like line 2',
    ]);
    expect(problems('areas:\n  - id: a\n  name: A\n')).toEqual(['3:3: line 3 lines up with the "-" of the list item above it, not with its keys; indent it with 4 spaces, to line up with the key on line 2']);
    expect(problems('areas:\n  - id: a\n    name: A\n  weight: 2\n')).toEqual(['4:3: line 4 lines up with the "-" of the list item above it, not with its keys; indent it with 4 spaces, like line 3']);
  });

  it('a missing space after a colon', () => {
    expect(problems(`${HEAD}  logs:\n    score:4\n    notes: fine\n`)).toEqual([`7:10: ${LAYOUT.noSpace(7)}`]);
    expect(problems('id:ai-vendor\nversion: 1\n')).toEqual([`1:3: ${LAYOUT.noSpace(1)}`]);
  });

  it('block scalars: a text line indented less than the first, or too little to be text', () => {
    expect(problems('a:\n  notes: >-\n      first line\n    second line\n  b: 1\n')).toEqual([
      "4:5: line 4 is indented less than line 3, the first line of the text it belongs to; YAML takes the first line's indentation for the whole text: indent them alike",
    ]);
    expect(problems('a:\n  notes: >-\n    first line\n  second line\n')).toEqual([
      '4:3: line 4 is not a key (it has no colon) and is indented too little to be part of the text above; indent it with 4 spaces, like line 3',
    ]);
    expect(problems('a:\n  notes: first\n  second\n')).toEqual([
      '3:3: line 3 is not a key (it has no colon) and is indented too little to be part of the text above; indent it with 4 spaces, to go on with the value on line 2',
    ]);
  });

  it('a CRLF file gives the same message at the same place', () => {
    expect(problems(`${HEAD}  logs:\n    score: 4\n      notes: fine\n`.replace(/\n/g, '\r\n'))).toEqual([
      '8:7: line 8 is indented more than the line above, but line 7 already has a value; indent it with 4 spaces, like line 7',
    ]);
  });
});

describe('one syntax message a file, whatever the parser says after it', () => {
  it('a slip near the top gives one line, not one per line below it', () => {
    const text = `${HEAD} logs:\n    score: 4\n  keys: 3\n  access: 2\n  tools: 1\n`;
    expect(problems(text)).toHaveLength(1);
  });

  it('other syntax errors keep a sentence of their own, in plain words where the parser has none', () => {
    expect(problems('a: b: c\n')).toEqual(['1:4: a colon and a space inside a value start another key; put the value in quotes, or check the indentation of the line below']);
    expect(problems('a: "x \\q"\nb: [1, 2\n')).toEqual(['1:7: invalid escape sequence in a double-quoted value; write \\\\ for a backslash, or use single quotes']);
  });

  it('keeps the parser\'s place when the layout walk does not follow the file (a flow collection over several lines)', () => {
    const text = 'a: [1,\n  2]\nb:\n  c: 1\n   d: 2\n';
    expect(explainLayout(text, 5)).toBeUndefined();
    expect(problems(text)).toHaveLength(1);
  });

  it('an explanation far from where the parser stopped is not used', () => {
    // Line 2 would be "indented more" only if line 1 ended the value; the parser stops at line 3.
    expect(explainLayout('a: 1\nb: 2\nc: [\n', 3)).toBeUndefined();
  });
});

describe('valid YAML is never second-guessed', () => {
  const valid = [
    'notes: a long text\n  that goes on\n  over lines\nnext: 1\n',
    'a:\n  evidence:\n  - x.pdf\n  - y.pdf\n  notes: compact list\n',
    'areas:\n  - id: a\n    questions:\n      - id: q\n        text: >-\n          folded\n            more indented\n        weight: 2\n  - id: b\n',
    'a: "a quoted value\n   over lines: with a colon"\nb: 1\n',
    "a: 'it''s\n  fine'\nb: [1, {c: 2}]\n",
    '# comment\n   # an indented comment\na: 1 # trailing\n\n\nb:\n    deep: 1\n',
    '---\na: 1\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: |\n\n  after a blank line\nb: 2\n',
    'items:\n- a\n- b: 1\n  c: 2\n',
    'a:\n  - - nested\n    - list\n',
  ];
  for (const text of valid) {
    it(JSON.stringify(text.slice(0, 40)), () => {
      const r = parseYaml('f.yaml', text);
      expect(r.problems).toEqual([]);
      expect(r.source).toBeDefined();
      // The walk itself finds nothing wrong, wherever the parser might have stopped.
      const lines = text.split('\n').length;
      for (let line = 1; line <= lines; line++) expect(explainLayout(text, line), `line ${line}`).toBeUndefined();
    });
  }
});

describe('keyEnd', () => {
  it('finds key: at the start of a line, plain or quoted, and nothing else', () => {
    expect(keyEnd('score: 4')).toBe(6);
    expect(keyEnd('score:')).toBe(6);
    expect(keyEnd('"a: b": 1')).toBe(7);
    expect(keyEnd("'x': 1")).toBe(4);
    expect(keyEnd('http://example.com')).toBe(-1);
    expect(keyEnd('text # not: a key')).toBe(-1);
    expect(keyEnd('- item: 1')).toBe(-1);
    expect(keyEnd('score:4')).toBe(-1);
  });
});

describe('every layout sentence is a known YAML syntax sentence (the fuzz run checks each message)', () => {
  it('with any numbers', () => {
    const sentences = [
      LAYOUT.tab(3), LAYOUT.mixed(12), LAYOUT.more(11, 10, 4, false), LAYOUT.more(3, 2, 0, true), LAYOUT.less(15, 2, 16), LAYOUT.under(48, 47, 10, 49), LAYOUT.under(2, 1, 2),
      LAYOUT.between(5, 1, [{ spaces: 4, line: 4 }, { spaces: 0, line: 1 }]), LAYOUT.between(5, 3, [{ spaces: 2, line: 4 }]), LAYOUT.item(22, 6, 21), LAYOUT.noSpace(10),
      LAYOUT.first(1), LAYOUT.align(7, 4, 8), LAYOUT.blockLess(4, 3), LAYOUT.notKey(4, 4, 'like line 3'), LAYOUT.notKey(4, 6, 'to go on with the value on line 2'), LAYOUT.keyAtDash(3, 4, 2, true),
    ];
    for (const s of sentences) expect(isYamlSyntaxSentence(s), s).toBe(true);
    expect(isYamlSyntaxSentence('line 3 is indented more than the line above, but SECRET')).toBe(false);
  });
});
