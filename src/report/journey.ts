/** `status`: where the buying process stands, as plain advice (text, Markdown) or data (JSON, docs/json.md#status). */
import type { JourneyStatus, StageId } from '../core/journey.js';
import type { VendorResult } from '../core/types.js';
import { shellQuote } from '../interview/target.js';
import { clip, safeJson, safeText } from '../text/sanitize.js';
import { mdCell } from './markdown.js';
import { fixed1 } from './numbers.js';
import { verdictHeadline } from './readiness.js';

const LABELS: Record<StageId, string> = { readiness: 'Readiness', evaluations: 'Selection', pilot: 'Pilot', transition: 'Transition' };

export const nextCommand = (s: JourneyStatus) => s.next.args.map((a, i) => (i === 0 ? a : shellQuote(a))).join(' ');

const notStarted = (s: JourneyStatus, stage: StageId) => `not started (${clip(s.stages.find((x) => x.stage === stage)!.folder)}/ has no evaluation)`;

/** One line per stage: what it says today. */
function stageLines(s: JourneyStatus, goAt: number): Array<[StageId, string]> {
  const readiness = s.readiness.length === 0 ? notStarted(s, 'readiness') : s.readiness.map((t) => `${clip(t.name)}: ${verdictHeadline(t.verdict)}`).join('; ');
  const selected = s.stages.find((x) => x.stage === 'evaluations')!.comparison?.vendors ?? [];
  const shortlist = selected.length === 0 ? notStarted(s, 'evaluations') : `${selected.length} vendor(s) scored; shortlist: ${s.shortlist.length === 0 ? 'none qualifies' : s.shortlist.map((v) => `${v.rank}. ${clip(v.name)} ${fixed1(v.total)}`).join(', ')}`;
  const pilot = s.pilot.length === 0 ? notStarted(s, 'pilot') : s.pilot.map((p) => `${clip(p.vendor.name)}: ${p.decision.decision} (${fixed1(p.vendor.total)}, go at ${goAt})`).join('; ');
  const transition = s.transition.length === 0 ? notStarted(s, 'transition') : s.transition.map(transitionLine).join('; ');
  return [
    ['readiness', readiness],
    ['evaluations', shortlist],
    ['pilot', pilot],
    ['transition', transition],
  ];
}

function transitionLine(v: VendorResult): string {
  const open = v.knockouts.length > 0 ? `, ${v.knockouts.length} must-have(s) missing` : v.complete ? '' : `, ${v.unanswered.length} unanswered`;
  return `${clip(v.name)}: ${fixed1(v.total)}${open}`;
}

export function renderStatusText(s: JourneyStatus, goAt: number): string {
  const lines = ['Where the buying process stands:'];
  for (const [stage, text] of stageLines(s, goAt)) {
    lines.push(`  ${LABELS[stage].padEnd(10)}  ${text}`);
    // Why a pilot is a no-go, under its line.
    if (stage === 'pilot') for (const p of s.pilot) for (const r of p.decision.reasons) lines.push(`  ${''.padEnd(10)}    no-go: ${safeText(r)}`);
  }
  lines.push('');
  if (s.followUps.length === 0) lines.push('No open follow-ups.');
  else {
    lines.push(`Open follow-ups (${s.followUps.length}):`);
    for (const f of s.followUps) lines.push(`  ${LABELS[f.stage].padEnd(10)}  ${clip(f.vendor)}: ${safeText(f.message)}`);
  }
  lines.push('', `Next: ${nextCommand(s)}`, `  ${s.next.why}.`);
  return `${lines.join('\n')}\n`;
}

export function renderStatusMarkdown(s: JourneyStatus, goAt: number): string {
  const out = ['## Where the buying process stands', '', '| stage | where it stands |', '| --- | --- |'];
  for (const [stage, text] of stageLines(s, goAt)) out.push(`| ${LABELS[stage]} | ${mdCell(text)} |`);
  if (s.followUps.length > 0) {
    out.push('', `**Open follow-ups (${s.followUps.length})**`, '');
    for (const f of s.followUps) out.push(`- ${LABELS[f.stage]}, ${mdCell(f.vendor)}: ${mdCell(f.message)}`);
  }
  out.push('', `**Next:** \`${nextCommand(s).replace(/`/g, "'")}\` (${mdCell(s.next.why)})`, '');
  return out.join('\n');
}

export function statusJson(s: JourneyStatus, goAt: number) {
  const summary = (v: VendorResult) => ({ id: v.id, name: v.name, rank: v.rank, total: v.total, status: v.status, complete: v.complete });
  return {
    reached: s.reached,
    stages: s.stages.map((x) => ({ stage: x.stage, folder: x.folder, rubric: x.rubric, vendors: x.comparison?.vendors.length ?? 0 })),
    readiness: s.readiness.map((t) => ({ id: t.id, name: t.name, verdict: t.verdict.verdict, weakest: t.verdict.weakest })),
    shortlist: s.shortlist.map(summary),
    pilot: { goAt, vendors: s.pilot.map((p) => ({ ...summary(p.vendor), decision: p.decision.decision, reasons: p.decision.reasons })) },
    transition: s.transition.map((v) => ({ ...summary(v), knockouts: v.knockouts.map((k) => k.reason) })),
    followUps: s.followUps.map((f) => ({ stage: f.stage, vendor: f.vendor, kind: f.kind, message: f.message })),
    next: { command: nextCommand(s), args: s.next.args, why: s.next.why },
  };
}

export function renderStatusJson(s: JourneyStatus, goAt: number): string {
  return `${safeJson(statusJson(s, goAt))}\n`;
}
