import { readFileSync } from 'node:fs';
import type { Rubric } from '../../src/core/types.js';
import type { Prompter, ReviewAnswer, ReviewAsk, ScoreAnswer, ScoreAsk } from '../../src/interview/flow.js';
import { loadRubric } from '../../src/io/load.js';
import { parseYaml } from '../../src/io/yaml.js';
import { evaluationFromSource } from '../../src/io/load.js';
import { fixture } from '../helpers/cli.js';

export const HALF_POINTS = fixture('interview', 'half-points.yaml');

export function halfPoints(): Rubric {
  const { rubric, problems } = loadRubric(HALF_POINTS);
  if (!rubric) throw new Error(problems.map((p) => p.message).join('\n'));
  return rubric;
}

export function bundled(): Rubric {
  const { rubric } = loadRubric(fixture('..', '..', 'rubrics', 'ai-vendor.yaml'));
  return rubric!;
}

/** A step of a scripted interview: what the flow asks, and the answer to give. */
export type Step =
  | { score: ScoreAnswer; expect?: string }
  | { notes: string | undefined }
  | { evidence: string[] }
  | { flag: string | null }
  | { review: ReviewAnswer; expect?: string };

/**
 * A Prompter that plays a script and records what it was asked. `expect` names the question id
 * the flow must be asking at that step; a mismatch fails the test.
 */
export function scripted(steps: Step[], log: string[] = []): Prompter & { asked: string[]; left: () => number } {
  const queue = [...steps];
  const asked: string[] = [];
  const next = <K extends string>(kind: K, what: string) => {
    const s = queue.shift();
    if (!s || !(kind in s)) throw new Error(`script expected ${s ? Object.keys(s)[0] : 'nothing'} but the flow asked ${kind} (${what})`);
    return s as Record<string, unknown>;
  };
  return {
    asked,
    left: () => queue.length,
    async score(a: ScoreAsk) {
      asked.push(a.slot.question.id);
      log.push(`ask ${a.slot.question.id}`);
      const s = next('score', a.slot.question.id);
      if (s.expect !== undefined && s.expect !== a.slot.question.id) throw new Error(`expected to be asked ${String(s.expect)}, was asked ${a.slot.question.id}`);
      return s.score as ScoreAnswer;
    },
    async notes(current) {
      log.push('ask notes');
      const s = next('notes', String(current));
      return (s.notes as string | undefined) ?? current;
    },
    async evidence() {
      log.push('ask evidence');
      return next('evidence', '').evidence as string[];
    },
    async flag(id: string) {
      log.push(`ask flag ${id}`);
      return next('flag', id).flag as string | null;
    },
    async review(a: ReviewAsk) {
      asked.push('review');
      log.push('ask review');
      const s = next('review', a.header);
      if (s.expect !== undefined && !a.header.includes(String(s.expect))) throw new Error(`review header lacks "${String(s.expect)}":\n${a.header}`);
      return s.review as ReviewAnswer;
    },
  };
}

/** Loads an evaluation file as `check` would; throws with every problem when it is not valid. */
export function loadEvaluationFile(file: string, rubric: Rubric) {
  const { source, problems } = parseYaml(file, readFileSync(file, 'utf8'));
  if (!source) throw new Error(problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n'));
  const r = evaluationFromSource(source, rubric);
  if (!r.evaluation) throw new Error(r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n'));
  return r.evaluation;
}
