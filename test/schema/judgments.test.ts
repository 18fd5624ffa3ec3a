import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderJsonSchema } from '../../src/schema/json-schema.js';
import { entryValue, judgmentsSchema, onSaatyScale } from '../../src/schema/judgments.js';
import { fixture, ROOT } from '../helpers/cli.js';

const committed = readFileSync(path.join(ROOT, 'schemas', 'judgments.schema.json'), 'utf8');

describe('judgments files', () => {
  it('schemas/judgments.schema.json is what `rubric schema --kind judgments` generates today', () => {
    // If this fails after a schema change: node bin/vendorscore.js rubric schema --kind judgments --out schemas/judgments.schema.json --force
    expect(committed).toBe(renderJsonSchema('judgments'));
  });

  it('every fixture judgments file passes the zod schema and the committed JSON Schema', () => {
    const json = z.fromJSONSchema(JSON.parse(committed));
    const files = readdirSync(fixture('weights')).filter((f) => !f.startsWith('rubric-'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const data = parse(readFileSync(fixture('weights', f), 'utf8'));
      expect(judgmentsSchema.safeParse(data).success, f).toBe(true);
      expect(json.safeParse(data).success, f).toBe(true);
    }
  });

  it('fractions and the scale', () => {
    expect(entryValue('1/3')).toBeCloseTo(1 / 3, 15);
    expect(entryValue(' 2 / 4 ')).toBe(0.5);
    expect(entryValue('7')).toBe(7);
    expect(entryValue(null)).toBeNaN();
    expect([9, 1, 0.5, 0.2, 1 / 7].every(onSaatyScale)).toBe(true);
    expect([10, 0.333, 0, 1 / 10, 2.5].some(onSaatyScale)).toBe(false);
  });
});
