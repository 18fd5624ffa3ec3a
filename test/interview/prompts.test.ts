// @inquirer/testing must be imported before the module that uses the prompts.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { createPrompter, filterScoreChoices, Interrupted, type Terminal } from '../../src/cli/prompts.js';
import { runInterview, type ScoreAsk } from '../../src/interview/flow.js';
import { labelOf, scoreChoiceName } from '../../src/interview/render.js';
import { formatScore, scaleValues, slotsOf, type Drafts } from '../../src/interview/session.js';
import { halfPoints } from './helpers.js';

const rubric = halfPoints();
const slots = slotsOf(rubric);

function fakeTerminal(rows = 40): Terminal & { text: string } {
  const t = { text: '', write: (s: string) => void (t.text += s), columns: () => 100, rows: () => rows };
  return t;
}

function askFor(index: number, drafts: Drafts = {}): ScoreAsk {
  const slot = slots[index]!;
  return {
    slot,
    header: `HEADER ${slot.question.id}`,
    compactHeader: `COMPACT ${slot.question.id}`,
    choices: scaleValues(rubric.scale).map((v) => ({ value: v, name: scoreChoiceName(rubric, slot, v, 100), short: `${formatScore(v)} ${labelOf(rubric, v)}`.trim() })),
    current: drafts[slot.question.id],
    canGoBack: index > 0,
    scale: rubric.scale,
  };
}

const names = (cs: ReturnType<typeof filterScoreChoices>) => cs.map((c) => ('name' in c ? c.name : '---'));

describe('score choices', () => {
  it('lists all 19 half-point values with label and guidance, then the actions', () => {
    const all = names(filterScoreChoices(askFor(0), undefined));
    expect(all.slice(0, 3)).toEqual(['  1  Poor — Keys in the repository.', '1.5', '  2']);
    expect(all).toContain('5.5  Fair — A vault, but no rotation.');
    expect(all.slice(18)).toEqual([' 10  Excellent — A vault with automatic rotation.', '---', 's  Skip: leave unanswered for now', 'n  Next unanswered question', 'r  Review all answers (and edit any)', 'q  Save and quit (resume later)']);
  });
  it('typing a number narrows to matching values; a comma works as a decimal point', () => {
    expect(filterScoreChoices(askFor(0), '7').map((c) => ('value' in c ? c.value : null))).toEqual([7, 7.5]);
    expect(filterScoreChoices(askFor(0), '1').map((c) => ('value' in c ? c.value : null))).toEqual([1, 1.5, 10]);
    expect(filterScoreChoices(askFor(0), '5,5').map((c) => ('value' in c ? c.value : null))).toEqual([5.5]);
  });
  it('a number off the scale says so and cannot be chosen', () => {
    expect(filterScoreChoices(askFor(0), '11')).toEqual([{ name: '11 is not a score on this scale (1 to 10, in steps of 0.5)', value: 'none', disabled: ' ' }]);
  });
  it('letters pick actions; back only after the first question; clear only when answered', () => {
    expect(names(filterScoreChoices(askFor(0), 'b'))).toEqual([]);
    expect(names(filterScoreChoices(askFor(1), 'b'))).toEqual(['b  Back to the previous question']);
    expect(names(filterScoreChoices(askFor(1, { logs: { score: 3, evidence: [] } }), 'c'))).toEqual(['c  Clear this answer']);
    expect(names(filterScoreChoices(askFor(0), 'fair'))).toEqual(['5.5  Fair — A vault, but no rotation.']);
  });
});

describe('prompts on a virtual screen', () => {
  it('typing 7.5 and Enter gives the score; the header is printed first', async () => {
    const term = fakeTerminal();
    const p = createPrompter(term).score(askFor(0));
    expect(term.text).toContain('HEADER keys');
    expect(screen.getScreen()).toContain('? Score');
    screen.type('7.5');
    await screen.next();
    expect(screen.getScreen()).toContain('❯ 7.5');
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'score', value: 7.5 });
  });

  it('on a short terminal the guidance leaves the header and shows under the highlighted score', async () => {
    const term = fakeTerminal(12);
    const p = createPrompter(term).score(askFor(0));
    expect(term.text).toContain('COMPACT keys');
    expect(term.text).not.toContain('HEADER keys');
    await screen.next();
    expect(screen.getScreen()).toContain('Keys in the repository.\n');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(p).rejects.toBeInstanceOf(Interrupted);
  });

  it('s then Enter skips; q then Enter saves and quits', async () => {
    const prompter = createPrompter(fakeTerminal());
    const p = prompter.score(askFor(1));
    screen.type('s');
    await screen.next();
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'skip' });
    const q = prompter.score(askFor(1));
    screen.type('q');
    await screen.next();
    screen.keypress('enter');
    await expect(q).resolves.toEqual({ kind: 'quit' });
  });

  it('arrow keys pick a value; an existing answer is preselected', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0, { keys: { score: 5, evidence: [] } }));
    await screen.next();
    expect(screen.getScreen()).toContain('❯   5');
    screen.keypress('down');
    expect(screen.getScreen()).toContain('❯ 5.5');
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'score', value: 5.5 });
  });

  it('notes and evidence are optional; "-" removes existing ones', async () => {
    const prompter = createPrompter(fakeTerminal());
    const n = prompter.notes(undefined);
    screen.type('Rotation is manual');
    screen.keypress('enter');
    await expect(n).resolves.toBe('Rotation is manual');
    const e = prompter.evidence([]);
    screen.type('policy.pdf, https://example.com/audit');
    screen.keypress('enter');
    await expect(e).resolves.toEqual(['policy.pdf', 'https://example.com/audit']);
    const keep = prompter.notes('old');
    screen.keypress('enter');
    await expect(keep).resolves.toBe('old');
  });

  it('Ctrl-C becomes Interrupted', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.keypress({ name: 'c', ctrl: true });
    await expect(p).rejects.toBeInstanceOf(Interrupted);
  });

  it('drives a short interview end to end with the real prompts', async () => {
    const drafts: Drafts = {};
    const saved: string[] = [];
    const done = runInterview({
      rubric,
      drafts,
      prompter: createPrompter(fakeTerminal()),
      view: { color: false, width: 100 },
      save: (id, d) => saved.push(`${id}=${d?.score}`),
    });
    screen.type('8');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Notes (optional, Enter to skip)');
    screen.type('fine');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    expect(saved).toEqual(['keys=8', 'keys=8']);
    screen.type('q');
    await screen.next();
    screen.keypress('enter');
    await expect(done).resolves.toEqual({ finished: false });
    expect(drafts).toEqual({ keys: { score: 8, notes: 'fine', evidence: [] } });
  });
});
