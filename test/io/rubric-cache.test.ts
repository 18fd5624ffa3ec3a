import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRubricPath, loadRubric } from '../../src/io/load.js';
import { readCachedRubric, rubricCachePath, writeRubricCache } from '../../src/io/rubric-cache.js';
import { ROOT } from '../helpers/cli.js';

describe('bundled rubric cache', () => {
  it('is used only while the YAML is byte for byte what was validated', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-cache-'));
    mkdirSync(path.join(dir, 'rubrics'));
    const file = path.join(dir, 'rubrics', 'r.yaml');
    const text = readFileSync(defaultRubricPath(), 'utf8');
    writeFileSync(file, text);
    const { rubric } = loadRubric(defaultRubricPath(), { noCache: true });
    writeRubricCache(file, text, rubric!, path.join(dir, 'dist'));
    expect(rubricCachePath(file)).toBe(path.join(dir, 'dist', 'rubrics', 'r.yaml.json'));
    expect(readCachedRubric(file, text)).toEqual(rubric);
    expect(readCachedRubric(file, text.replace('weight: 20', 'weight: 21'))).toBeUndefined();
  });

  it('the build wrote a cache equal to parsing the bundled rubric now', () => {
    const cache = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'rubrics', 'ai-vendor.yaml.json'), 'utf8'));
    expect(cache.rubric).toEqual(loadRubric(defaultRubricPath(), { noCache: true }).rubric);
  });
});
