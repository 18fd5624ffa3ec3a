import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Rubric } from '../core/types.js';

/**
 * The bundled rubric is parsed and validated once, at build time, into dist/rubrics/<name>.json
 * with the YAML it came from. At run time the same YAML, byte for byte, skips YAML parsing and
 * validation (most of a command's start-up); after any edit to the YAML the file is read and
 * checked as usual. Only rubrics inside the package are ever cached. (The text itself rather than
 * a hash of it: comparing ~40 KB costs nothing, loading node:crypto ~4 ms on every command.)
 */
export function rubricCachePath(rubricFile: string): string {
  const dir = path.dirname(path.resolve(rubricFile));
  return path.join(dir, '..', 'dist', 'rubrics', `${path.basename(rubricFile)}.json`);
}

export function readCachedRubric(rubricFile: string, text: string): Rubric | undefined {
  const cache = rubricCachePath(rubricFile);
  if (!existsSync(cache)) return undefined;
  try {
    const c = JSON.parse(readFileSync(cache, 'utf8')) as { yaml?: string; rubric?: Rubric };
    return c.yaml === text ? c.rubric : undefined;
  } catch {
    return undefined;
  }
}

export function writeRubricCache(rubricFile: string, text: string, rubric: Rubric, outDir: string): string {
  const target = path.join(outDir, 'rubrics', `${path.basename(rubricFile)}.json`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify({ yaml: text, rubric }));
  return target;
}
