import { describe, expect, it } from 'vitest';
import { missingReadinessIds, readinessVerdict } from '../../src/core/readiness.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import type { Evaluation } from '../../src/core/types.js';
import { bundledRubricPath } from '../../src/io/bundled-rubrics.js';
import { loadRubric } from '../../src/io/load.js';

// The bundled readiness rubric, read from its YAML (no build needed). Its questions, by area:
// use-case: use-case-defined (w2), problem-narrow, success-metric (w2); data: data-accessible,
// data-lawful (knockout below 2), data-quality (w2); alignment: stakeholders-agree (w2),
// decision-owner; governance: leadership-support (w2), governance-policy; safeguards:
// security-controls, ownership-terms, roi-expectations. Scale 0–5, the bar at 3.
const rubric = loadRubric(bundledRubricPath('ai-readiness')!, { noCache: true }).rubric!;
const IDS = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));

function team(scores: Record<string, number | null>, evaluator = 'Ann', all = 4): Evaluation {
  const answers = Object.fromEntries(IDS.map((id) => [id, { score: id in scores ? scores[id]! : all, evidence: [] }]));
  return { file: `${evaluator}.yaml`, vendor: { id: 'us', name: 'Us' }, rubric: 'ai-readiness@1', evaluator, answers };
}
const verdictOf = (...evs: Evaluation[]) => {
  const [v] = compareVendors(rubric, evs, defaultOptions(rubric)).vendors;
  return readinessVerdict(rubric, v!);
};

describe('readiness verdict (docs/arithmetic.md#readiness)', () => {
  it('all four signals at or above the bar: viable, nothing open', () => {
    const v = verdictOf(team({}, 'Ann', 3));
    expect(v.verdict).toBe('viable');
    expect(v.signals.map((s) => [s.area, s.score, s.present])).toEqual([['use-case', 3, true], ['data', 3, true], ['alignment', 3, true], ['governance', 3, true]]);
    expect(v.weakest).toEqual([]);
    expect(v.failureModes.filter((m) => m.exposed)).toEqual([]);
  });

  it('viable still lists a failure mode whose check is below the bar', () => {
    // Two people: roi-expectations (2 + 3) / 2 = 2.5 < 3; every signal at 4.
    const v = verdictOf(team({ 'roi-expectations': 2 }), team({ 'roi-expectations': 3 }, 'Bob'));
    expect(v.verdict).toBe('viable');
    expect(v.failureModes.filter((m) => m.exposed).map((m) => [m.id, m.score, m.by])).toEqual([['unrealistic-roi', 2.5, []]]);
  });

  it('a vague use case: the use-case area below the bar means a discovery engagement', () => {
    // use-case: (2·2 + 1·4 + 2·3) / 5 = 2.8 < 3; its check problem-narrow 4 passes.
    const v = verdictOf(team({ 'use-case-defined': 2, 'success-metric': 3 }));
    expect(v.signals[0]!.score).toBeCloseTo(2.8, 12);
    expect(v.verdict).toBe('discovery');
    expect(v.weakest).toEqual(['use-case']);
    expect(v.failureModes.filter((m) => m.exposed).map((m) => [m.id, m.by])).toEqual([['vague-problem', ['use-case']], ['unrealistic-roi', ['use-case']]]);
  });

  it('a broad problem alone (problem-narrow below the bar) is a vague use case too', () => {
    // use-case: (2·5 + 2 + 2·5) / 5 = 4.4 is present, but the check fails.
    const v = verdictOf(team({ 'use-case-defined': 5, 'success-metric': 5, 'problem-narrow': 2 }));
    expect(v.signals[0]!.present).toBe(true);
    expect(v.verdict).toBe('discovery');
  });

  it('discovery comes before not-yet when both apply', () => {
    expect(verdictOf(team({ 'use-case-defined': 1, 'stakeholders-agree': 1, 'decision-owner': 1 })).verdict).toBe('discovery');
  });

  it('another absent signal: not yet, the weakest first, with the failure modes it exposes', () => {
    // data: (4 + 4 + 2·2) / 4 = 3.0 is present (exactly at the bar); alignment (2·2 + 3) / 3 = 2.33; governance (2·2 + 2) / 3 = 2.
    const v = verdictOf(team({ 'data-quality': 2, 'stakeholders-agree': 2, 'decision-owner': 3, 'leadership-support': 2, 'governance-policy': 2 }));
    expect(v.verdict).toBe('not-yet');
    expect(v.signals.map((s) => s.present)).toEqual([true, true, false, false]);
    expect(v.weakest).toEqual(['governance', 'alignment']);
    const open = Object.fromEntries(v.failureModes.filter((m) => m.exposed).map((m) => [m.id, m.by]));
    expect(open).toEqual({ 'vague-problem': ['alignment'], 'poor-data': [], 'weak-security': ['governance'], 'lock-in': ['governance'] });
  });

  it('the data-lawful knockout makes it not yet although every signal is present', () => {
    // data: (4 + 1 + 2·5) / 4 = 3.75 present; data-lawful 1 < 2 knocks out.
    const v = verdictOf(team({ 'data-lawful': 1, 'data-quality': 5 }));
    expect(v.signals.every((s) => s.present)).toBe(true);
    expect(v.verdict).toBe('not-yet');
    expect(v.knockouts).toEqual(['no lawful basis to use the data for this purpose; no partner can fix that, so settle it before engaging one']);
  });

  it('a question nobody answered: no verdict yet, naming it; one person answering is enough', () => {
    expect(verdictOf(team({ 'decision-owner': null })).verdict).toBe('incomplete');
    expect(verdictOf(team({ 'decision-owner': null })).unanswered).toEqual(['decision-owner']);
    expect(verdictOf(team({ 'decision-owner': null }), team({}, 'Bob')).verdict).toBe('viable');
  });

  it('the bar holds within 1e-9 (60 points of 100)', () => {
    // Three people on decision-owner and stakeholders-agree: alignment exactly 3 after means of thirds.
    const v = verdictOf(team({ 'stakeholders-agree': 2, 'decision-owner': 5 }), team({ 'stakeholders-agree': 3, 'decision-owner': 2 }, 'Bob'), team({ 'stakeholders-agree': 4, 'decision-owner': 2 }, 'Cy'));
    expect(v.signals[2]!.score).toBeCloseTo(3, 12);
    expect(v.signals[2]!.present).toBe(true);
  });

  it('names what a rubric lacks to be read as a readiness rubric', () => {
    expect(missingReadinessIds(rubric)).toEqual([]);
    const cut = { ...rubric, areas: rubric.areas.filter((a) => a.id !== 'safeguards' && a.id !== 'data') };
    expect(missingReadinessIds(cut)).toEqual(['area data', 'question data-quality', 'question security-controls', 'question ownership-terms', 'question roi-expectations']);
  });
});
