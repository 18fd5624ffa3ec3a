/** The readiness verdict as plain advice (text, Markdown) or as data (JSON, docs/json.md#readiness). */
import { READY_AT, SIGNALS, type ReadinessVerdict } from '../core/readiness.js';
import type { Rubric, VendorResult } from '../core/types.js';
import { clip, safeJson } from '../text/sanitize.js';
import { mdCell } from './markdown.js';
import { fixed1 } from './numbers.js';

export interface TeamVerdict {
  team: VendorResult;
  verdict: ReadinessVerdict;
}

const HEADLINES: Record<ReadinessVerdict['verdict'], string> = {
  viable: 'outsourcing is likely viable',
  discovery: 'start with a discovery engagement',
  'not-yet': 'not ready to outsource yet',
  incomplete: 'no verdict yet',
};

/** The verdict in one line, as `status` prints it too. */
export function verdictHeadline(v: ReadinessVerdict): string {
  return HEADLINES[v.verdict];
}

/** The reason under the headline: which rule decided, in the article's terms. */
export function verdictReason(rubric: Rubric, v: ReadinessVerdict): string {
  const signal = (area: string) => {
    const s = v.signals.find((x) => x.area === area)!;
    return `${SIGNALS.find((r) => r.area === area)!.name} (${fixed1(s.score)} of ${rubric.scale.max})`;
  };
  if (v.verdict === 'incomplete') return `Nobody has answered ${v.unanswered.map(clip).join(', ')}; the verdict reads every one of them.`;
  if (v.verdict === 'viable') {
    const open = v.failureModes.filter((m) => m.exposed).length;
    return `All four readiness signals are present.${open > 0 ? ' Before you sign with anyone, settle the failure modes listed below.' : ''}`;
  }
  if (v.verdict === 'discovery') {
    return 'The use case is still vague. A short discovery engagement with a partner can narrow it to one workflow with a measured baseline and a success metric; score readiness again when it ends.';
  }
  const knocked = v.knockouts.length > 0 ? ` A must-have is missing: ${v.knockouts.map(clip).join('; ')}.` : '';
  const weak = v.weakest.length > 0 ? `The weakest signals are ${v.weakest.map(signal).join(' and ')}. Close them before approaching vendors: a partner cannot supply them.` : 'All four signals are present, but a must-have is not.';
  return `${weak}${knocked}`;
}

const bar = (rubric: Rubric) => rubric.scale.min + ((rubric.scale.max - rubric.scale.min) * READY_AT) / 100;

function teamText(rubric: Rubric, t: TeamVerdict): string[] {
  const v = t.verdict;
  const people = t.team.evaluators.length;
  const lines = [`Readiness of ${clip(t.team.name)} (${people} ${people === 1 ? 'person' : 'people'} answered): ${verdictHeadline(v)}.`, `  ${verdictReason(rubric, v)}`, ''];
  lines.push(`  Signals (present at ${fixed1(bar(rubric))} of ${rubric.scale.max} or above):`);
  const width = Math.max(...v.signals.map((s) => areaName(rubric, s.area).length));
  for (const s of v.signals) {
    const weakest = v.weakest[0] === s.area ? '   the weakest' : '';
    lines.push(`    ${s.present ? '✓' : '✗'} ${areaName(rubric, s.area).padEnd(width)}  ${fixed1(s.score).padStart(3)}${weakest}`);
  }
  const open = v.failureModes.filter((m) => m.exposed);
  if (open.length > 0) {
    lines.push('', '  Failure modes this leaves open, and what to do:');
    for (const m of open) {
      lines.push(`    • ${m.name} (${exposedBy(rubric, m)})`, `      ${capital(m.advice)}.`);
    }
  } else if (v.verdict !== 'incomplete') lines.push('', '  None of the five failure modes is left open by these answers.');
  return lines;
}

function exposedBy(rubric: Rubric, m: ReadinessVerdict['failureModes'][number]): string {
  const parts = [`${m.question} ${fixed1(m.score)}`];
  for (const area of m.by) parts.push(`${areaName(rubric, area).toLowerCase()} weak`);
  return parts.join('; ');
}

const areaName = (rubric: Rubric, id: string) => clip(rubric.areas.find((a) => a.id === id)?.name ?? id);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function renderReadinessText(rubric: Rubric, teams: readonly TeamVerdict[]): string {
  return `${teams.map((t) => teamText(rubric, t).join('\n')).join('\n\n')}\n`;
}

export function renderReadinessMarkdown(rubric: Rubric, teams: readonly TeamVerdict[]): string {
  const out: string[] = [];
  for (const t of teams) {
    const v = t.verdict;
    out.push(`## Readiness of ${mdCell(t.team.name)}: ${verdictHeadline(v)}`, '', mdCell(verdictReason(rubric, v)), '', '| signal | score | present |', '| --- | ---: | :---: |');
    for (const s of v.signals) out.push(`| ${mdCell(areaName(rubric, s.area))} | ${fixed1(s.score)} | ${s.present ? '✓' : '✗'} |`);
    const open = v.failureModes.filter((m) => m.exposed);
    if (open.length > 0) {
      out.push('', '**Failure modes left open**', '');
      for (const m of open) out.push(`- **${m.name}** (${mdCell(exposedBy(rubric, m))}): ${m.advice}.`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

export function readinessJson(rubric: Rubric, teams: readonly TeamVerdict[]) {
  return {
    rubric: { id: rubric.id, version: rubric.version, scale: { min: rubric.scale.min, max: rubric.scale.max } },
    readyAt: READY_AT,
    teams: teams.map(({ team, verdict: v }) => ({
      id: team.id,
      name: team.name,
      evaluators: team.evaluators,
      verdict: v.verdict,
      signals: v.signals.map((s) => ({ area: s.area, score: s.score, normalized: s.normalized, present: s.present })),
      weakest: v.weakest,
      failureModes: v.failureModes.map((m) => ({ id: m.id, question: m.question, score: m.score, exposed: m.exposed, by: m.by, advice: m.advice })),
      unanswered: v.unanswered,
      knockouts: v.knockouts,
    })),
  };
}

export function renderReadinessJson(rubric: Rubric, teams: readonly TeamVerdict[]): string {
  return `${safeJson(readinessJson(rubric, teams))}\n`;
}
