import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'vendorscore.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const fixture = (...p: string[]) => path.join(FIXTURES, ...p);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (what ships) with colour off unless the caller's env says otherwise. */
export function runCli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeout?: number } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const spawnOpts: SpawnSyncOptions = { cwd: opts.cwd ?? ROOT, env, input: opts.input ?? '', encoding: 'utf8', timeout: opts.timeout ?? 30_000, maxBuffer: 1 << 30 };
  const r = spawnSync(process.execPath, [BIN, ...args], spawnOpts);
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}
