/** The flow with the real saver: hand edits made while a prompt is open are merged, shown and used. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterview, type Prompter } from '../../src/interview/flow.js';
import { slotsOf, type Drafts } from '../../src/interview/session.js';
import { acquireLock, EvaluationDoc } from '../../src/io/evaluation-doc.js';
import { EvaluationSaver } from '../../src/io/evaluation-save.js';
import { halfPoints, loadEvaluationFile, scripted } from './helpers.js';

const rubric = halfPoints();
const order = slotsOf(rubric).map((s) => s.question.id);

describe('a hand edit during the interview', () => {
  it('is merged at the next save: kept in the file, in the answers the flow goes on from, and said on the next screen', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-flow-merge-'));
    const file = path.join(dir, 'dana.yaml');
    mkdirSync(dir, { recursive: true });
    const lock = acquireLock(file);
    const saver = EvaluationSaver.create(file, EvaluationDoc.create({ vendorId: 'acme-ai', vendorName: 'Acme AI', evaluator: 'Dana', rubric: 'pilot-check@2', date: '2026-11-20' }), lock, order);
    const script = scripted([
      { score: { kind: 'score', value: 7 }, expect: 'keys' },
      { notes: undefined },
      { evidence: ['a.pdf'] },
      { score: { kind: 'quit' }, expect: 'logs' },
    ]);
    const headers: string[] = [];
    const notesAsked: Array<string | undefined> = [];
    const prompter: Prompter = {
      ...script,
      async score(a) {
        headers.push(a.header);
        // While the first question is open, someone edits the file: keys scored 2 with notes, references answered, a comment.
        if (headers.length === 1) writeFileSync(file, readFileSync(file, 'utf8').replace('answers:\n  {}\n', 'answers:\n  # from the call\n  keys:\n    score: 2\n    notes: by hand\n  references: 9\n'));
        return script.score(a);
      },
      async notes(current) {
        notesAsked.push(current);
        return script.notes(current);
      },
    };
    const drafts: Drafts = {};
    const r = await runInterview({ rubric, drafts, prompter, view: { color: false, width: 100 }, save: (id, d) => saver.save(id, d) });
    expect(r).toEqual({ finished: false });
    expect(script.left()).toBe(0);
    // The notes prompt starts from the notes written by hand, which the interview did not change.
    expect(notesAsked).toEqual(['by hand']);
    // references was answered by hand, so the flow went on to logs, showing what happened first.
    expect(headers[1]).toMatch(/^! \S*dana\.yaml was edited outside the interview since the last save; the\n {2}changes to keys, references are kept\.\n! keys: the score was changed in the file too\. The interview's score \(7\) is saved; the file's \(2\) is\n {2}kept in a comment above keys\.\n\n── Security/);
    expect(headers[1]).toContain('2 answered');
    expect(drafts).toEqual({ keys: { score: 7, notes: 'by hand', evidence: ['a.pdf'] }, references: { score: 9, evidence: [] } });
    expect(readFileSync(file, 'utf8')).toMatch(/\nanswers:\n {2}# from the call\n {2}# hand edit kept here: the interview saved its own score over it on [\d: -]+: score: 2\n {2}keys:\n {4}score: 7\n {4}notes: by hand\n {4}evidence: \[ a\.pdf \]\n {2}references: 9\n$/);
    expect(loadEvaluationFile(file, rubric).answers).toEqual(drafts);
    lock.release();
  });
});
