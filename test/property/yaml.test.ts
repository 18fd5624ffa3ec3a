/**
 * Properties of the loader: answers written by the interview's document API read back
 * unchanged; the nesting scan never runs low; duplicate keys are always found.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/types.js';
import { EvaluationDoc } from '../../src/io/evaluation-doc.js';
import { defaultRubricPath, evaluationFromSource, loadRubric } from '../../src/io/load.js';
import { findExcessiveNesting, parseYaml } from '../../src/io/yaml.js';
import { ROOT } from '../helpers/cli.js';

const rubric = loadRubric(defaultRubricPath()).rubric!;
const order = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));

/** Text a person might paste: any code point (no lone surrogates), including controls and line breaks. */
const pasted = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\t', '"', "'", ':', '#', '-', '&', '*', '!', '|', '>', '{', '[', '%', '@', '`', '\u001b', '\u0085', '\u2028', '\ufeff', '\u202e'), minLength: 1, maxLength: 40 }),
);

describe('YAML round trip', () => {
  it('answers written through EvaluationDoc read back exactly: scores, notes and evidence', () => {
    const answerArb = fc.record({
      score: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      notes: fc.option(pasted, { nil: undefined }),
      evidence: fc.array(pasted.filter((s) => s.trim() !== ''), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...order), answerArb, { maxKeys: 8 }), fc.constantFrom('Acme AI', 'Société Générale', 'Zeta\u202e'), (answers, name) => {
        const doc = EvaluationDoc.create({ vendorId: 'acme-ai', vendorName: name, evaluator: 'Ann', rubric: 'ai-vendor@1', date: '2026-11-25' });
        for (const [id, a] of Object.entries(answers)) doc.setAnswer(id, { score: a.score, notes: a.notes, evidence: a.evidence } as Answer, order);
        const { source, problems } = parseYaml('x.yaml', doc.toString());
        expect(problems).toEqual([]);
        const { evaluation, problems: invalid } = evaluationFromSource(source!, rubric);
        expect(invalid).toEqual([]);
        expect(evaluation!.vendor.name).toBe(name);
        for (const [id, a] of Object.entries(answers)) {
          const got = evaluation!.answers[id]!;
          expect(got.score).toBe(a.score);
          expect(got.notes ?? undefined).toBe(a.notes || undefined);
          expect(got.evidence).toEqual(a.evidence);
        }
      }),
      { seed: 31, numRuns: 400 },
    );
  });

  // The yaml library writes the evidence item "-\na" in a flow sequence as a plain scalar that no
  // parser reads back; EvaluationDoc quotes such items.
  it('evidence with a line break after a leading "-" reads back (quoted on write)', () => {
    const doc = EvaluationDoc.create({ vendorId: 'acme-ai', vendorName: 'Acme AI', evaluator: 'Ann', rubric: 'ai-vendor@1', date: '2026-11-25' });
    doc.setAnswer('restate-problem', { score: 3, evidence: ['-\na'] }, order);
    expect(parseYaml('x.yaml', doc.toString()).problems).toEqual([]);
  });

  it('any plain data stringified by the yaml library parses back equal (core schema, no surprises)', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['__proto__', 'constructor', 'prototype', '<<'].includes(k));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ maxDepth: 4 }, fc.string({ unit: 'binary', maxLength: 30 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), (data) => {
        const { source, problems } = parseYaml('x.yaml', stringify(data));
        expect(problems).toEqual([]);
        expect(source!.data).toEqual(JSON.parse(JSON.stringify(data)));
      }),
      { seed: 32, numRuns: 500 },
    );
  });
});

/** Containers on the deepest path: {a: 1} is 1, {a: [1]} is 2. */
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const kids = Array.isArray(v) ? v : Object.values(v);
  return 1 + Math.max(0, ...kids.map(depthOf));
}

describe('nesting scan', () => {
  const nested = fc.letrec((tie) => ({
    v: fc.oneof({ maxDepth: 12, depthSize: 'large' }, fc.constantFrom('x', '[not a list]', '{not: a map}', "it's", '"q"', 1), fc.array(tie('v'), { minLength: 1, maxLength: 2 }), fc.dictionary(fc.constantFrom('a', 'b', '[k]'), tie('v'), { minKeys: 1, maxKeys: 2 })),
  })).v;

  it('never runs low: a text whose data nests D containers deep is flagged for any limit below D, in block or flow style', () => {
    fc.assert(
      fc.property(nested, fc.boolean(), (v, flow) => {
        const data = { root: v };
        const d = depthOf(data);
        const text = stringify(data, flow ? { collectionStyle: 'flow' } : {});
        expect(findExcessiveNesting(text, d - 1)).toBeGreaterThanOrEqual(0);
      }),
      { seed: 33, numRuns: 3000 },
    );
  });

  it('finds the bundled rubric and every example well inside the limit', () => {
    const files = [defaultRubricPath(), ...readdirSync(path.join(ROOT, 'examples', 'evaluations'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))];
    for (const f of files) expect(findExcessiveNesting(readFileSync(f, 'utf8'), 8), f).toBe(-1);
  });

  it('brackets inside quotes, comments and block scalars do not count', () => {
    const text = `a: "[[[[[[[[[["\nb: '{{{{{{{{{{'\n# [[[[[[[[[[[[\nc: |\n  [[[[[[[[[[[[\n  {{{{{{{{{{{{\nd: plain [[[[[[ text\ne: ok\n`;
    expect(findExcessiveNesting(text, 3)).toBe(-1);
    // The mapping, then `a:`'s value, then each bracket: the sixth level is the fourth bracket, at offset 6.
    expect(findExcessiveNesting('a: [[[[[[x]]]]]]\n', 5)).toBe(6);
  });
});

describe('deep nesting', () => {
  it('is refused before parsing, with its position, and again for a second file in the same process', () => {
    const flow = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const block = `a:\n  ${'- '.repeat(5000)}x\n`;
    for (const text of [flow, block, flow]) {
      const { source, problems } = parseYaml('deep.yaml', text);
      expect(source).toBeUndefined();
      expect(problems).toHaveLength(1);
      expect(problems[0]!.code).toBe('too-deep');
      expect(problems[0]!.message).toBe('nesting is deeper than 32 levels; vendorscore files need only a few');
    }
    expect(parseYaml('ok.yaml', 'a: [[1]]\n').problems).toEqual([]);
  });

  it('with the scan switched off, the parser still never throws, and the next file still parses', () => {
    const deep = `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    for (let i = 0; i < 2; i++) {
      const { source, problems } = parseYaml('deep.yaml', deep, { maxDepth: Number.MAX_SAFE_INTEGER });
      expect(source === undefined || problems.length === 0).toBe(true);
    }
    expect(parseYaml('ok.yaml', 'a: [[1]]\n').source!.data).toEqual({ a: [[1]] });
  });
});

describe('duplicate keys', () => {
  it('are found wherever they are, as written or as numbers (1 beside "1", 1.0 beside 1)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 30 }), fc.nat(), fc.constantFrom('same', 'quoted', 'float'), (keys, pick, how) => {
        const k = keys[pick % keys.length]!;
        const dup = how === 'same' ? String(k) : how === 'quoted' ? `"${k}"` : `${k}.0`;
        const lines = keys.map((x) => `  ${x}: v`);
        lines.splice((pick % (lines.length + 1)), 0, `  ${dup}: w`);
        const { problems } = parseYaml('x.yaml', `labels:\n${lines.join('\n')}\n`);
        expect(problems.map((p) => p.code)).toEqual(['duplicate-key']);
        expect(problems[0]!.message).toBe(`duplicate key "${k}" (first at line ${problems[0]!.message.match(/line (\d+)/)![1]}); each key may appear once in a mapping`);
      }),
      { seed: 34, numRuns: 500 },
    );
  });

  it('distinct keys are never reported', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { minLength: 1, maxLength: 40 }), (keys) => {
        const { problems } = parseYaml('x.yaml', `m:\n${keys.filter((k) => !['constructor', 'prototype'].includes(k)).map((k) => `  ${k}: 1`).join('\n')}\n`);
        expect(problems).toEqual([]);
      }),
      { seed: 35, numRuns: 300 },
    );
  });
});
