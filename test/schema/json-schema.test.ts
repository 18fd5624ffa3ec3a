import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Rubric } from '../../src/core/types.js';
import { defaultRubricPath, loadRubric } from '../../src/io/load.js';
import { evaluationSchemaDrift, renderJsonSchema } from '../../src/schema/json-schema.js';
import { ROOT, runCli } from '../helpers/cli.js';

const committed = (kind: string) => readFileSync(path.join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8');
const yamlData = (file: string) => parse(readFileSync(file, 'utf8'), { version: '1.2', schema: 'core' }) as unknown;
/** Validates with the committed JSON Schema itself (not the zod schema it came from). */
const validator = (kind: string) => z.fromJSONSchema(JSON.parse(committed(kind)));

function exampleFiles(): string[] {
  const dir = path.join(ROOT, 'examples', 'evaluations');
  return readdirSync(dir).flatMap((v) => readdirSync(path.join(dir, v)).map((f) => path.join(dir, v, f)));
}

describe('JSON Schemas under schemas/', () => {
  it.each(['rubric', 'evaluation', 'consensus'])('schemas/%s.schema.json is what `rubric schema` generates today', (kind) => {
    // If this fails after a schema change: node bin/vendorscore.js rubric schema --kind <kind> --out schemas/<kind>.schema.json --force
    expect(committed(kind)).toBe(renderJsonSchema(kind as 'rubric' | 'evaluation' | 'consensus'));
    const r = runCli(['rubric', 'schema', '--kind', kind]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(committed(kind));
  });

  it('rejects an unknown --kind with exit 2', () => {
    const r = runCli(['rubric', 'schema', '--kind', 'vendor']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vendorscore: --kind must be one of rubric, evaluation, consensus, judgments, not "vendor"\n');
  });

  it('is editor-friendly: closed objects, described keys, defaults optional, answers as number|null|object', () => {
    const ev = JSON.parse(committed('evaluation'));
    expect(ev.additionalProperties).toBe(false);
    expect(ev.required).toEqual(['vendor', 'rubric', 'evaluator']);
    expect(ev.properties.vendor.additionalProperties).toBe(false);
    expect(ev.properties.vendor.properties.id.description).toMatch(/derived from the name/);
    const answer = ev.properties.answers.additionalProperties;
    expect(answer.anyOf[0].type).toEqual(['number', 'null']);
    expect(answer.anyOf[1].type).toBe('object');
    expect(answer.anyOf[1].additionalProperties).toBe(false);
    expect(answer.anyOf[1].properties.score.type).toEqual(['number', 'null']);
    expect(answer.description).toMatch(/null \(unanswered\)/);
    expect(ev.properties.date).toMatchObject({ type: 'string', format: 'date' });

    const rb = JSON.parse(committed('rubric'));
    expect(rb.required).toEqual(['id', 'version', 'title', 'scale', 'areas']); // missing, aggregate: defaults
    const q = rb.properties.areas.items.properties.questions.items;
    expect(q.required).toEqual(['id', 'text']); // weight has a default
    expect(q.additionalProperties).toBe(false);
    expect(q.properties.weight.type).toBe('number');
    expect(q.properties.evidence.description).toMatch(/check` warns/);
    // Every property anywhere in both schemas has a description for hovers.
    const undescribed: string[] = [];
    const walk = (s: Record<string, unknown>, at: string) => {
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof v.description !== 'string') undescribed.push(`${at}.${k}`);
        walk(v, `${at}.${k}`);
        if (v.items) walk(v.items as Record<string, unknown>, `${at}.${k}[]`);
      }
    };
    walk(rb, 'rubric');
    walk(ev, 'evaluation');
    expect(undescribed).toEqual([]);
  });

  it('accepts the bundled rubric and every example evaluation', () => {
    expect(validator('rubric').safeParse(yamlData(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'))).success).toBe(true);
    const ev = validator('evaluation');
    const files = exampleFiles();
    expect(files.length).toBe(14);
    for (const f of files) expect({ f, ok: ev.safeParse(yamlData(f)).success }).toEqual({ f, ok: true });
  });

  it('rejects a misspelt key, a quoted score and a missing evaluator', () => {
    const ev = validator('evaluation');
    const good = { vendor: { name: 'Acme' }, rubric: 'ai-vendor@1', evaluator: 'A', answers: { 'prompt-logging': { score: 3, notes: 'ok' }, x: 2, y: null } };
    expect(ev.safeParse(good).success).toBe(true);
    expect(ev.safeParse({ ...good, answers: { x: { score: 3, note: 'typo' } } }).success).toBe(false);
    expect(ev.safeParse({ ...good, answers: { x: '3' } }).success).toBe(false);
    const { evaluator: _, ...noEvaluator } = good;
    expect(ev.safeParse(noEvaluator).success).toBe(false);
  });

  it('the bundled rubric and the examples carry a modeline that resolves to the committed schema', () => {
    const check = (file: string, kind: string) => {
      const first = readFileSync(file, 'utf8').split('\n', 1)[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, file).not.toBeNull();
      expect(path.resolve(path.dirname(file), m![1]!)).toBe(path.join(ROOT, 'schemas', `${kind}.schema.json`));
    };
    check(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), 'rubric');
    for (const f of exampleFiles()) check(f, 'evaluation');
  });
});

describe('an evaluation schema for one rubric (rubric schema --kind evaluation --rubric)', () => {
  const r = runCli(['rubric', 'schema', '--kind', 'evaluation', '--rubric', 'rubrics/ai-vendor.yaml']);
  const schema = JSON.parse(r.stdout);
  const ev = z.fromJSONSchema(schema);
  const base = { vendor: { name: 'Acme' }, rubric: 'ai-vendor@1', evaluator: 'A' };

  it('lists every question id, with the question and its guidance as the description', () => {
    expect(r.code).toBe(0);
    const props = schema.properties.answers.properties;
    expect(Object.keys(props)).toHaveLength(28);
    expect(props['prompt-logging'].description.split('\n').slice(0, 3)).toEqual([
      'Data security: How do you handle prompt logging: what is logged, where it is stored, for how long, and who can read it?',
      expect.stringMatching(/^Knockout: a score below 2 disqualifies the vendor\.$/),
      'Evidence expected.',
    ]);
    expect(props['prompt-logging'].description).toMatch(/\n0 \(No evidence\): /);
    expect(schema.properties.rubric.examples).toEqual(['ai-vendor@1']);
  });

  it('bounds scores by the scale and its step; other keys keep the general shape', () => {
    for (const f of exampleFiles()) expect({ f, ok: ev.safeParse(yamlData(f)).success }).toEqual({ f, ok: true });
    expect(ev.safeParse({ ...base, answers: { 'prompt-logging': 5, 'push-back-vague-brief': { score: 0 } } }).success).toBe(true);
    expect(ev.safeParse({ ...base, answers: { 'prompt-logging': 7 } }).success).toBe(false);
    expect(ev.safeParse({ ...base, answers: { 'prompt-logging': { score: 2.5 } } }).success).toBe(false);
    expect(ev.safeParse({ ...base, answers: { 'a-question-added-later': 3 } }).success).toBe(true);
  });

  it('--rubric only with --kind evaluation', () => {
    const bad = runCli(['rubric', 'schema', '--rubric', 'rubrics/ai-vendor.yaml']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: --rubric narrows the evaluation schema to one rubric; use it with --kind evaluation\n' });
  });
});

describe('evaluationSchemaDrift: does a schema made for a rubric still match it?', () => {
  const rubric = loadRubric(defaultRubricPath()).rubric!;
  const made = (r = rubric) => JSON.parse(renderJsonSchema('evaluation', r)) as unknown;

  it('matches itself, whatever the formatting; the general schema is made for no rubric', () => {
    expect(evaluationSchemaDrift(made(), rubric)).toEqual([]);
    expect(evaluationSchemaDrift(JSON.parse(JSON.stringify(made())), rubric)).toEqual([]);
    expect(evaluationSchemaDrift(JSON.parse(committed('evaluation')), rubric)).toBeUndefined();
    expect(evaluationSchemaDrift('not a schema', rubric)).toBeUndefined();
  });

  it('names questions added and removed, another scale, another step and another version', () => {
    const old = made();
    const areas = rubric.areas.map((a, i) => (i === 0 ? { ...a, questions: [...a.questions.slice(1), { ...a.questions[0]!, id: 'restate-the-problem' }] } : a));
    const changed: Rubric = { ...rubric, version: 2, scale: { ...rubric.scale, max: 10, step: 0.5 }, areas };
    expect(evaluationSchemaDrift(old, changed)).toEqual([
      'it was made for ai-vendor@1, the rubric is ai-vendor@2',
      'a question new in the rubric (restate-the-problem)',
      'a question no longer in the rubric (restate-problem)',
      "scores 0–5 where the rubric's scale is 0–10",
      "a step of 1 where the rubric's is 0.5",
    ]);
    const fewer: Rubric = { ...rubric, areas: rubric.areas.slice(1) };
    expect(evaluationSchemaDrift(old, fewer)).toEqual([expect.stringMatching(/^\d+ questions no longer in the rubric \([\w-]+, [\w-]+, [\w-]+ and \d+ more\)$/)]);
  });
});
