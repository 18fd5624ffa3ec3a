import type { Answer, Area, Evaluation, Rubric } from '../../src/core/types.js';

/** A small rubric: area A (weight 3) and area B (weight 1, knockouts). Weights do not sum to 1. */
export function smallRubric(over: Partial<Rubric> = {}): Rubric {
  const areas: Area[] = [
    {
      id: 'a',
      name: 'Area A',
      weight: 3,
      questions: [
        { id: 'q1', text: 'Q1', weight: 1, guidance: {} },
        { id: 'q2', text: 'Q2', weight: 3, guidance: {} },
      ],
    },
    {
      id: 'b',
      name: 'Area B',
      weight: 1,
      knockout: { below: 2, reason: 'B below minimum' },
      questions: [
        { id: 'q3', text: 'Q3', weight: 1, guidance: {}, knockout: { below: 2 } },
        { id: 'q4', text: 'Q4', weight: 1, guidance: {} },
      ],
    },
  ];
  return {
    id: 'small',
    version: 1,
    title: 'Small',
    scale: { min: 0, max: 5, step: 1, labels: {} },
    missing: 'min',
    aggregate: 'mean',
    disagreement: 2,
    areas,
    ...over,
  };
}

/** One evaluator's answers: a map of question id → score (null = unanswered). */
export function ev(vendor: string, evaluator: string, scores: Record<string, number | null>, name = vendor): Evaluation {
  const answers: Record<string, Answer> = {};
  for (const [q, s] of Object.entries(scores)) answers[q] = { score: s, evidence: [] };
  return { file: `${vendor}/${evaluator}.yaml`, vendor: { id: vendor, name }, rubric: 'small@1', evaluator, answers };
}
