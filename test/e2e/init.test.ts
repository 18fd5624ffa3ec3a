import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/io/load.js';
import { renderJsonSchema } from '../../src/schema/json-schema.js';
import { ROOT, runCli } from '../helpers/cli.js';

const VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const FILES = [
  'rubric.yaml',
  'evaluations/example-vendor/your-name.yaml',
  'schemas/rubric.schema.json',
  'schemas/evaluation.schema.json',
  'README.md',
  '.github/workflows/vendorscore.yml',
  '.nvmrc',
  'package.json',
];

let tmp: string;
beforeEach(() => {
  // A .git folder stops init's search for an enclosing package.json at the test's folder.
  tmp = mkdtempSync(path.join(tmpdir(), 'vendorscore-init-'));
  mkdirSync(path.join(tmp, '.git'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const read = (...p: string[]) => readFileSync(path.join(tmp, ...p), 'utf8');
const LISTING = [
  '  rubric.yaml                                the rubric, a copy of ai-vendor@1: edit questions and weights here',
  '  evaluations/example-vendor/your-name.yaml  an annotated example evaluation',
  '  schemas/rubric.schema.json                 JSON Schema for editors',
  "  schemas/evaluation.schema.json             JSON Schema for editors, with this rubric's questions",
];

describe('init', () => {
  it('scaffolds an empty folder: rubric copy, example, schemas, README, workflow, .nvmrc, package.json', () => {
    const r = runCli(['init', 'ws'], { cwd: tmp });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Created a vendorscore workspace in ws:',
        ...LISTING,
        '  README.md                                  how the folder works',
        '  .github/workflows/vendorscore.yml          check, ranking in the job summary, gate',
        '  .nvmrc                                     the Node.js line the workflow runs: the current LTS',
        `  package.json                               new, with vendorscore ^${VERSION} as a devDependency`,
        '',
        'Next: cd ws && npm install && npx vendorscore check',
        "  (npm install writes package-lock.json, which the workflow's `npm ci` needs: commit both)",
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    for (const f of FILES) expect(existsSync(path.join(tmp, 'ws', f)), f).toBe(true);
    const bundled = readFileSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml'), 'utf8').split('\n');
    expect(read('ws', 'rubric.yaml').split('\n')).toEqual(['# yaml-language-server: $schema=schemas/rubric.schema.json', ...bundled.slice(1)]);
    // Every YAML file's modeline resolves to a schema that init wrote, identical to the committed one.
    for (const [file, kind] of [['rubric.yaml', 'rubric'], ['evaluations/example-vendor/your-name.yaml', 'evaluation']] as const) {
      const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(read('ws', file));
      const target = path.resolve(path.join(tmp, 'ws', path.dirname(file)), m![1]!);
      expect(target).toBe(path.join(tmp, 'ws', 'schemas', `${kind}.schema.json`));
      expect(readFileSync(target, 'utf8')).toBe(kind === 'rubric' ? renderJsonSchema('rubric') : renderJsonSchema('evaluation', loadRubric(path.join(ROOT, 'rubrics', 'ai-vendor.yaml')).rubric));
    }
    expect(JSON.parse(read('ws', 'package.json'))).toEqual({ name: 'ws', private: true, devDependencies: { vendorscore: `^${VERSION}` } });
    expect(read('ws', '.nvmrc')).toBe('lts/*\n');
    expect(read('ws', 'README.md')).not.toMatch(/\{\{/);
    expect(read('ws', 'evaluations/example-vendor/your-name.yaml')).toContain('# null. An unanswered question counts as 0 (rubric.yaml: `missing: min`).\n');
  });

  it('the example answers every question of the rubric and passes check with one expected warning', () => {
    expect(runCli(['init', '.', '--quiet'], { cwd: tmp })).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = runCli(['check', '--rubric', 'rubric.yaml', 'evaluations'], { cwd: tmp });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'evaluations/example-vendor/your-name.yaml:10:12: warning: vendor example-vendor is scored by one evaluator only (Your Name); a second view catches misreadings\n0 error(s), 1 warning(s) in 1 file(s)\n',
    });
    const j = JSON.parse(runCli(['compare', '--rubric', 'rubric.yaml', 'evaluations', '--format', 'json'], { cwd: tmp }).stdout);
    expect(j.vendors.map((v: { name: string; total: number; complete: boolean }) => [v.name, v.total, v.complete])).toEqual([['Example Vendor', 80, true]]);
  });

  it('--example: the bundled example vendors, ranked by compare in the new folder', () => {
    const r = runCli(['init', '--example', 'demo'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'Created a vendorscore workspace in demo:',
      '  rubric.yaml                        the rubric, a copy of ai-vendor@1: edit questions and weights here',
      '  evaluations/                       14 bundled example evaluations of 5 vendors',
    ]);
    expect(r.stdout).toContain('\nNext: cd demo && npm install && npx vendorscore compare\n');
    expect(read('demo', 'README.md')).not.toMatch(/\{\{/);
    const examples = path.join(ROOT, 'examples', 'evaluations');
    for (const v of readdirSync(examples)) {
      for (const f of readdirSync(path.join(examples, v))) {
        const original = readFileSync(path.join(examples, v, f), 'utf8');
        expect(read('demo', 'evaluations', v, f)).toBe(original.replace('$schema=../../../schemas/', '$schema=../../schemas/'));
      }
    }
    const c = runCli(['compare', '--format', 'csv'], { cwd: path.join(tmp, 'demo') });
    expect(c.stderr).toBe('using ./rubric.yaml\n');
    expect(c.stdout.split('\n').slice(1, 6).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,northwind-applied-ai', '2,quanta-forge', '3,brightloop-labs', '4,societe-lumiere-ia', ',meridian-data-works']);
    expect(runCli(['init', '--example', '--rubric', 'x.yaml'], { cwd: tmp })).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: --example writes evaluations of the bundled rubric ai-vendor; leave out --rubric\n' });
  });

  it('refuses when files it owns exist, listing every conflict; writes nothing', () => {
    mkdirSync(path.join(tmp, 'evaluations'));
    writeFileSync(path.join(tmp, 'rubric.yaml'), 'mine\n');
    writeFileSync(path.join(tmp, 'evaluations', 'example-vendor'), 'a file where a folder goes\n');
    const r = runCli(['init'], { cwd: tmp });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `vendorscore: ${tmp}: not initialised; these files of the workspace already exist:`,
        '  rubric.yaml',
        '  evaluations/example-vendor',
        'Move them away, or pass --skip-existing to keep them or --force to replace them.',
        '',
      ].join('\n'),
    });
    expect(read('rubric.yaml')).toBe('mine\n');
    expect(readdirSync(tmp).sort()).toEqual(['.git', 'evaluations', 'rubric.yaml']);
  });

  it('an existing repository: its README.md, .github/, .nvmrc and package.json stay its own', () => {
    writeFileSync(path.join(tmp, 'README.md'), 'mine\n');
    writeFileSync(path.join(tmp, '.nvmrc'), '22\n');
    writeFileSync(path.join(tmp, 'package.json'), '{\n    "name": "procurement",\n    "devDependencies": {\n        "prettier": "^3"\n    }\n}\n');
    mkdirSync(path.join(tmp, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(tmp, '.github', 'workflows', 'ci.yml'), 'name: ci\n');
    const r = runCli(['init'], { cwd: tmp });
    expect(r.stdout).toBe(
      [
        'Created a vendorscore workspace in .:',
        ...LISTING,
        '  VENDORSCORE.md                             how the folder works',
        '  .github/workflows/vendorscore.yml          check, ranking in the job summary, gate',
        `  package.json                               vendorscore ^${VERSION} added to devDependencies`,
        "Note: README.md is the folder's own: kept; the workspace notes are in VENDORSCORE.md",
        "Note: .nvmrc is the folder's own: kept; the workflow runs the Node.js version it names",
        '',
        'Next: npm install && npx vendorscore check',
        "  (npm install writes package-lock.json, which the workflow's `npm ci` needs: commit both)",
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(read('README.md')).toBe('mine\n');
    expect(read('.nvmrc')).toBe('22\n');
    expect(read('.github', 'workflows', 'ci.yml')).toBe('name: ci\n');
    expect(read('package.json')).toBe(`{\n    "name": "procurement",\n    "devDependencies": {\n        "prettier": "^3",\n        "vendorscore": "^${VERSION}"\n    }\n}\n`);
    // Run again: everything it owns is there now, package.json already has vendorscore.
    const again = runCli(['init', '--skip-existing'], { cwd: tmp });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Note: rubric.yaml is already there: skipped (--skip-existing)\n');
    expect(again.stdout).toContain(`Note: package.json already has vendorscore (^${VERSION}): kept\n`);
    expect(again.stdout).toContain('\nNext: npx vendorscore check\n');
  });

  it('--skip-existing writes the rest; --force replaces what it owns and nothing else', () => {
    writeFileSync(path.join(tmp, 'rubric.yaml'), 'mine\n');
    writeFileSync(path.join(tmp, 'README.md'), 'mine\n');
    const skip = runCli(['init', '--skip-existing', '--quiet'], { cwd: tmp });
    expect(skip).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(read('rubric.yaml')).toBe('mine\n');
    expect(existsSync(path.join(tmp, 'evaluations/example-vendor/your-name.yaml'))).toBe(true);
    writeFileSync(path.join(tmp, 'schemas', 'rubric.schema.json'), 'stale\n');
    expect(runCli(['init', '--force', '--quiet'], { cwd: tmp })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(read('rubric.yaml')).toContain('id: ai-vendor');
    expect(read('schemas', 'rubric.schema.json')).toBe(renderJsonSchema('rubric'));
    expect(read('README.md')).toBe('mine\n');
    expect(runCli(['init', '--force', '--skip-existing'], { cwd: tmp })).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: --force and --skip-existing cannot be used together\n' });
  });

  it('--force never replaces a folder or a link, and a failed init takes back a replaced file', () => {
    mkdirSync(path.join(tmp, 'rubric.yaml'));
    writeFileSync(path.join(tmp, '.nvmrc'), '22\n');
    const r = runCli(['init', '--force'], { cwd: tmp });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: [`vendorscore: ${tmp}: not initialised; these files of the workspace already exist (--force replaces only regular files):`, '  rubric.yaml', 'Move them away, or pass --skip-existing to keep them.', ''].join('\n'),
    });
    expect(readdirSync(tmp).sort()).toEqual(['.git', '.nvmrc', 'rubric.yaml']);
  });

  it('--rubric: a file of its own (scale 1–10, missing: ignore) or a bundled rubric by name', () => {
    writeFileSync(
      path.join(tmp, 'team.yaml'),
      'id: team-fit\nversion: 2\ntitle: Team fit\nscale: {min: 1, max: 10, step: 0.5}\nmissing: ignore\nareas:\n  - id: people\n    name: People\n    weight: 1\n    questions:\n      - {id: seniority, text: How senior is the team?}\n      - {id: turnover, text: How stable is the team?}\n',
    );
    expect(runCli(['init', 'ws', '--rubric', 'team.yaml', '--quiet'], { cwd: tmp }).code).toBe(0);
    expect(read('ws', 'rubric.yaml')).toBe(`# yaml-language-server: $schema=schemas/rubric.schema.json\n${read('team.yaml')}`);
    const example = read('ws', 'evaluations/example-vendor/your-name.yaml');
    expect(example).toContain('rubric: team-fit@2');
    expect(example).toContain('    score: 8                # on the rubric');
    expect(example).toContain('# null. An unanswered question is left out of its area (rubric.yaml: `missing: ignore`).\n');
    const c = runCli(['check', 'evaluations'], { cwd: path.join(tmp, 'ws') });
    expect(c.code).toBe(0);
    expect(runCli(['init', 'named', '--rubric', 'ai-vendor', '--quiet'], { cwd: tmp }).code).toBe(0);
    expect(read('named', 'rubric.yaml')).toContain('id: ai-vendor');
    expect(runCli(['init', 'x', '--rubric', 'nope'], { cwd: tmp })).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: --rubric "nope": no such file, and no bundled rubric of that name (bundled: ai-pilot-review, ai-readiness, ai-transition, ai-vendor)\n' });
  });

  it('a package.json that is not JSON stops init before anything is written', () => {
    writeFileSync(path.join(tmp, 'package.json'), '{ nope\n');
    const r = runCli(['init'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('package.json:1:3: is not JSON: expected a quoted key here; init changed nothing\n');
    expect(readdirSync(tmp).sort()).toEqual(['.git', 'package.json']);
  });

  it('a FIFO named README.md or package.json is never opened (no hang)', () => {
    spawnSync('mkfifo', [path.join(tmp, 'README.md'), path.join(tmp, 'package.json')]);
    const r = runCli(['init', '--quiet'], { cwd: tmp, timeout: 20_000 });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'package.json:1:1: is a FIFO (named pipe), not a regular file\n' });
    expect(readdirSync(tmp).sort()).toEqual(['.git', 'README.md', 'package.json']);
  });

  it('a file where the folder should be is a usage error', () => {
    writeFileSync(path.join(tmp, 'ws'), '');
    expect(runCli(['init', 'ws'], { cwd: tmp })).toEqual({ code: 2, stdout: '', stderr: 'vendorscore: ws: is not a folder\n' });
  });
});
