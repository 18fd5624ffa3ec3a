import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { keyedRecord } from '../../src/core/keyed.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { loadWorkspace } from '../../src/io/load.js';
import { ROOT } from '../helpers/cli.js';

/** V8's own answer to whether an object keeps fast properties (not a hash table): %HasFastProperties, compiled once. */
function hasFastProperties(): (o: object) => boolean {
  setFlagsFromString('--allow-natives-syntax');
  try {
    return new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
  } finally {
    setFlagsFromString('--no-allow-natives-syntax');
  }
}

describe('keyedRecord', () => {
  it('inherits nothing: every name, __proto__ and constructor among them, is a key of its own', () => {
    const r = keyedRecord<number>();
    expect('toString' in r).toBe(false);
    expect(r.constructor).toBeUndefined();
    for (const [i, k] of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Evaluator 0', 'prototype'].entries()) r[k] = i;
    expect(Object.keys(r)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Evaluator 0', 'prototype']);
    expect(Object.hasOwn(r, '__proto__')).toBe(true);
    expect(JSON.stringify(r)).toBe('{"__proto__":0,"constructor":1,"toString":2,"hasOwnProperty":3,"Evaluator 0":4,"prototype":5}');
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });

  it('reads like an Object.create(null) record: the same keys, the same order, the same JSON', () => {
    const a = keyedRecord<number>();
    const b = Object.create(null) as Record<string, number>;
    for (const k of ['b', '2', 'a', '10', 'c']) {
      a[k] = k.length;
      b[k] = k.length;
    }
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(Object.entries(a)).toEqual(Object.entries(b));
  });

  it('stays a fast object where Object.create(null) is a hash table, in the scores compare makes too', () => {
    const fast = hasFastProperties();
    const r = keyedRecord<number>();
    const n = Object.create(null) as Record<string, number>;
    for (const k of ['Evaluator 0', 'Evaluator 1', '__proto__', 'Ana Pérez', 'Evaluator 4']) {
      r[k] = 1;
      n[k] = 1;
    }
    expect(fast(r)).toBe(true);
    expect(fast(n)).toBe(false);
    const { workspace } = loadWorkspace({ paths: [path.join(ROOT, 'examples', 'evaluations')] });
    const ws = workspace!;
    const c = compareVendors(ws.rubric, ws.evaluations, defaultOptions(ws.rubric));
    const question = c.vendors[0]!.areas[0]!.questions[0]!;
    expect(Object.keys(question.scores).length).toBeGreaterThan(1);
    expect(fast(question.scores)).toBe(true);
  });
});

describe('an answer without evidence', () => {
  it('shares one frozen empty list: nothing can add to every answer at once', () => {
    const { workspace } = loadWorkspace({ paths: [path.join(ROOT, 'examples', 'evaluations')] });
    const bare = workspace!.evaluations.flatMap((e) => Object.values(e.answers)).filter((a) => a.evidence.length === 0);
    expect(bare.length).toBeGreaterThan(1);
    expect(new Set(bare.map((a) => a.evidence)).size).toBe(1);
    expect(Object.isFrozen(bare[0]!.evidence)).toBe(true);
    expect(() => (bare[0]!.evidence as string[]).push('x')).toThrow(TypeError);
  });
});
