import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Rubric } from '../core/types.js';

/**
 * The bundled rubric is parsed and validated once, at build time, into dist/rubrics/<name>.json
 * with the SHA-256 of the YAML it came from. At run time a matching hash skips YAML parsing and
 * validation (most of a command's start-up); any edit to the YAML makes the hash differ, and the
 * file is then read and checked as usual. Only rubrics inside the package are ever cached.
 */
export function rubricCachePath(rubricFile: string): string {
  const dir = path.dirname(path.resolve(rubricFile));
  return path.join(dir, '..', 'dist', 'rubrics', `${path.basename(rubricFile)}.json`);
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function readCachedRubric(rubricFile: string, text: string): Rubric | undefined {
  const cache = rubricCachePath(rubricFile);
  if (!existsSync(cache)) return undefined;
  try {
    const c = JSON.parse(readFileSync(cache, 'utf8')) as { sha256?: string; rubric?: Rubric };
    return c.sha256 === digest(text) ? c.rubric : undefined;
  } catch {
    return undefined;
  }
}

export function writeRubricCache(rubricFile: string, text: string, rubric: Rubric, outDir: string): string {
  const target = path.join(outDir, 'rubrics', `${path.basename(rubricFile)}.json`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify({ sha256: digest(text), rubric }));
  return target;
}
