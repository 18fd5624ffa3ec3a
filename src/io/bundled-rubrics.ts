import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from './package-files.js';

/** The folder of the rubrics shipped with vendorscore (rubrics/ in the package). */
export function bundledRubricDir(): string {
  // Found by a file in it: dist/rubrics/ (the build's cache) is a folder of that name too.
  return path.dirname(packagePath('rubrics', 'ai-vendor.yaml'));
}

/** The names of the bundled rubrics (ai-vendor, ai-readiness, …), sorted. */
export function bundledRubricNames(): string[] {
  try {
    return readdirSync(bundledRubricDir())
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

/** rubrics/<name>.yaml in the package, when `name` is a slug naming one. */
export function bundledRubricPath(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  const file = path.join(bundledRubricDir(), `${name}.yaml`);
  return existsSync(file) ? file : undefined;
}

/**
 * What `--rubric` names: a file when one is there (a file always wins), else a bundled rubric by
 * name (`--rubric ai-readiness`), else the text as given, so that reading it reports it missing.
 */
export function resolveRubricFile(flag: string): string {
  if (existsSync(flag)) return flag;
  return bundledRubricPath(flag) ?? flag;
}

export function isBundledRubricFile(file: string): boolean {
  return path.dirname(path.resolve(file)) === bundledRubricDir();
}
