import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, EvaluationDoc, lockPath } from '../../src/io/evaluation-doc.js';
import { EvaluationSaver, mergeAnswer } from '../../src/io/evaluation-save.js';
import { displayPath } from '../../src/io/files.js';
import { halfPoints, loadEvaluationFile } from '../interview/helpers.js';

const order = ['keys', 'logs', 'shipped', 'references'];
const HEADER = { vendorId: 'acme-ai', vendorName: 'Acme AI', evaluator: 'Dana', rubric: 'pilot-check@2', date: '2026-11-20' };

/** A new session file with a lock, as `interview` starts one. */
function session() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-save-'));
  const file = path.join(dir, 'evaluations', 'acme-ai', 'dana.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  const lock = acquireLock(file);
  const saver = EvaluationSaver.create(file, EvaluationDoc.create(HEADER), lock, order);
  const text = () => readFileSync(file, 'utf8');
  const edit = (f: (s: string) => string) => writeFileSync(file, f(text()));
  return { dir, file, lock, saver, text, edit };
}

describe('merge of one answer, field by field', () => {
  const f = (score: unknown, notes?: unknown, evidence: unknown = [], flag?: unknown) => ({ score, notes, evidence, flag });
  it('a field only the file changed keeps the file; only the interview: the interview; both, alike: no conflict', () => {
    expect(mergeAnswer(f(3, 'a'), f(3, 'hand'), f(4, 'a'))).toEqual({ apply: { score: 4 }, conflicts: [] });
    expect(mergeAnswer(f(3), f(4), f(4))).toEqual({ apply: {}, conflicts: [] });
  });
  it('a field both changed, differently: the interview value, and the file value reported', () => {
    expect(mergeAnswer(f(3, 'a'), f(2, 'hand'), f(4, 'mine'))).toEqual({
      apply: { score: 4, notes: 'mine' },
      conflicts: [
        { field: 'score', hand: 2, mine: 4 },
        { field: 'notes', hand: 'hand', mine: 'mine' },
      ],
    });
  });
});

describe('EvaluationSaver', () => {
  it('without hand edits, saves each answer and says nothing', () => {
    const s = session();
    expect(s.saver.save('keys', { score: 7, evidence: [] })).toEqual({ notices: [] });
    expect(s.saver.save('logs', { score: 5.5, notes: 'ok', evidence: [] })).toEqual({ notices: [] });
    expect(loadEvaluationFile(s.file, halfPoints()).answers).toEqual({ keys: { score: 7, evidence: [] }, logs: { score: 5.5, notes: 'ok', evidence: [] } });
  });

  it('answers, notes and comments added by hand since the last save are kept, and reported', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    s.edit((t) => t.replace('answers:\n  keys: 7\n', 'answers:\n  # keys: check again after the call\n  keys:\n    score: 7\n    notes: added by hand\n  references: 9 # Lena\n'));
    const report = s.saver.save('logs', { score: 5.5, evidence: [] });
    expect(s.text()).toContain('answers:\n  # keys: check again after the call\n  keys:\n    score: 7\n    notes: added by hand\n  logs: 5.5\n  references: 9 # Lena\n');
    expect(report.notices).toEqual([`${displayPath(s.file)} was edited outside the interview since the last save; the changes to keys, references are kept.`]);
    expect(report.answers).toEqual({ keys: { score: 7, notes: 'added by hand', evidence: [] }, logs: { score: 5.5, evidence: [] }, references: { score: 9, evidence: [] } });
    // The next save, with no new hand edit, merges nothing and says nothing.
    expect(s.saver.save('shipped', { score: 8, evidence: [] })).toEqual({ notices: [] });
    expect(s.text()).toContain('  # keys: check again after the call\n');
  });

  it('in the answer being saved, fields the interview did not change keep the hand edit, even one that is not valid', () => {
    const s = session();
    s.saver.save('keys', { score: 7, notes: 'first', evidence: ['a.pdf'] });
    s.edit((t) => t.replace('notes: first', 'notes: corrected by hand').replace('evidence: [ a.pdf ]', 'evidence: "report, v2.pdf"'));
    const report = s.saver.save('keys', { score: 8, notes: 'first', evidence: ['a.pdf'] });
    expect(s.text()).toContain('  keys:\n    score: 8\n    notes: corrected by hand\n    evidence: "report, v2.pdf"\n');
    expect(report.answers!['keys']).toEqual({ score: 8, notes: 'corrected by hand', evidence: ['report, v2.pdf'] });
    s.edit((t) => t.replace('score: 8', 'score: "eight"'));
    s.saver.save('keys', { score: 8, notes: 'now mine', evidence: ['report, v2.pdf'] });
    expect(s.text()).toContain('  keys:\n    score: "eight"\n    notes: now mine\n');
  });

  it('a field changed in both places: the interview value is saved, the hand edit kept in a comment, and both said', () => {
    const s = session();
    s.saver.save('keys', { score: 7, notes: 'first', evidence: [] });
    s.edit((t) => t.replace('score: 7', 'score: 3').replace('notes: first', 'notes: "hand, edited\\nover two lines"'));
    const report = s.saver.save('keys', { score: 9, notes: 'first', evidence: [] });
    const text = s.text();
    expect(text).toMatch(/\n {2}# hand edit kept here: the interview saved its own score over it on \d{4}-\d\d-\d\d \d\d:\d\d: score: 3\n {2}keys:\n {4}score: 9\n {4}notes: "hand, edited\\nover two lines"\n/);
    expect(report.notices[1]).toBe("keys: the score was changed in the file too. The interview's score (9) is saved; the file's (3) is kept in a comment above keys.");
    expect(loadEvaluationFile(s.file, halfPoints()).answers['keys']).toEqual({ score: 9, notes: 'hand, edited\nover two lines', evidence: [] });
  });

  it('clearing an answer whose score was changed by hand keeps the hand value in a comment above `keys: null`', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    s.edit((t) => t.replace('keys: 7', 'keys: 4'));
    s.saver.save('keys', null);
    expect(s.text()).toMatch(/answers:\n {2}# hand edit kept here: .*: score: 4\n {2}keys: null\n$/);
  });

  it('clearing an answer keeps the comments written around it by hand', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    s.saver.save('logs', { score: 5, evidence: [] });
    s.edit((t) => t.replace('  keys: 7\n', '  # keys: ask Lena\n  keys: 7 # vague\n'));
    s.saver.save('keys', null);
    expect(s.text()).toMatch(/\nanswers:\n {2}# keys: ask Lena\n {2}# vague\n {2}logs: 5\n$/);
  });

  it('a file removed by hand while the lock is held is written again with every answer', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    rmSync(s.file);
    const report = s.saver.save('logs', { score: 2, evidence: [] });
    expect(report.notices[0]).toMatch(/had been removed outside the interview; it is written again with every answer of this session\.$/);
    expect(loadEvaluationFile(s.file, halfPoints()).answers).toEqual({ keys: { score: 7, evidence: [] }, logs: { score: 2, evidence: [] } });
  });

  it('a file that no longer reads as YAML is left as it is, and the save fails saying what was not saved', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    s.edit((t) => `${t}  logs: [unclosed\n`);
    const before = s.text();
    expect(() => s.saver.save('shipped', { score: 8, notes: 'two systems', evidence: [] })).toThrow(
      /was changed outside the interview and cannot be merged now \(.*dana\.yaml:\d+:\d+: .*\); stopped before saving, so the file stays as it is\. Fix it, then resume\. Not saved: shipped, score 8, notes "two systems"$/,
    );
    expect(s.text()).toBe(before);
  });

  it('a lock taken over by another session stops the save; that session keeps its answers and its lock', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    const theirs = JSON.stringify({ pid: 4242, host: 'laptop-of-lena', since: '2026-11-20T10:00:00Z' });
    writeFileSync(lockPath(s.file), theirs);
    s.edit((t) => t.replace('keys: 7', 'keys: 2'));
    const before = s.text();
    expect(() => s.saver.save('logs', { score: 5, evidence: [] })).toThrow(
      `${displayPath(s.file)}: its lock ${displayPath(lockPath(s.file))} now belongs to another session (process 4242 on laptop-of-lena, since 2026-11-20T10:00:00Z); stopped before saving, so nothing of theirs is overwritten and their lock stays. Not saved: logs, score 5`,
    );
    expect(s.text()).toBe(before);
    s.lock.release();
    expect(readFileSync(lockPath(s.file), 'utf8')).toBe(theirs);
  });

  it('a lock removed, or its whole folder, stops the save before anything is written', () => {
    const s = session();
    s.saver.save('keys', { score: 7, evidence: [] });
    rmSync(lockPath(s.file));
    expect(() => s.saver.save('logs', { score: 5, evidence: [] })).toThrow(/: its lock .*dana\.yaml\.lock was removed while the interview ran, so another session may be writing it; stopped before saving/);
    const t = session();
    rmSync(path.dirname(t.file), { recursive: true });
    expect(() => t.saver.save('logs', { score: 5, evidence: [] })).toThrow(/: its folder .*acme-ai was removed while the interview ran; stopped before saving/);
    expect(existsSync(path.dirname(t.file))).toBe(false);
  });
});
