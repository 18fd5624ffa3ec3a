/*
 * Where a buying process stands (docs/arithmetic.md#status): the stages of one workspace read
 * together, the pilot's go/no-go, the open follow-ups and the command to run next. Pure.
 */
import { READY_AT, readinessVerdict, type ReadinessVerdict } from './readiness.js';
import { atLeast } from './ties.js';
import { normalize } from './aggregate.js';
import type { Comparison, Scale, VendorResult } from './types.js';

export const STAGES = ['readiness', 'evaluations', 'pilot', 'transition'] as const;
export type StageId = (typeof STAGES)[number];

/** The bundled rubric of each stage folder without a rubric.yaml of its own (docs/commands.md#stages). */
export const STAGE_RUBRICS: Record<StageId, string> = { readiness: 'ai-readiness', evaluations: 'ai-vendor', pilot: 'ai-pilot-review', transition: 'ai-transition' };

/** The pilot's default go threshold (points of 100). */
export const GO_AT = 70;
/** How many qualified vendors the status lists as the shortlist. */
export const SHORTLIST_SIZE = 3;

export interface StageInput {
  stage: StageId;
  /** The folder as the user would type it (`pilot`, `examples/pilot`). */
  folder: string;
  /** The rubric as `--rubric` would name it: a bundled name or a file. */
  rubric: string;
  comparison?: Comparison | undefined;
}

export interface PilotDecision {
  decision: 'go' | 'no-go';
  reasons: string[];
}

/** Go: qualified (no knockout), every question answered, total at least `goAt`: the gates `--fail-under goAt --fail-if-empty --require-complete`. */
export function pilotDecision(v: VendorResult, goAt: number): PilotDecision {
  const reasons: string[] = [];
  for (const k of v.knockouts) reasons.push(`knocked out: ${k.reason}`);
  if (!v.complete) reasons.push(`${v.unanswered.length} question(s) unanswered: ${v.unanswered.join(', ')}`);
  if (v.status === 'qualified' && !atLeast(v.total, goAt)) reasons.push(`total ${v.total.toFixed(1)} is below the go threshold ${goAt}`);
  return { decision: reasons.length === 0 ? 'go' : 'no-go', reasons };
}

export interface FollowUp {
  stage: StageId;
  vendor: string;
  kind: 'knockout' | 'unanswered' | 'disagreement' | 'failure-mode' | 'below-bar';
  message: string;
}

export interface TeamReadiness {
  id: string;
  name: string;
  verdict: ReadinessVerdict;
}

export interface JourneyStatus {
  stages: StageInput[];
  readiness: TeamReadiness[];
  shortlist: VendorResult[];
  pilot: Array<{ vendor: VendorResult; decision: PilotDecision }>;
  transition: VendorResult[];
  /** The furthest stage with evaluations; null when none has any. */
  reached: StageId | null;
  followUps: FollowUp[];
  /** The command to run next, as its arguments (the renderer quotes them for a shell). */
  next: { args: string[]; why: string };
}

const vendorsOf = (s: StageInput | undefined) => s?.comparison?.vendors ?? [];

export function journeyStatus(stages: StageInput[], goAt = GO_AT): JourneyStatus {
  const at = (id: StageId) => stages.find((s) => s.stage === id)!;
  const readinessStage = at('readiness');
  const readiness = vendorsOf(readinessStage).map((v) => ({ id: v.id, name: v.name, verdict: readinessVerdict(readinessStage.comparison!.rubric, v) }));
  const shortlist = vendorsOf(at('evaluations')).filter((v) => v.status === 'qualified').slice(0, SHORTLIST_SIZE);
  const pilot = vendorsOf(at('pilot')).map((vendor) => ({ vendor, decision: pilotDecision(vendor, goAt) }));
  const transition = vendorsOf(at('transition'));
  const reached = [...STAGES].reverse().find((id) => vendorsOf(at(id)).length > 0) ?? null;
  // Selection follow-ups matter until a pilot starts, and only for the shortlist; a knockout there is a decision, not a task.
  const selection = pilot.length === 0 ? stageFollowUps('evaluations', shortlist) : [];
  const later = (['pilot', 'transition'] as const).flatMap((id) => stageFollowUps(id, vendorsOf(at(id)), at(id).comparison?.rubric.scale));
  const followUps = [...readinessFollowUps(readiness), ...selection, ...later];
  const partial = { stages, readiness, shortlist, pilot, transition, reached, followUps };
  return { ...partial, next: nextStep(partial, at) };
}

function readinessFollowUps(teams: TeamReadiness[]): FollowUp[] {
  return teams.flatMap((t) =>
    t.verdict.failureModes.filter((m) => m.exposed).map((m) => ({ stage: 'readiness' as const, vendor: t.name, kind: 'failure-mode' as const, message: `${m.name}: ${m.advice}` })),
  );
}

/** Knockouts, unanswered questions, disagreements and, given the scale, every question scored below the bar (READY_AT). */
function stageFollowUps(stage: StageId, vendors: readonly VendorResult[], belowBar?: Scale): FollowUp[] {
  const out: FollowUp[] = [];
  for (const v of vendors) {
    for (const k of v.knockouts) out.push({ stage, vendor: v.name, kind: 'knockout', message: `must-have missing: ${k.reason}` });
    if (v.unanswered.length > 0) out.push({ stage, vendor: v.name, kind: 'unanswered', message: `${v.unanswered.length} question(s) nobody has scored: ${v.unanswered.join(', ')}` });
    for (const f of v.flags) if (f.code === 'disagreement') out.push({ stage, vendor: v.name, kind: 'disagreement', message: f.message });
    if (!belowBar) continue;
    for (const q of v.areas.flatMap((a) => a.questions)) {
      if (q.score !== null && normalize(q.score, belowBar.min, belowBar.max) < READY_AT - 1e-9) out.push({ stage, vendor: v.name, kind: 'below-bar', message: `${q.id} at ${q.score!.toFixed(1)}: ${q.text}` });
    }
  }
  return out;
}

type Partial = Omit<JourneyStatus, 'next'>;

/** The rules of docs/arithmetic.md#status, in order: the first that applies names the next command. */
function nextStep(s: Partial, at: (id: StageId) => StageInput): { args: string[]; why: string } {
  const r = at('readiness');
  // A folder where the command looks by default is left out: `vendorscore readiness --interview`.
  const rf = r.folder === 'readiness' ? [] : [r.folder];
  const interview = (stage: StageInput, vendor: string) => ['vendorscore', 'interview', '--folder', stage.folder, '--rubric', stage.rubric, '--vendor', vendor];
  const team = s.readiness[0];
  // A process whose pilot is already under way without a readiness team is not sent back to it.
  if (!team && s.pilot.length === 0 && s.transition.length === 0) return { args: ['vendorscore', 'readiness', '--interview', ...rf], why: 'start by scoring your own readiness, as a team, before approaching vendors' };
  const verdict = team?.verdict.verdict;
  if (team && verdict === 'incomplete') return { args: ['vendorscore', 'readiness', '--interview', ...rf], why: `the readiness answers are incomplete (${team.verdict.unanswered.join(', ')})` };
  if (verdict === 'not-yet' && s.reached === 'readiness') return { args: ['vendorscore', 'readiness', ...rf], why: 'close the weakest readiness signals first, then score readiness again' };
  const e = at('evaluations');
  const ef = e.folder === 'evaluations' ? [] : [e.folder];
  const pilots = s.pilot;
  if (pilots.length === 0) {
    if (vendorsOf(e).length === 0) return { args: ['vendorscore', 'interview', ...(ef.length > 0 ? ['--folder', e.folder] : [])], why: verdict === 'discovery' ? 'score candidate partners for a discovery engagement that narrows the use case' : 'score the candidate vendors' };
    const leader = s.shortlist[0];
    if (!leader) return { args: ['vendorscore', 'compare', ...ef], why: 'no vendor qualifies yet: look at the knockouts, or evaluate more vendors' };
    return { args: interview(at('pilot'), leader.name), why: `run a pilot with the leader, ${leader.name}, then review it` };
  }
  const unfinished = pilots.find((p) => !p.vendor.complete);
  if (unfinished) return { args: interview(at('pilot'), unfinished.vendor.name), why: `finish the pilot review of ${unfinished.vendor.name}` };
  const go = pilots.find((p) => p.decision.decision === 'go');
  if (!go) return { args: ['vendorscore', 'score', pilots[0]!.vendor.id, at('pilot').folder, '--rubric', at('pilot').rubric], why: 'the pilot is a no-go: see what held it back before deciding to fix, extend or stop' };
  const t = at('transition');
  const moved = s.transition.find((v) => v.id === go.vendor.id);
  if (!moved || !moved.complete) return { args: interview(t, go.vendor.name), why: `the pilot of ${go.vendor.name} is a go: plan the transition (what stays external, what moves in-house)` };
  if (moved.status === 'disqualified' || s.followUps.some((f) => f.stage === 'transition')) return { args: ['vendorscore', 'score', moved.id, t.folder, '--rubric', t.rubric], why: 'the transition has open points: close them before the engagement ends' };
  return { args: ['vendorscore', 'compare', t.folder, '--rubric', t.rubric], why: 'every stage is done; keep the transition review current as the engagement winds down' };
}
