/** The npm project a workspace belongs to, and vendorscore as its devDependency (what the workflow's `npm ci` installs). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { safeText } from '../text/sanitize.js';
import { displayPath } from './files.js';
import { readJsonFile } from './json-file.js';

export type PackagePlan =
  | { kind: 'has'; file: string; spec: string }
  | { kind: 'add' | 'create'; file: string; text: string; previous?: string; spec: string };

const DEPENDENCY_KEYS = ['devDependencies', 'dependencies', 'optionalDependencies'] as const;

/**
 * The nearest package.json at or above `dir`, not looking past the repository root (a folder
 * holding .git); undefined when there is none.
 */
export function findPackageJson(dir: string): string | undefined {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    const file = path.join(p, 'package.json');
    if (existsSync(file)) return file;
    if (existsSync(path.join(p, '.git')) || path.dirname(p) === p) return undefined;
  }
}

/** What init does about package.json: nothing (vendorscore is in it), add the devDependency, or write a new one. */
export function planPackageJson(dir: string, version: string): PackagePlan {
  const spec = `^${version}`;
  const file = findPackageJson(dir);
  if (file === undefined) {
    const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'vendor-evaluation';
    const text = `${JSON.stringify({ name, private: true, devDependencies: { vendorscore: spec } }, null, 2)}\n`;
    return { kind: 'create', file: path.join(dir, 'package.json'), text, spec };
  }
  const { data: pkg, text: previous } = readJsonFile(file, 'init changed nothing');
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) throw new UserError(`${safeText(displayPath(file))}: not a JSON object; init changed nothing`);
  const record = pkg as Record<string, unknown>;
  for (const key of DEPENDENCY_KEYS) {
    const deps = record[key];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>).vendorscore === 'string') return { kind: 'has', file, spec: (deps as Record<string, string>).vendorscore! };
  }
  const devDependencies = { ...((record.devDependencies as Record<string, unknown> | undefined) ?? {}), vendorscore: spec };
  const indent = /^[ \t]+(?=")/m.exec(previous)?.[0] ?? '  ';
  const text = `${JSON.stringify({ ...record, devDependencies }, null, indent)}${previous.endsWith('\n') ? '\n' : ''}`;
  return { kind: 'add', file, text, previous, spec };
}
