import { describe, expect, it } from 'vitest';
import { answeredCount, nextQuestion, start, withAnswer, type AreaName, type Progress } from '../../src/interview/weights-flow.js';
import { judgmentsSchema } from '../../src/schema/judgments.js';
import { bundled } from './helpers.js';

const seven: AreaName[] = bundled().areas.map((a) => ({ id: a.id, name: a.name }));

/** Answers every question with `pick` (given the question's choices), checking the file would stay readable. */
function finish(p: Progress, areas: AreaName[], pick: (choices: string[], k: number) => string | number): { p: Progress; asked: string[] } {
  const asked: string[] = [];
  for (let next = nextQuestion(p, areas), k = 0; next; next = nextQuestion(p, areas), k++) {
    asked.push(next.question.message);
    const q = next.question;
    p = withAnswer(p, q, pick(q.kind === 'choice' ? q.choices.map((c) => c.value) : [], k));
  }
  return { p, asked };
}

describe('weights session questions', () => {
  it('AHP over the seven bundled areas asks exactly the 21 upper-triangle judgments, as plain questions', () => {
    const { p, asked } = finish(start('ahp', seven), seven, (_c, k) => (k % 3 === 0 ? '3' : k % 3 === 1 ? '1/2' : '1'));
    expect(asked).toHaveLength(21);
    expect(asked[0]).toBe('How much more important is Problem definition than Delivery experience?');
    expect(new Set(asked).size).toBe(21);
    expect(p.matrix![0]![1]).toBe(3);
    expect(p.matrix![1]![0]).toBe('1/3');
    expect(p.matrix![0]![2]).toBe('1/2');
    expect(p.matrix![2]![0]).toBe(2);
    expect(judgmentsSchema.safeParse(p).success).toBe(true);
  });

  it('counts progress for a resumed file', () => {
    let p = start('ahp', seven);
    const first = nextQuestion(p, seven)!;
    expect(first).toMatchObject({ number: 1, count: 21 });
    p = withAnswer(p, first.question, '5');
    expect(answeredCount(p, seven)).toEqual({ given: 1, count: 21 });
    expect(nextQuestion(p, seven)).toMatchObject({ number: 2 });
  });

  it('ROC asks n − 1 questions, the last area following by itself', () => {
    const { p, asked } = finish(start('roc', seven), seven, (c) => c[c.length - 1]!);
    expect(asked).toHaveLength(6);
    expect(p.order).toEqual([...seven.map((a) => a.id)].reverse());
    expect(judgmentsSchema.safeParse(p).success).toBe(true);
  });

  it('swing asks the most important area, then points for each other', () => {
    const { p, asked } = finish(start('swing', seven), seven, (c, k) => (k === 0 ? 'data-security' : 50));
    expect(asked).toHaveLength(7);
    expect(asked[1]).toBe('Lifting Data security from worst to best is worth 100 points. How many is lifting Problem definition worth? (0–100)');
    expect(p.swing!['data-security']).toBe(100);
    expect(judgmentsSchema.safeParse(p).success).toBe(true);
  });

  it('BWM asks best, worst, best-to-others and others-to-worst (2n − 1 questions), best against worst once', () => {
    const { p, asked } = finish(start('bwm', seven), seven, (c, k) => (k === 0 ? 'data-security' : k === 1 ? 'pilot-structure' : k === 7 ? '8' : '3'));
    expect(asked).toHaveLength(13);
    const b = p.criteria.indexOf('data-security');
    const w = p.criteria.indexOf('pilot-structure');
    expect(p['best-to-others']![w]).toBe(8);
    expect(p['others-to-worst']![b]).toBe(8);
    expect(judgmentsSchema.safeParse(p).success).toBe(true);
  });
});
