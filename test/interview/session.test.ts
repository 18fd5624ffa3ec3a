import { describe, expect, it } from 'vitest';
import { nextScreen, nextUnanswered, progressAt, scaleValues, slotsOf, startScreen, type Drafts, type Screen } from '../../src/interview/session.js';
import { bundled, halfPoints } from './helpers.js';

const rubric = halfPoints();
const slots = slotsOf(rubric);
const ans = (...ids: string[]): Drafts => Object.fromEntries(ids.map((id) => [id, { score: 5, evidence: [] }]));
const q = (index: number, fromReview = false): Screen => ({ kind: 'question', index, fromReview });

describe('scale values', () => {
  it('lists every value of a 1–10 half-point scale without float noise', () => {
    const v = scaleValues(rubric.scale);
    expect(v).toHaveLength(19);
    expect(v.slice(0, 4)).toEqual([1, 1.5, 2, 2.5]);
    expect(v.at(-1)).toBe(10);
  });
  it('handles steps that are not exact in binary', () => {
    expect(scaleValues({ min: 0, max: 1, step: 0.1 })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});

describe('order and progress', () => {
  it('asks area by area, question by question', () => {
    expect(slots.map((s) => s.question.id)).toEqual(['keys', 'logs', 'shipped', 'references']);
  });
  it('reports area k of n, question i of m, and answers so far', () => {
    expect(progressAt(slots, ans('keys'), 2, rubric.areas.length)).toEqual({ area: 2, areas: 2, question: 1, questionsInArea: 2, overall: 3, total: 4, answered: 1 });
  });
  it('a null score is not an answer', () => {
    expect(nextUnanswered(slots, { keys: { score: null, notes: 'ask again', evidence: [] } })).toBe(0);
  });
});

describe('navigation', () => {
  it('starts at the first unanswered question, or the review when all are answered', () => {
    expect(startScreen(slots, ans('keys', 'logs'))).toEqual(q(2));
    expect(startScreen(slots, ans('keys', 'logs', 'shipped', 'references'))).toEqual({ kind: 'review' });
  });
  it('answering or skipping moves to the next question; the last one leads to the review', () => {
    expect(nextScreen(q(0), { kind: 'answered' }, slots, {})).toEqual(q(1));
    expect(nextScreen(q(1), { kind: 'skip' }, slots, {})).toEqual(q(2));
    expect(nextScreen(q(3), { kind: 'skip' }, slots, {})).toEqual({ kind: 'review' });
  });
  it('after an answer, questions answered earlier are passed over', () => {
    expect(nextScreen(q(0), { kind: 'answered' }, slots, ans('keys', 'logs'))).toEqual(q(2));
    expect(nextScreen(q(1), { kind: 'skip' }, slots, ans('keys', 'shipped', 'references'))).toEqual({ kind: 'review' });
  });
  it('back goes to the previous question and stays at the first', () => {
    expect(nextScreen(q(2), { kind: 'back' }, slots, {})).toEqual(q(1));
    expect(nextScreen(q(0), { kind: 'back' }, slots, {})).toEqual(q(0));
  });
  it('jumps to the next unanswered question after this one, wrapping round', () => {
    expect(nextScreen(q(0), { kind: 'next-unanswered' }, slots, ans('logs', 'shipped'))).toEqual(q(3));
    expect(nextScreen(q(3), { kind: 'next-unanswered' }, slots, ans('logs', 'shipped', 'references'))).toEqual(q(0));
    expect(nextScreen(q(1), { kind: 'next-unanswered' }, slots, ans('keys', 'logs', 'shipped', 'references'))).toEqual({ kind: 'review' });
  });
  it('an answer edited from the review returns to the review', () => {
    const editing = nextScreen({ kind: 'review' }, { kind: 'edit', index: 1 }, slots, {});
    expect(editing).toEqual({ ...q(1, true), review: { kind: 'review' } });
    expect(nextScreen(editing, { kind: 'answered' }, slots, {})).toEqual({ kind: 'review' });
  });
  it('continue from the review goes to the first unanswered question', () => {
    expect(nextScreen({ kind: 'review' }, { kind: 'continue' }, slots, ans('keys'))).toEqual(q(1));
  });
  it('the review or the list opened from a question remembers it: continue goes back there, also after an edit', () => {
    const review = nextScreen(q(2), { kind: 'review' }, slots, {});
    expect(review).toEqual({ kind: 'review', from: 2 });
    expect(nextScreen(q(2), { kind: 'list' }, slots, {})).toEqual({ kind: 'review', from: 2, only: 'todo' });
    const editing = nextScreen(review, { kind: 'edit', index: 0 }, slots, {});
    const back = nextScreen(editing, { kind: 'answered' }, slots, ans('keys'));
    expect(back).toEqual(review);
    expect(nextScreen(back, { kind: 'continue' }, slots, ans('keys'))).toEqual(q(2));
  });
  it('the question the review was opened from, answered from the review: continue goes on to the next open one', () => {
    const review = nextScreen(q(1), { kind: 'list' }, slots, {});
    const editing = nextScreen(review, { kind: 'edit', index: 1 }, slots, {});
    const back = nextScreen(editing, { kind: 'answered' }, slots, ans('logs'));
    expect(back).toEqual({ kind: 'review', from: 2, only: 'todo' });
    expect(nextScreen(back, { kind: 'continue' }, slots, ans('logs'))).toEqual(q(2));
  });
  it('quit and finish end the session', () => {
    expect(nextScreen(q(2), { kind: 'quit' }, slots, {})).toEqual({ kind: 'done', finished: false });
    expect(nextScreen({ kind: 'review' }, { kind: 'finish' }, slots, {})).toEqual({ kind: 'done', finished: true });
  });
  it('the bundled rubric has 28 questions in 7 areas', () => {
    const b = bundled();
    expect(slotsOf(b)).toHaveLength(28);
    expect(progressAt(slotsOf(b), {}, 27, 7)).toMatchObject({ area: 7, overall: 28 });
  });
});
