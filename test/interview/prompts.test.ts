// @inquirer/testing must be imported before the module that uses the prompts.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it, vi } from 'vitest';
import { createPrompter, filterScoreChoices, Interrupted, type Terminal } from '../../src/cli/prompts.js';
import { runInterview, type ScoreAsk } from '../../src/interview/flow.js';
import { labelOf, scoreChoiceName } from '../../src/interview/render.js';
import { formatScore, scaleValues, slotsOf, type Drafts } from '../../src/interview/session.js';
import { halfPoints } from './helpers.js';

// The score prompt is built with @inquirer/core's createPrompt: route it to the virtual screen
// the way @inquirer/testing routes the stock prompts.
vi.mock('@inquirer/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@inquirer/core')>();
  const { wrapPrompt } = await import('@inquirer/testing/vitest');
  return { ...actual, createPrompt: ((view) => wrapPrompt(actual.createPrompt(view))) as typeof actual.createPrompt };
});

const rubric = halfPoints();
const slots = slotsOf(rubric);

function fakeTerminal(rows = 40): Terminal & { text: string } {
  const t = { text: '', clear: () => undefined, write: (s: string) => void (t.text += s), columns: () => 100, rows: () => rows };
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
    expect(all.slice(0, 4)).toEqual(['  No score yet: type a score (or s to skip), then ⏎', '  1  Poor — Keys in the repository.', '1.5', '  2']);
    expect(all).toContain('5.5  Fair — A vault, but no rotation.');
    expect(all.slice(19)).toEqual([' 10  Excellent — A vault with automatic rotation.', '---', 's  Skip: leave unanswered for now', 'n  Next unanswered question', 'r  Review all answers (and edit any)', 'l  List the open, skipped and flagged questions', 'f  Flag for follow-up, with a short note', 'q  Save and quit (resume later)']);
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

/** The score prompt's screen, without the help tip at the bottom. */
const shown = () => screen.getScreen().split('\n').filter((l) => !/half points · type a score|to-do list|save and quit$/.test(l));

describe('the score prompt on a virtual screen', () => {
  it('typing 7.5 narrows the list at once; Enter gives the score; the header is printed first', async () => {
    const term = fakeTerminal();
    const p = createPrompter(term).score(askFor(0));
    expect(term.text).toContain('HEADER keys');
    expect(shown().slice(0, 3)).toEqual(['? Score', '❯   No score yet: type a score (or s to skip), then ⏎', '    1  Poor — Keys in the repository.']);
    expect(screen.getScreen().replace(/\n/g, ' ')).toContain('1 to 10, half points · type a score or use ↑↓, then ⏎ · s skip · b back · n next · r review · l to-do list · g go to · f flag · q save and quit');
    screen.type('7');
    expect(shown()).toEqual(['? Score 7', '❯   7', '  7.5', '']);
    screen.type('.5');
    expect(shown()).toEqual(['? Score 7.5', '❯ 7.5', '']);
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'score', value: 7.5 });
    expect(screen.getScreen()).toBe('✔ Score 7.5');
  });

  it('a digit and Enter in one read give that digit, even when a resumed answer is highlighted', async () => {
    // Resuming a 10: "1⏎" must save 1 (the first match of "1"), not the 10 that was highlighted.
    const p = createPrompter(fakeTerminal()).score(askFor(0, { keys: { score: 10, evidence: [] } }));
    expect(shown()).toContain('❯  10  Excellent — A vault with automatic rotation.');
    screen.input.write('1\r');
    // 1 is below the knockout of keys: shown at once, one key confirms.
    expect(screen.getScreen()).toContain('KNOCKOUT: 1 is below 4, which disqualifies the vendor (API keys are not protected). Press y to\nsave this score, any other key to choose again.');
    screen.input.write('y');
    await expect(p).resolves.toEqual({ kind: 'score', value: 1 });
    expect(screen.getScreen()).toBe('✔ Score 1 Poor');
  });

  it('ten prompts in a row, each answered by one write of a value and Enter', async () => {
    const prompter = createPrompter(fakeTerminal());
    const typed = ['4', '10', '1', '5,5', '7.5', '1.5', '2', '9', '3.5', '6'];
    const got: unknown[] = [];
    for (const [k, t] of typed.entries()) {
      const ask = askFor(k % slots.length, { keys: { score: 10, evidence: [] }, logs: { score: 1.5, evidence: [] } });
      const p = prompter.score(ask);
      screen.input.write(`${t}\r`);
      if (Number(t.replace(',', '.')) < (ask.slot.question.knockout?.below ?? -Infinity)) screen.input.write('y');
      got.push(await p);
    }
    expect(got).toEqual([4, 10, 1, 5.5, 7.5, 1.5, 2, 9, 3.5, 6].map((value) => ({ kind: 'score', value })));
  });

  it('arrows move the highlight within the list, skipping the blank line; Enter takes the highlighted choice', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.keypress('up');
    expect(shown()[1]).toBe('❯   No score yet: type a score (or s to skip), then ⏎');
    screen.keypress('down');
    expect(shown()[2]).toBe('❯   1  Poor — Keys in the repository.');
    screen.keypress('down');
    expect(shown()[3]).toBe('❯ 1.5');
    for (let i = 0; i < 18; i++) screen.keypress('down');
    expect(shown()).toContain('❯ s  Skip: leave unanswered for now');
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'skip' });
  });

  it('typing after the arrows starts from the first match of the new text', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.type('1');
    screen.keypress('down');
    expect(shown()).toEqual(['? Score 1', '    1  Poor — Keys in the repository.', '❯ 1.5', '   10  Excellent — A vault with automatic rotation.', '']);
    screen.type('0');
    expect(shown()).toEqual(['? Score 10', '❯  10  Excellent — A vault with automatic rotation.', '']);
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'score', value: 10 });
  });

  it('an existing answer is preselected; Enter keeps it; arrows move from it', async () => {
    const prompter = createPrompter(fakeTerminal());
    const keep = prompter.score(askFor(0, { keys: { score: 5, evidence: [] } }));
    expect(shown()).toContain('❯   5');
    screen.keypress('enter');
    await expect(keep).resolves.toEqual({ kind: 'score', value: 5 });
    const p = prompter.score(askFor(0, { keys: { score: 5, evidence: [] } }));
    screen.keypress('down');
    expect(shown()).toContain('❯ 5.5  Fair — A vault, but no rotation.');
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'score', value: 5.5 });
  });

  it.each([
    ['s', 1, {}, 'skip'],
    ['b', 1, {}, 'back'],
    ['n', 1, {}, 'next-unanswered'],
    ['r', 1, {}, 'review'],
    ['c', 1, { logs: { score: 3, evidence: [] } }, 'clear'],
    ['q', 1, {}, 'quit'],
    ['skip', 0, {}, 'skip'],
    ['Q', 0, {}, 'quit'],
  ] as const)('"%s" then Enter (one read) is the action', async (typed, index, drafts, kind) => {
    const p = createPrompter(fakeTerminal()).score(askFor(index, drafts as Drafts));
    screen.input.write(`${typed}\r`);
    await expect(p).resolves.toEqual({ kind });
  });

  it('a label picks its value: "fair" then Enter is 5.5', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.type('fair');
    expect(shown()).toEqual(['? Score fair', '❯ 5.5  Fair — A vault, but no rotation.', '']);
    screen.keypress('enter');
    await expect(p).resolves.toEqual({ kind: 'score', value: 5.5 });
  });

  it('Enter on a value off the scale, or on nothing, is refused and keeps the text for editing', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.input.write('11\r');
    expect(shown()).toEqual(['? Score 11', '- 11 is not a score on this scale (1 to 10, in steps of 0.5)', '']);
    screen.input.write('\x7f');
    expect(shown().slice(0, 2)).toEqual(['? Score 1', '❯   1  Poor — Keys in the repository.']);
    screen.input.write('\x7fb\r');
    // "b" goes back only after the first question: a reminder of the keys.
    expect(shown()).toEqual(['? Score b', '> Not a key here: type a score, or s skip · b back · n next · r review · l list · g go to · f flag · c clear · q quit', '']);
    screen.input.write('\x7f5\r');
    await expect(p).resolves.toEqual({ kind: 'score', value: 5 });
  });

  it('a stray Enter on a new question chooses nothing and says what to do', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.input.write('\r\r');
    expect(screen.getScreen()).toContain('Nothing chosen yet: type a score, or s to skip.');
    expect(shown()[1]).toBe('❯   No score yet: type a score (or s to skip), then ⏎');
    // A knockout score, then a key other than y: back to the list, nothing chosen.
    screen.input.write('2\r');
    expect(screen.getScreen()).toContain('KNOCKOUT: 2 is below 4');
    screen.input.write('\r');
    expect(shown().slice(0, 2)).toEqual(['? Score 2', '❯   2']);
    screen.input.write('\x7f6\r');
    await expect(p).resolves.toEqual({ kind: 'score', value: 6 });
  });

  it('on a short terminal the guidance leaves the header and shows under the highlighted score', async () => {
    const term = fakeTerminal(12);
    const p = createPrompter(term).score(askFor(0));
    expect(term.text).toContain('COMPACT keys');
    expect(term.text).not.toContain('HEADER keys');
    expect(screen.getScreen()).toContain('Keys in the repository.\n');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(p).rejects.toBeInstanceOf(Interrupted);
  });

  it('Ctrl-C becomes Interrupted', async () => {
    const p = createPrompter(fakeTerminal()).score(askFor(0));
    screen.type('4');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(p).rejects.toBeInstanceOf(Interrupted);
  });
});

describe('the other prompts on a virtual screen', () => {
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

  it('drives a short interview end to end with the real prompts', async () => {
    const drafts: Drafts = {};
    const saved: string[] = [];
    const done = runInterview({
      rubric,
      drafts,
      prompter: createPrompter(fakeTerminal()),
      view: { color: false, width: 100 },
      save: (id, d) => {
        saved.push(`${id}=${d?.score}`);
      },
    });
    await new Promise((r) => setImmediate(r));
    screen.input.write('8\r');
    await screen.next();
    expect(screen.getScreen()).toContain('Notes (optional, Enter to skip)');
    screen.type('fine');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    expect(saved).toEqual(['keys=8', 'keys=8']);
    screen.input.write('q\r');
    await expect(done).resolves.toEqual({ finished: false });
    expect(drafts).toEqual({ keys: { score: 8, notes: 'fine', evidence: [] } });
  });
});
