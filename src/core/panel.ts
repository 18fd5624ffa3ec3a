/**
 * The panel rules of docs/files.md#panel-roles-and-declarations that `check` reports: a score
 * outside the areas of the evaluator's role (a warning), and with `require-declaration` an
 * evaluation without a conflict-of-interest declaration (an error).
 */
import type { Problem } from '../errors.js';
import { QUOTE_MAX, truncate } from '../text/sanitize.js';
import type { Evaluation, Rubric } from './types.js';
import type { Locate } from './warnings.js';

const clip = (s: string) => truncate(s, QUOTE_MAX);

export function panelProblems(rubric: Rubric, evaluations: readonly Evaluation[], locate: Locate): Problem[] {
  const out: Problem[] = [];
  const push = (file: string, path: readonly (string | number)[], severity: Problem['severity'], code: string, message: string) => out.push({ file, ...locate(file, path), severity, code, message });
  const areaOf = new Map(rubric.areas.flatMap((a) => a.questions.map((q) => [q.id, a.id] as const)));
  const roles = new Map((rubric.panel ?? []).map((p) => [p.role, p]));
  for (const ev of evaluations) {
    if (rubric.requireDeclaration && ev.conflictOfInterest === undefined) {
      push(ev.file, ['evaluator'], 'error', 'no-declaration', `${clip(ev.evaluator)} has not declared any conflict of interest; the rubric requires it (add conflict-of-interest: none, or what the interest is)`);
    }
    const role = ev.role === undefined ? undefined : roles.get(ev.role);
    if (!role) continue;
    const own = new Set(role.areas);
    for (const [qid, a] of Object.entries(ev.answers)) {
      const area = areaOf.get(qid);
      if (a.score === null || area === undefined || own.has(area)) continue;
      push(ev.file, ['answers', qid], 'warning', 'outside-role', `${clip(ev.evaluator)} (role ${clip(role.role)}) scored ${clip(qid)} in area ${clip(area)}, which the role does not score (its areas: ${role.areas.map(clip).join(', ')})`);
    }
  }
  return out;
}
