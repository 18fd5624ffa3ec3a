/**
 * The interview as pure data: question order, progress and navigation. No terminal, no files:
 * the prompt layer asks, this decides what comes next.
 */
import type { Answer, Area, Question, Rubric, Scale } from '../core/types.js';

/** One evaluator's answer while it is being given (score null: not scored yet). */
export type Draft = Answer;

export type Drafts = Record<string, Draft>;

/** A question in interview order, with where it sits. */
export interface Slot {
  index: number;
  area: Area;
  areaIndex: number;
  question: Question;
  indexInArea: number;
}

export function slotsOf(rubric: Rubric): Slot[] {
  const out: Slot[] = [];
  rubric.areas.forEach((area, areaIndex) => {
    area.questions.forEach((question, indexInArea) => out.push({ index: out.length, area, areaIndex, question, indexInArea }));
  });
  return out;
}

/** Every value on the scale, lowest first (1–10 step 0.5 gives 19 values). */
export function scaleValues(scale: Pick<Scale, 'min' | 'max' | 'step'>): number[] {
  const n = Math.round((scale.max - scale.min) / scale.step);
  return Array.from({ length: n + 1 }, (_, k) => Number((scale.min + k * scale.step).toFixed(10)));
}

/** A scale value as people write it: 3, 2.5. */
export function formatScore(v: number): string {
  return String(Number(v.toFixed(10)));
}

export function isAnswered(drafts: Drafts, id: string): boolean {
  const d = drafts[id];
  return d !== undefined && d.score !== null;
}

export function answeredCount(slots: readonly Slot[], drafts: Drafts): number {
  return slots.filter((s) => isAnswered(drafts, s.question.id)).length;
}

/** The first unanswered question at or after `from`, wrapping round; -1 when all are answered. */
export function nextUnanswered(slots: readonly Slot[], drafts: Drafts, from = 0, skipSelf = false): number {
  for (let k = skipSelf ? 1 : 0; k < slots.length; k++) {
    const i = (from + k) % slots.length;
    if (!isAnswered(drafts, slots[i]!.question.id)) return i;
  }
  return -1;
}

export interface Progress {
  area: number;
  areas: number;
  question: number;
  questionsInArea: number;
  overall: number;
  total: number;
  answered: number;
}

export function progressAt(slots: readonly Slot[], drafts: Drafts, index: number, areas: number): Progress {
  const s = slots[index]!;
  return {
    area: s.areaIndex + 1,
    areas,
    question: s.indexInArea + 1,
    questionsInArea: s.area.questions.length,
    overall: index + 1,
    total: slots.length,
    answered: answeredCount(slots, drafts),
  };
}

/**
 * The review of every answer (or, `only: 'todo'`, of the open, skipped and flagged ones).
 * `from`: the question it was opened from, where "continue" goes back to.
 */
export type ReviewScreen = { kind: 'review'; from?: number | undefined; only?: 'todo' | undefined };

/** A question; `fromReview`: opened from a review, which `review` is (to go back to it). */
export type Screen = { kind: 'question'; index: number; fromReview: boolean; review?: ReviewScreen | undefined } | ReviewScreen | { kind: 'done'; finished: boolean };

/** What the person chose on a screen. `answered` means a score was given (or cleared) on this question. */
export type Move =
  | { kind: 'answered' }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'next-unanswered' }
  | { kind: 'review' }
  | { kind: 'list' }
  | { kind: 'quit' }
  | { kind: 'edit'; index: number }
  | { kind: 'jump'; index: number }
  | { kind: 'continue' }
  | { kind: 'finish' };

/** Where a session starts: the first unanswered question, or the review when nothing is left. */
export function startScreen(slots: readonly Slot[], drafts: Drafts): Screen {
  const i = nextUnanswered(slots, drafts);
  return i < 0 ? { kind: 'review' } : { kind: 'question', index: i, fromReview: false };
}

/** The screen after a move. Pure: the same screen, answers and move always give the same next screen. */
export function nextScreen(screen: Screen, move: Move, slots: readonly Slot[], drafts: Drafts): Screen {
  if (move.kind === 'quit') return { kind: 'done', finished: false };
  if (move.kind === 'finish') return { kind: 'done', finished: true };
  if (move.kind === 'review' || move.kind === 'list') {
    const from = screen.kind === 'question' ? (screen.review?.from ?? screen.index) : screen.kind === 'review' ? screen.from : undefined;
    return { kind: 'review', ...(from !== undefined ? { from } : {}), ...(move.kind === 'list' ? { only: 'todo' as const } : {}) };
  }
  if (move.kind === 'edit') return { kind: 'question', index: clamp(move.index, slots.length), fromReview: true, ...(screen.kind === 'review' ? { review: screen } : {}) };
  if (move.kind === 'jump') return { kind: 'question', index: clamp(move.index, slots.length), fromReview: false };
  // Back where the review was opened from; a review reached at the end goes to the first open question.
  if (move.kind === 'continue') return screen.kind === 'review' && screen.from !== undefined ? { kind: 'question', index: clamp(screen.from, slots.length), fromReview: false } : startScreen(slots, drafts);
  if (screen.kind !== 'question') return screen;
  const i = screen.index;
  switch (move.kind) {
    case 'answered':
    case 'skip': {
      // Onward to the next question still open (answered ones were seen already); the review once none is left.
      if (screen.fromReview) {
        const review = screen.review ?? { kind: 'review' };
        // The question the review was opened from, answered from it: continue goes on to the next open one.
        if (move.kind === 'answered' && review.from === i) {
          const j = slots.findIndex((s, k) => k > i && !isAnswered(drafts, s.question.id));
          return { ...review, from: j < 0 ? undefined : j };
        }
        return review;
      }
      const j = slots.findIndex((s, k) => k > i && !isAnswered(drafts, s.question.id));
      return j < 0 ? { kind: 'review' } : { kind: 'question', index: j, fromReview: false };
    }
    case 'back':
      return { kind: 'question', index: Math.max(0, i - 1), fromReview: false };
    case 'next-unanswered': {
      const j = nextUnanswered(slots, drafts, i, true);
      return j < 0 ? { kind: 'review' } : { kind: 'question', index: j, fromReview: false };
    }
  }
}

function clamp(i: number, n: number): number {
  return Math.min(Math.max(0, i), n - 1);
}
