/**
 * Writes fail cleanly and leave nothing half done: what --out (and import, interview, init) will
 * not replace, and how every failure of the file system is one line, exit 2, with no temporary
 * file left behind. Read-only and full file systems are real: tmpfs mounts in a private mount
 * namespace (`unshare -rm`), so nothing outlives the command; permission denied runs the CLI as
 * an unprivileged user (tests may run as root, whom chmod does not stop).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, chmodSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, fixture, runCli } from '../helpers/cli.js';

const EXAMPLE = fixture('ci-hostile', 'evaluations', 'pipe.yaml');
const RUBRIC = ['--rubric', fixture('ci-hostile', 'rubric.yaml')];
const COMPARE = ['compare', EXAMPLE, ...RUBRIC];

const roots: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-writes-'));
  chmodSync(dir, 0o777);
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const root = process.getuid?.() === 0;
const canNamespace = spawnSync('unshare', ['-rm', 'true']).status === 0;
const canMknod = root && spawnSync('mknod', [path.join(tmp(), 'probe'), 'c', '1', '3']).status === 0;

/** Runs a shell script in a private mount namespace; vs runs the built CLI. */
function inNamespace(script: string, cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('unshare', ['-rm', 'sh', '-euc', `vs() { "$NODE" "$VSBIN" "$@"; }\n${script}`], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, NODE: process.execPath, VSBIN: BIN } as NodeJS.ProcessEnv,
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every line of stderr, exactly; and never a stack or an internal error. */
function lines(stderr: string): string[] {
  expect(stderr).not.toMatch(/internal error|\n\s+at |node:internal|file:\/\//);
  return stderr === '' ? [] : stderr.replace(/\n$/, '').split('\n');
}

const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('--out replaces only a regular file, --force or not', () => {
  it('a device: refused, and it stays a device (first a private one, then /dev/null)', () => {
    const dir = tmp();
    // A device of our own first (or a FIFO without mknod): if that were replaced, /dev/null is not tried.
    const own = path.join(dir, canMknod ? 'null-device' : 'fifo');
    if (canMknod) execFileSync('mknod', [own, 'c', '1', '3']);
    else execFileSync('mkfifo', [own]);
    const mine = runCli([...COMPARE, '--out', own, '--force'], { cwd: dir });
    expect(lines(mine.stderr)).toEqual([`vendorscore: ${path.basename(own)}: is ${canMknod ? 'a character device' : 'a FIFO (named pipe)'}, not a regular file; refusing to replace it`]);
    expect(mine.code).toBe(2);
    expect(canMknod ? lstatSync(own).isCharacterDevice() : lstatSync(own).isFIFO()).toBe(true);

    const r = runCli([...COMPARE, '--out', '/dev/null', '--force'], { cwd: dir });
    expect(lines(r.stderr)).toEqual(['vendorscore: /dev/null: is a character device, not a regular file; refusing to replace it']);
    expect(r.code).toBe(2);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(temps('/dev')).toEqual([]);
  });

  it('a FIFO, a folder, a socket, a symbolic link (to a regular file too, or to nothing): refused, left as they were', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]);
    mkdirSync(path.join(dir, 'folder.csv'));
    writeFileSync(path.join(dir, 'real.csv'), 'keep me\n');
    symlinkSync('real.csv', path.join(dir, 'link.csv'));
    symlinkSync('nowhere.csv', path.join(dir, 'dangling.csv'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock.csv'), resolve));
    try {
      const kinds: Record<string, string> = {
        'pipe.csv': 'a FIFO (named pipe)',
        'folder.csv': 'a folder',
        'sock.csv': 'a socket',
        'link.csv': 'a symbolic link',
        'dangling.csv': 'a symbolic link',
      };
      for (const [name, kind] of Object.entries(kinds)) {
        for (const force of [[], ['--force']]) {
          const r = runCli([...COMPARE, '--out', name, ...force], { cwd: dir });
          const hint = kind === 'a symbolic link' ? ' (name the file it points to instead)' : '';
          expect(lines(r.stderr), name).toEqual([`vendorscore: ${name}: is ${kind}, not a regular file; refusing to replace it${hint}`]);
          expect(r.code).toBe(2);
        }
      }
    } finally {
      server.close();
    }
    expect(lstatSync(path.join(dir, 'pipe.csv')).isFIFO()).toBe(true);
    expect(lstatSync(path.join(dir, 'folder.csv')).isDirectory()).toBe(true);
    expect(lstatSync(path.join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'dangling.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real.csv'), 'utf8')).toBe('keep me\n');
    expect(existsSync(path.join(dir, 'nowhere.csv'))).toBe(false);
    expect(temps(dir)).toEqual([]);
  });

  it('import and every --out command share the rule', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'answers.yaml'), 'logging: 3\n');
    // Never /dev/null here: only the test above tries it, after a device of its own was kept.
    const device = path.join(dir, 'device.yaml');
    if (canMknod) execFileSync('mknod', [device, 'c', '1', '3']);
    else execFileSync('mkfifo', [device]);
    const imp = runCli(['import', 'answers.yaml', ...RUBRIC, '--vendor', 'Acme', '--evaluator', 'Ann', '--out', 'device.yaml', '--force'], { cwd: dir });
    expect(lines(imp.stderr)).toEqual([`vendorscore: device.yaml: is ${canMknod ? 'a character device' : 'a FIFO (named pipe)'}, not a regular file; refusing to replace it`]);
    expect(imp.code).toBe(2);
    expect(canMknod ? lstatSync(device).isCharacterDevice() : lstatSync(device).isFIFO()).toBe(true);
    mkdirSync(path.join(dir, 'folder'));
    writeFileSync(path.join(dir, 'results.json'), runCli([...COMPARE, '--format', 'json']).stdout);
    for (const args of [
      ['diff', 'results.json', 'results.json'],
      ['rubric', 'show', fixture('ci-hostile', 'rubric.yaml')],
      ['check', EXAMPLE, ...RUBRIC, '--format', 'json'],
      ['sensitivity', EXAMPLE, ...RUBRIC],
    ]) {
      const r = runCli([...args, '--out', 'folder', '--force'], { cwd: dir });
      expect(lines(r.stderr), args[0]).toEqual(['vendorscore: folder: is a folder, not a regular file; refusing to replace it']);
      expect(r.code).toBe(2);
    }
  });
});

describe('the folder of --out', () => {
  it('a missing folder is an error, not created; a parent that is a file too', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'afile'), 'x');
    const missing = runCli([...COMPARE, '--out', 'reports/2026/ranking.csv'], { cwd: dir });
    expect(lines(missing.stderr)).toEqual(['vendorscore: reports/2026/ranking.csv: cannot write: the folder reports/2026 does not exist (create it first)']);
    expect(missing.code).toBe(2);
    expect(existsSync(path.join(dir, 'reports'))).toBe(false);
    const underFile = runCli([...COMPARE, '--out', 'afile/deeper/ranking.csv'], { cwd: dir });
    expect(lines(underFile.stderr)).toEqual(['vendorscore: afile/deeper/ranking.csv: cannot write: afile is not a folder']);
    expect(underFile.code).toBe(2);
  });

  it('import creates evaluations/<vendor>/ (its own layout) but not the folder of an --out', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'answers.yaml'), 'logging: 3\n');
    const own = runCli(['import', 'answers.yaml', ...RUBRIC, '--vendor', 'Acme', '--evaluator', 'Ann', '--quiet'], { cwd: dir });
    expect(own.code).toBe(0);
    expect(existsSync(path.join(dir, 'evaluations', 'acme', 'ann.yaml'))).toBe(true);
    const out = runCli(['import', 'answers.yaml', ...RUBRIC, '--vendor', 'Acme', '--evaluator', 'Ann', '--out', 'elsewhere/ann.yaml'], { cwd: dir });
    expect(lines(out.stderr)).toEqual(['vendorscore: elsewhere/ann.yaml: cannot write: the folder elsewhere does not exist (create it first)']);
    expect(out.code).toBe(2);
    expect(existsSync(path.join(dir, 'elsewhere'))).toBe(false);
  });

  it('a name that fits works although a temporary name with a suffix would not; one that does not fit is one line', () => {
    const dir = tmp();
    const fits = `${'r'.repeat(250)}.csv`;
    const ok = runCli([...COMPARE, '--out', fits], { cwd: dir });
    expect(lines(ok.stderr)).toEqual([`wrote ${fits}`]);
    expect(ok.code).toBe(0);
    // 255 bytes in UTF-8 with two-byte letters: the cut temporary name must not split one.
    const utf8 = `${'é'.repeat(125)}.csv`;
    expect(runCli([...COMPARE, '--out', utf8], { cwd: dir }).code).toBe(0);
    const tooLong = `${'r'.repeat(256)}.csv`;
    const bad = runCli([...COMPARE, '--out', tooLong], { cwd: dir });
    expect(lines(bad.stderr)).toEqual([`vendorscore: ${tooLong}: cannot write: the file name is too long (ENAMETOOLONG)`]);
    expect(bad.code).toBe(2);
    expect(temps(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([fits, utf8].sort());
  });
});

describe.runIf(canNamespace)('a read-only or full file system (tmpfs in a private mount namespace)', () => {
  it('read-only (EROFS): one line, exit 2, nothing written', () => {
    const r = inNamespace(`mkdir ro && mount -t tmpfs -o ro tmpfs ro && set +e; vs compare ${EXAMPLE} --rubric ${RUBRIC[1]} --out ro/ranking.csv; echo "exit=$?"; ls -A ro`, tmp());
    expect(lines(r.stderr)).toEqual(['vendorscore: ro/ranking.csv: cannot write: the file system is read-only (EROFS)']);
    expect(r.stdout).toBe('exit=2\n');
  });

  it('full (ENOSPC) for --out, for an evaluation file (import) and for the lock: one line, exit 2, no temporary or lock file left', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'answers.yaml'), 'logging: 3\n');
    const r = inNamespace(
      [
        'mkdir full && mount -t tmpfs -o size=4k tmpfs full && mkdir -p full/evaluations/acme && cp answers.yaml full/',
        // Fill it up: the next byte written anywhere on it fails.
        'head -c 1048576 /dev/zero > full/filler 2>/dev/null || true',
        `set +e; cd full; vs compare ${EXAMPLE} --rubric ${RUBRIC[1]} --format json --out ranking.json; echo "exit=$?"`,
        `vs import answers.yaml --rubric ${RUBRIC[1]} --vendor Acme --evaluator Ann; echo "exit=$?"`,
        'ls -A . evaluations/acme',
      ].join('\n'),
      dir,
    );
    expect(lines(r.stderr)).toEqual([
      'vendorscore: ranking.json: cannot write: no space left on the device (ENOSPC)',
      'vendorscore: evaluations/acme/ann.yaml.lock: cannot write: no space left on the device (ENOSPC)',
    ]);
    expect(r.stdout).toBe('exit=2\nexit=2\n.:\nanswers.yaml\nevaluations\nfiller\n\nevaluations/acme:\n');
  });

  it('stdout redirected to a file on a full disk: exit 2 and one line, not a truncated file and exit 0', () => {
    // Nearly full: the first 4 KiB page of the output fits, the rest does not (a short write, then ENOSPC).
    const r = inNamespace(
      [
        'mkdir full && mount -t tmpfs -o size=8k tmpfs full && head -c 4096 /dev/zero > full/filler',
        `set +e; vs compare ${fixture('ci-diff', 'after')} --rubric ${fixture('ci-diff', 'after', 'rubric.yaml')} --format json > full/ranking.json; echo "exit=$?"`,
        'wc -c < full/ranking.json',
      ].join('\n'),
      tmp(),
    );
    expect(lines(r.stderr)).toEqual(['vendorscore: cannot write the output: no space left on the device (ENOSPC)']);
    expect(r.stdout).toBe('exit=2\n4096\n');
  });

  it('init is all or nothing: a read-only .github stops it at the last file and nothing else is left', () => {
    const r = inNamespace(
      [
        'mkdir ws && mount -t tmpfs tmpfs ws && mkdir ws/.github && echo keep > ws/notes.txt && mount -t tmpfs -o ro tmpfs ws/.github',
        'set +e; vs init ws; echo "exit=$?"',
        'cd ws && find . | sort',
      ].join('\n'),
      tmp(),
    );
    expect(lines(r.stderr)).toEqual(['vendorscore: ws: not initialised (nothing was left behind): ws/.github/workflows: cannot write: the file system is read-only (EROFS)']);
    expect(r.stdout).toBe('exit=2\n.\n./.github\n./notes.txt\n');
  });

  it('init on a disk that fills up midway leaves nothing', () => {
    const r = inNamespace(['mkdir ws && mount -t tmpfs -o size=48k tmpfs ws', 'set +e; vs init ws/new; echo "exit=$?"', 'find ws | sort'].join('\n'), tmp());
    const [line] = lines(r.stderr);
    expect(line).toMatch(/^vendorscore: ws\/new: not initialised \(nothing was left behind\): ws\/new\/\S+: cannot write: no space left on the device \(ENOSPC\)$/);
    expect(r.stdout).toBe('exit=2\nws\n');
  });
});

describe.runIf(root)('permission denied (EACCES) and not permitted (EPERM)', () => {
  it('a folder the user may not write to: one line, exit 2', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'locked'), { mode: 0o555 });
    chmodSync(path.join(dir, 'locked'), 0o555);
    const r = spawnSync(process.execPath, [BIN, ...COMPARE, '--out', 'locked/ranking.csv'], { cwd: dir, encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, NO_COLOR: '1' } });
    expect(lines(r.stderr)).toEqual(['vendorscore: locked/ranking.csv: cannot write: permission denied (EACCES)']);
    expect(r.status).toBe(2);
    expect(readdirSync(path.join(dir, 'locked'))).toEqual([]);
  });

  const probe = tmp();
  const chattr = spawnSync('chattr', ['+i', probe]).status === 0 && spawnSync('chattr', ['-i', probe]).status === 0;
  it.runIf(chattr)('an immutable folder (chattr +i, even for root): one line, exit 2; init leaves nothing', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'ws', 'schemas'), { recursive: true });
    execFileSync('chattr', ['+i', path.join(dir, 'ws', 'schemas')]);
    try {
      const r = runCli(['init', 'ws'], { cwd: dir });
      expect(lines(r.stderr)).toEqual(['vendorscore: ws: not initialised (nothing was left behind): ws/schemas/rubric.schema.json: cannot write: operation not permitted (EPERM)']);
      expect(r.code).toBe(2);
      expect(readdirSync(path.join(dir, 'ws'))).toEqual(['schemas']);
    } finally {
      execFileSync('chattr', ['-i', path.join(dir, 'ws', 'schemas')]);
    }
  });
});

describe('a stdout that cannot be written', () => {
  it('compare > /dev/full: one line on stderr, exit 2, no stack', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...COMPARE], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(lines(String(r.stderr))).toEqual(['vendorscore: cannot write the output: no space left on the device (ENOSPC)']);
      expect(r.status).toBe(2);
    } finally {
      closeSync(fd);
    }
  });

  it('check --format json > /dev/full and rubric show > /dev/full too; errors to a full stderr still exit 2', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      for (const args of [['check', EXAMPLE, ...RUBRIC, '--format', 'json'], ['rubric', 'show'], ['--help']]) {
        const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        expect(lines(String(r.stderr)), args.join(' ')).toEqual(['vendorscore: cannot write the output: no space left on the device (ENOSPC)']);
        expect(r.status).toBe(2);
      }
      const err = spawnSync(process.execPath, [BIN, 'compare', 'no-such-file.yaml'], { stdio: ['ignore', 'pipe', fd], encoding: 'utf8' });
      expect(err.status).toBe(2);
    } finally {
      closeSync(fd);
    }
  });
});

it('a regular file is still replaced with --force, and kept without it', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'ranking.csv'), 'old\n');
  const keep = runCli([...COMPARE, '--out', 'ranking.csv', '--format', 'csv'], { cwd: dir });
  expect(lines(keep.stderr)).toEqual(['vendorscore: ranking.csv: already exists; pass --force to overwrite it']);
  expect(readFileSync(path.join(dir, 'ranking.csv'), 'utf8')).toBe('old\n');
  const replace = runCli([...COMPARE, '--out', 'ranking.csv', '--format', 'csv', '--force'], { cwd: dir });
  expect(replace.code).toBe(0);
  expect(readFileSync(path.join(dir, 'ranking.csv'), 'utf8')).toMatch(/^rank,vendor_id/);
  expect(temps(dir)).toEqual([]);
});
