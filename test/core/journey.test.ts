import { describe, expect, it } from 'vitest';
import { journeyStatus, pilotDecision, type StageInput } from '../../src/core/journey.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import type { Evaluation, Rubric } from '../../src/core/types.js';
import { bundledRubricPath } from '../../src/io/bundled-rubrics.js';
import { loadRubric } from '../../src/io/load.js';

const load = (name: string): Rubric => loadRubric(bundledRubricPath(name)!, { noCache: true }).rubric!;
const rubrics = { readiness: load('ai-readiness'), evaluations: load('ai-vendor'), pilot: load('ai-pilot-review'), transition: load('ai-transition') };

function evaluation(rubric: Rubric, vendor: string, all: number, over: Record<string, number | null> = {}): Evaluation {
  const answers = Object.fromEntries(rubric.areas.flatMap((a) => a.questions).map((q) => [q.id, { score: q.id in over ? over[q.id]! : all, evidence: [] }]));
  return { file: `${vendor}.yaml`, vendor: { id: vendor.toLowerCase(), name: vendor }, rubric: `${rubric.id}@1`, evaluator: 'Ann', answers };
}
function stage(id: keyof typeof rubrics, evs: Evaluation[]): StageInput {
  const rubric = rubrics[id];
  return { stage: id, folder: id, rubric: `ai-${id}`, comparison: evs.length === 0 ? undefined : compareVendors(rubric, evs, defaultOptions(rubric)) };
}
const pilotOf = (all: number, over: Record<string, number | null> = {}) => compareVendors(rubrics.pilot, [evaluation(rubrics.pilot, 'Northwind', all, over)], defaultOptions(rubrics.pilot)).vendors[0]!;

describe('pilot go/no-go (docs/arithmetic.md#pilot-go-no-go)', () => {
  it('go at or above the threshold, qualified and complete', () => {
    // Every question 4 of 5: 80 points.
    expect(pilotDecision(pilotOf(4), 70)).toEqual({ decision: 'go', reasons: [] });
    expect(pilotDecision(pilotOf(4), 80)).toEqual({ decision: 'go', reasons: [] });
  });
  it('no-go below the threshold, with the total in words', () => {
    expect(pilotDecision(pilotOf(3), 70)).toEqual({ decision: 'no-go', reasons: ['total 60.0 is below the go threshold 70'] });
  });
  it('no-go on a knockout whatever the total, naming the must-have', () => {
    const d = pilotDecision(pilotOf(5, { permissions: 1 }), 70);
    expect(d.decision).toBe('no-go');
    expect(d.reasons).toEqual(['knocked out: access to the system, its data, prompts or logs is not controlled; that must be fixed before production']);
  });
  it('no-go while a question is unanswered', () => {
    expect(pilotDecision(pilotOf(5, { integration: null }), 70).reasons).toEqual(['1 question(s) unanswered: integration']);
  });
});

describe('status: the next command (docs/arithmetic.md#status)', () => {
  const ready = () => stage('readiness', [evaluation(rubrics.readiness, 'Us', 4)]);
  const next = (...s: StageInput[]) => {
    const all = ['readiness', 'evaluations', 'pilot', 'transition'].map((id) => s.find((x) => x.stage === id) ?? stage(id as keyof typeof rubrics, []));
    return journeyStatus(all).next.args.join(' ');
  };

  it('starts with the readiness interview, unless a later stage is already under way', () => {
    expect(next()).toBe('vendorscore readiness --interview');
    expect(next(stage('evaluations', [evaluation(rubrics.evaluations, 'Acme', 4)]))).toBe('vendorscore readiness --interview');
    expect(next(stage('pilot', [evaluation(rubrics.pilot, 'Acme', 4)]))).toBe('vendorscore interview --folder transition --rubric ai-transition --vendor Acme');
  });
  it('not yet ready and nothing further: score readiness again', () => {
    expect(next(stage('readiness', [evaluation(rubrics.readiness, 'Us', 4, { 'leadership-support': 1, 'governance-policy': 1 })]))).toBe('vendorscore readiness');
  });
  it('ready: evaluate vendors, then pilot with the leader', () => {
    expect(next(ready())).toBe('vendorscore interview');
    const e = stage('evaluations', [evaluation(rubrics.evaluations, 'Acme', 3), evaluation(rubrics.evaluations, 'Northwind', 4)]);
    expect(next(ready(), e)).toBe('vendorscore interview --folder pilot --rubric ai-pilot --vendor Northwind');
  });
  it('a no-go pilot: look at its review; a go: plan the transition; a clean transition: done', () => {
    expect(next(ready(), stage('pilot', [evaluation(rubrics.pilot, 'Northwind', 3)]))).toBe('vendorscore score northwind pilot --rubric ai-pilot');
    const go = stage('pilot', [evaluation(rubrics.pilot, 'Northwind', 4)]);
    expect(next(ready(), go)).toBe('vendorscore interview --folder transition --rubric ai-transition --vendor Northwind');
    expect(next(ready(), go, stage('transition', [evaluation(rubrics.transition, 'Northwind', 4, { 'team-operates': 2 })]))).toBe('vendorscore score northwind transition --rubric ai-transition');
    expect(next(ready(), go, stage('transition', [evaluation(rubrics.transition, 'Northwind', 4)]))).toBe('vendorscore compare transition --rubric ai-transition');
  });
  it('lists the below-bar questions of the pilot and transition as follow-ups', () => {
    const s = journeyStatus([ready(), stage('evaluations', []), stage('pilot', [evaluation(rubrics.pilot, 'Northwind', 4, { scalability: 2 })]), stage('transition', [])]);
    expect(s.followUps.map((f) => [f.stage, f.kind, f.message.split(':')[0]])).toEqual([['pilot', 'below-bar', 'scalability at 2.0']]);
    expect(s.reached).toBe('pilot');
  });
});
