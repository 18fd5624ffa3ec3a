/*
 * The readiness verdict (docs/arithmetic.md#readiness): the buyer's own answers to the
 * ai-readiness rubric, read as the four readiness signals and the five failure modes.
 * Pure: it reads a scored result and names which rule decided.
 */
import { normalize } from './aggregate.js';
import type { AreaResult, QuestionResult, Rubric, VendorResult } from './types.js';

/** A signal or a check is met at 60 points of 100: 3 on a 0–5 scale ("Mostly"). */
export const READY_AT = 60;
const EPSILON = 1e-9;

export type FailureModeId = 'vague-problem' | 'poor-data' | 'weak-security' | 'lock-in' | 'unrealistic-roi';

export interface SignalRule {
  area: string;
  name: string;
  /** The failure modes an absent signal leaves open. */
  exposes: FailureModeId[];
}

export const SIGNALS: readonly SignalRule[] = [
  { area: 'use-case', name: 'a use case with a measurable success metric', exposes: ['vague-problem', 'unrealistic-roi'] },
  { area: 'data', name: 'data that is accessible and good enough', exposes: ['poor-data'] },
  { area: 'alignment', name: 'stakeholders agreed on what the system should do', exposes: ['vague-problem'] },
  { area: 'governance', name: 'leadership support for governance', exposes: ['weak-security', 'lock-in'] },
];

export interface FailureModeRule {
  id: FailureModeId;
  name: string;
  /** The question that checks it directly. */
  question: string;
  advice: string;
}

export const FAILURE_MODES: readonly FailureModeRule[] = [
  { id: 'vague-problem', name: 'a vague problem definition', question: 'problem-narrow', advice: 'pick one workflow, write down its boundaries and measure its baseline before asking anyone to build' },
  { id: 'poor-data', name: 'poor data readiness', question: 'data-quality', advice: 'check a sample of the data, name its owner and settle the legal basis; a partner cannot make unreliable data trustworthy' },
  { id: 'weak-security', name: 'weak security around prompts and outputs', question: 'security-controls', advice: 'write the rules for access, environment separation, logging and third-party tools before any data leaves the building' },
  { id: 'lock-in', name: 'lock-in through undocumented pipelines', question: 'ownership-terms', advice: 'require documentation, ownership of IP, code and configuration, and access to every environment in the contract from day one' },
  { id: 'unrealistic-roi', name: 'unrealistic expectations of returns', question: 'roi-expectations', advice: 'agree a checkpoint after the pilot with the figure that would justify going on, tied to the success metric' },
];

/** The areas and questions a readiness rubric must hold for the verdict to be read. */
export function missingReadinessIds(rubric: Rubric): string[] {
  const areas = new Set(rubric.areas.map((a) => a.id));
  const questions = new Set(rubric.areas.flatMap((a) => a.questions.map((q) => q.id)));
  return [...SIGNALS.filter((s) => !areas.has(s.area)).map((s) => `area ${s.area}`), ...FAILURE_MODES.filter((f) => !questions.has(f.question)).map((f) => `question ${f.question}`)];
}

export type VerdictKind = 'incomplete' | 'discovery' | 'not-yet' | 'viable';

export interface SignalState {
  area: string;
  name: string;
  score: number | null;
  normalized: number | null;
  present: boolean;
}

export interface FailureModeState {
  id: FailureModeId;
  name: string;
  advice: string;
  question: string;
  score: number | null;
  /** Its own check question is at or above the bar. */
  checked: boolean;
  /** Exposed by its own check below the bar, or by an absent signal (named in `by`, area ids). */
  exposed: boolean;
  by: string[];
}

export interface ReadinessVerdict {
  verdict: VerdictKind;
  signals: SignalState[];
  /** Absent signals, weakest first. */
  weakest: string[];
  failureModes: FailureModeState[];
  /** Questions nobody answered that the verdict reads. */
  unanswered: string[];
  knockouts: string[];
}

const met = (normalized: number | null) => normalized !== null && normalized >= READY_AT - EPSILON;

export function readinessVerdict(rubric: Rubric, team: VendorResult): ReadinessVerdict {
  const area = (id: string) => team.areas.find((a) => a.id === id)!;
  const question = (id: string): QuestionResult => team.areas.flatMap((a) => a.questions).find((q) => q.id === id)!;
  const { min, max } = rubric.scale;
  const signals = SIGNALS.map((s) => signalState(s, area(s.area)));
  const failureModes = FAILURE_MODES.map((f) => {
    const q = question(f.question);
    const by = signals.filter((s) => !s.present && SIGNALS.find((r) => r.area === s.area)!.exposes.includes(f.id)).map((s) => s.area);
    const checkMet = q.score !== null && met(normalize(q.score, min, max));
    return { id: f.id, name: f.name, advice: f.advice, question: f.question, score: q.score, checked: checkMet, exposed: !checkMet || by.length > 0, by };
  });
  const read = [...SIGNALS.flatMap((s) => area(s.area).questions.map((q) => q.id)), ...FAILURE_MODES.map((f) => f.question)];
  const unanswered = [...new Set(read)].filter((id) => question(id).score === null);
  const weakest = signals
    .filter((s) => !s.present)
    .sort((a, b) => (a.normalized ?? -1) - (b.normalized ?? -1))
    .map((s) => s.area);
  return { verdict: kind(signals, failureModes, unanswered, team), signals, weakest, failureModes, unanswered, knockouts: team.knockouts.map((k) => k.reason) };
}

function signalState(rule: SignalRule, a: AreaResult): SignalState {
  return { area: rule.area, name: rule.name, score: a.score, normalized: a.normalized, present: met(a.normalized) };
}

/** The rules in order: the first that applies decides. */
function kind(signals: SignalState[], modes: FailureModeState[], unanswered: string[], team: VendorResult): VerdictKind {
  if (unanswered.length > 0) return 'incomplete';
  const useCase = signals.find((s) => s.area === 'use-case')!;
  const narrow = modes.find((m) => m.id === 'vague-problem')!;
  if (!useCase.present || !narrow.checked) return 'discovery';
  if (signals.some((s) => !s.present) || team.status === 'disqualified') return 'not-yet';
  return 'viable';
}
