import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, EvaluationDoc, lockPath, removeStaleTemps } from '../../src/io/evaluation-doc.js';
import { parseYaml } from '../../src/io/yaml.js';
import { halfPoints, loadEvaluationFile } from './helpers.js';

const order = ['keys', 'logs', 'shipped', 'references'];
const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-doc-'));

function open(text: string): EvaluationDoc {
  const { source } = parseYaml('x.yaml', text);
  return EvaluationDoc.fromSource(source!);
}

const EXISTING = `# Interview with Acme, first call.
vendor:
  id: acme-ai
  name: Acme AI
rubric: pilot-check@2
evaluator: Dana
date: 2026-11-20
answers:
  # asked twice, answer was vague
  shipped: 6   # follow up
  references:
    score: 9
    notes: Two references, both called.   # Lena joined the second call
`;

describe('EvaluationDoc', () => {
  it('creates a valid file in docs/files.md#evaluation shape', () => {
    const dir = tmp();
    const file = path.join(dir, 'dana.yaml');
    const doc = EvaluationDoc.create({ vendorId: 'acme-ai', vendorName: 'Acme: AI', evaluator: 'Dana', rubric: 'pilot-check@2', date: '2026-11-20' }, 'yaml-language-server: $schema=../schemas/evaluation.schema.json');
    doc.setAnswer('logs', { score: 5.5, evidence: [] }, order);
    doc.setAnswer('keys', { score: 7, notes: 'line one\nline two', evidence: ['a.pdf', 'b, c.pdf'] }, order);
    writeFileSync(file, doc.toString());
    expect(doc.toString()).toBe(`# yaml-language-server: $schema=../schemas/evaluation.schema.json

vendor:
  id: acme-ai
  name: "Acme: AI"
rubric: pilot-check@2
evaluator: Dana
date: 2026-11-20
answers:
  keys:
    score: 7
    notes: |-
      line one
      line two
    evidence: [ a.pdf, "b, c.pdf" ]
  logs: 5.5
`);
    expect(loadEvaluationFile(file, halfPoints()).answers['keys']).toEqual({ score: 7, notes: 'line one\nline two', evidence: ['a.pdf', 'b, c.pdf'] });
  });

  it('edits in place: comments, notes and order survive; new answers go in rubric order', () => {
    const doc = open(EXISTING);
    doc.setAnswer('keys', { score: 4, evidence: [] }, order);
    doc.setAnswer('shipped', { score: 7, evidence: [] }, order);
    doc.setAnswer('references', { score: 8.5, notes: 'Two references, both called.', evidence: [] }, order);
    expect(doc.toString()).toBe(`# Interview with Acme, first call.
vendor:
  id: acme-ai
  name: Acme AI
rubric: pilot-check@2
evaluator: Dana
date: 2026-11-20
answers:
  keys: 4
  # asked twice, answer was vague
  shipped: 7 # follow up
  references:
    score: 8.5
    notes: Two references, both called. # Lena joined the second call
`);
  });

  it('a bare score that gains notes becomes a map and keeps its comment', () => {
    const doc = open(EXISTING);
    doc.setAnswer('shipped', { score: 6, notes: 'Two systems live', evidence: ['deck.pdf'] }, order);
    expect(doc.toString()).toContain(`  # asked twice, answer was vague
  shipped:
    score: 6 # follow up
    notes: Two systems live
    evidence: [ deck.pdf ]
`);
  });

  it('null removes an answer; removing notes from a map answer keeps the score', () => {
    const doc = open(EXISTING);
    doc.setAnswer('shipped', null, order);
    doc.setAnswer('references', { score: 9, evidence: [] }, order);
    const text = doc.toString();
    expect(text).not.toContain('shipped');
    expect(text).toContain('  references:\n    score: 9\n');
    expect(text).not.toContain('notes');
  });

  it('an empty flow map of answers grows as a block map', () => {
    const doc = open('vendor: {name: Acme}\nrubric: pilot-check@2\nevaluator: Dana\nanswers: {}\n');
    doc.setAnswer('logs', { score: 2, evidence: [] }, order);
    expect(doc.toString()).toBe('vendor: { name: Acme }\nrubric: pilot-check@2\nevaluator: Dana\nanswers:\n  logs: 2\n');
  });
});

describe('lock', () => {
  it('a second session on the same file is refused, naming the first; released locks can be taken again', () => {
    const file = path.join(tmp(), 'dana.yaml');
    const first = acquireLock(file);
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => acquireLock(file)).toThrow(`is already open in another session (process ${process.pid} on ${hostname()}`);
    first.release();
    expect(existsSync(lockPath(file))).toBe(false);
    acquireLock(file).release();
  });

  it('a lock left by a process that has died is taken over', () => {
    const file = path.join(tmp(), 'dana.yaml');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    writeFileSync(lockPath(file), JSON.stringify({ pid, host: hostname(), since: '2026-11-20T10:00:00Z' }));
    const lock = acquireLock(file);
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('a lock held on another host is respected', () => {
    const file = path.join(tmp(), 'dana.yaml');
    writeFileSync(lockPath(file), JSON.stringify({ pid: 1, host: 'laptop-of-lena', since: '2026-11-20T10:00:00Z' }));
    expect(() => acquireLock(file)).toThrow('(process 1 on laptop-of-lena, since 2026-11-20T10:00:00Z)');
  });
});

describe('temporary files of killed saves', () => {
  it('are removed when their process is gone; live ones and other files stay', () => {
    const dir = tmp();
    const file = path.join(dir, 'dana.yaml');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    for (const name of [`.dana.yaml.${dead}.a1b2c3d4.tmp`, `.dana.yaml.${process.pid}.00aa11bb.tmp`, `.lena.yaml.${dead}.a1b2c3d4.tmp`, 'dana.yaml']) writeFileSync(path.join(dir, name), 'x');
    expect(removeStaleTemps(file)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([`.dana.yaml.${process.pid}.00aa11bb.tmp`, `.lena.yaml.${dead}.a1b2c3d4.tmp`, 'dana.yaml']);
  });
});
