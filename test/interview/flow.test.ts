import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterview } from '../../src/interview/flow.js';
import { slotsOf, type Drafts } from '../../src/interview/session.js';
import { EvaluationDoc, writeEvaluationDoc } from '../../src/io/evaluation-doc.js';
import { halfPoints, loadEvaluationFile, scripted, type Step } from './helpers.js';

const rubric = halfPoints();
const order = slotsOf(rubric).map((s) => s.question.id);
const view = { color: false, width: 100 };

/** Runs a scripted interview against a real file; returns the file, the log and the final answers. */
async function play(steps: Step[], drafts: Drafts = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-flow-'));
  const file = path.join(dir, 'dana.yaml');
  const doc = EvaluationDoc.create({ vendorId: 'acme-ai', vendorName: 'Acme AI', evaluator: 'Dana', rubric: 'pilot-check@2', date: '2026-11-20' });
  writeEvaluationDoc(file, doc);
  const log: string[] = [];
  const prompter = scripted(steps, log);
  let error: unknown;
  let finished: boolean | undefined;
  try {
    ({ finished } = await runInterview({
      rubric,
      drafts,
      prompter,
      view,
      save: (id, d) => {
        doc.setAnswer(id, d, order);
        writeEvaluationDoc(file, doc);
        log.push(`saved ${id}=${d?.score ?? 'none'}`);
      },
    }));
  } catch (e) {
    error = e;
  }
  return { file, log, drafts, prompter, finished, error };
}

const score = (value: number, expect?: string): Step => ({ score: { kind: 'score', value }, ...(expect ? { expect } : {}) });
const act = (kind: 'skip' | 'back' | 'next-unanswered' | 'review' | 'quit' | 'clear', expect?: string): Step => ({ score: { kind }, ...(expect ? { expect } : {}) });
const plain = (): Step[] => [{ notes: undefined }, { evidence: [] }];

describe('a whole interview', () => {
  it('asks every question in order, saves each answer before the next question, and ends at the review', async () => {
    const r = await play([
      score(7.5, 'keys'),
      { notes: 'Vault, manual rotation' },
      { evidence: ['vault-policy.pdf'] },
      score(6, 'logs'),
      ...plain(),
      score(9, 'shipped'),
      ...plain(),
      score(10, 'references'),
      ...plain(),
      { review: { kind: 'finish' }, expect: 'Review · 4 of 4 answered' },
    ]);
    expect(r.error).toBeUndefined();
    expect(r.finished).toBe(true);
    expect(r.prompter.left()).toBe(0);
    // The score is saved before notes are asked, and every save happens before the next question.
    expect(r.log.slice(0, 6)).toEqual(['ask keys', 'saved keys=7.5', 'ask notes', 'saved keys=7.5', 'ask evidence', 'saved keys=7.5']);
    expect(r.log.indexOf('saved logs=6')).toBeLessThan(r.log.indexOf('ask shipped'));
    const evaluation = loadEvaluationFile(r.file, rubric);
    expect(evaluation.answers).toEqual({
      keys: { score: 7.5, notes: 'Vault, manual rotation', evidence: ['vault-policy.pdf'] },
      logs: { score: 6, evidence: [] },
      shipped: { score: 9, evidence: [] },
      references: { score: 10, evidence: [] },
    });
    expect(readFileSync(r.file, 'utf8')).toContain('  logs: 6\n');
  });
});

describe('navigation', () => {
  it('skip leaves a question unanswered; back returns to it; answering and next-unanswered pass over answered ones', async () => {
    const r = await play([
      act('skip', 'keys'),
      score(5, 'logs'),
      ...plain(),
      act('back', 'shipped'),
      act('back', 'logs'),
      act('back', 'keys'),
      score(4, 'keys'),
      ...plain(),
      // logs is answered already: the flow goes on to shipped.
      act('back', 'shipped'),
      act('next-unanswered', 'logs'),
      act('quit', 'shipped'),
    ]);
    expect(r.error).toBeUndefined();
    expect(r.finished).toBe(false);
    expect(r.prompter.asked).toEqual(['keys', 'logs', 'shipped', 'logs', 'keys', 'keys', 'shipped', 'logs', 'shipped']);
    expect(loadEvaluationFile(r.file, rubric).answers).toEqual({ keys: { score: 4, evidence: [] }, logs: { score: 5, evidence: [] } });
  });

  it('review lists the answers; an edit changes one answer, keeps its notes, and returns to the review', async () => {
    const drafts: Drafts = {
      keys: { score: 8, notes: 'first call', evidence: [] },
      logs: { score: 6, evidence: [] },
      shipped: { score: 7, evidence: [] },
      references: { score: 9, evidence: [] },
    };
    const r = await play(
      [
        { review: { kind: 'edit', index: 0 }, expect: 'Security: 2 of 2' },
        score(3.5, 'keys'),
        { notes: undefined },
        { evidence: [] },
        { review: { kind: 'finish' } },
      ],
      drafts,
    );
    expect(r.error).toBeUndefined();
    expect(loadEvaluationFile(r.file, rubric).answers['keys']).toEqual({ score: 3.5, notes: 'first call', evidence: [] });
  });

  it('clear removes a score but keeps the notes', async () => {
    const r = await play([act('back', 'logs'), act('clear', 'keys'), act('quit', 'logs')], { keys: { score: 8, notes: 'ask again', evidence: [] } });
    expect(r.error).toBeUndefined();
    expect(loadEvaluationFile(r.file, rubric).answers['keys']).toEqual({ score: null, notes: 'ask again', evidence: [] });
  });

  it('a prompt that rejects (as on Ctrl-C) ends the flow with every earlier answer saved', async () => {
    const r = await play([score(2, 'keys'), ...plain()]);
    // The script ran out at the second question: the flow rejects there, as it would on Ctrl-C.
    expect(String(r.error)).toMatch(/script expected nothing but the flow asked score \(logs\)/);
    expect(loadEvaluationFile(r.file, rubric).answers).toEqual({ keys: { score: 2, evidence: [] } });
  });
});

describe('follow-up flags and the to-do list', () => {
  it('f flags the question with a note, saved with the answer; f again clears it; Esc (null) leaves it as it was', async () => {
    const { file, drafts, error } = await play([
      { score: { kind: 'flag' }, expect: 'keys' },
      { flag: 'ask for the rotation policy' },
      { score: { kind: 'score', value: 6 }, expect: 'keys' },
      { notes: undefined },
      { evidence: [] },
      { score: { kind: 'flag' }, expect: 'logs' },
      { flag: null },
      { score: { kind: 'flag' }, expect: 'logs' },
      { flag: '' },
      { score: { kind: 'flag' }, expect: 'logs' },
      { score: { kind: 'quit' }, expect: 'logs' },
    ]);
    expect(error).toBeUndefined();
    expect(drafts).toEqual({ keys: { score: 6, evidence: [], flag: 'ask for the rotation policy' } });
    expect(readFileSync(file, 'utf8')).toContain('  keys:\n    score: 6\n    flag: ask for the rotation policy\n');
    expect(loadEvaluationFile(file, rubric).answers).toEqual({ keys: { score: 6, evidence: [], flag: 'ask for the rotation policy' } });
  });

  it('a flag without a note is "follow up"; the list shows open, skipped and flagged rows; continue returns to where it was opened', async () => {
    const steps: Step[] = [
      { score: { kind: 'skip' }, expect: 'keys' },
      { score: { kind: 'flag' }, expect: 'logs' },
      { flag: '' },
      { score: { kind: 'score', value: 5 }, expect: 'logs' },
      { notes: undefined },
      { evidence: [] },
      { score: { kind: 'list' }, expect: 'shipped' },
      { review: { kind: 'continue' }, expect: 'To do · 3 open or skipped · 1 flagged' },
      { score: { kind: 'quit' }, expect: 'shipped' },
    ];
    const { drafts, prompter, error } = await play(steps);
    expect(error).toBeUndefined();
    expect(drafts).toEqual({ logs: { score: 5, evidence: [], flag: 'follow up' } });
    expect(prompter.asked).toEqual(['keys', 'logs', 'logs', 'shipped', 'review', 'shipped']);
  });
});
