import { existsSync } from 'node:fs';
import path from 'node:path';

/** What packagePath found, by its parts: the package does not move while a command runs. */
const found = new Map<string, string>();

/**
 * A file or folder shipped in the vendorscore package (rubrics/, templates/, examples/), found
 * from this module whether it runs from src/ or from a dist/ chunk.
 */
export function packagePath(...parts: string[]): string {
  const key = parts.join('/');
  let p = found.get(key);
  if (p === undefined) found.set(key, (p = search(parts)));
  return p;
}

function search(parts: string[]): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, ...parts);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(dir, ...parts);
}
