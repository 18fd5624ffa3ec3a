/** Reads a judgments file (docs/files.md#judgments) with its positions, and checks it against a rubric. */
import type { Judgments } from '../core/weights/derive.js';
import type { Rubric } from '../core/types.js';
import type { Problem } from '../errors.js';
import { entryValue, judgmentsSchema, type JudgmentsFile } from '../schema/judgments.js';
import { validateSource } from '../schema/validate.js';
import { didYouMean } from '../schema/suggest.js';
import { quote } from '../text/sanitize.js';
import { loadSource, rubricNamed, type LoadOptions } from './load.js';
import { positionOf, problemAt, type SourceFile } from './yaml.js';

export function loadJudgments(file: string, rubric: Rubric, opts: LoadOptions = {}): { judgments?: Judgments; problems: Problem[] } {
  const { source, problems } = loadSource(file, opts);
  if (!source) return { problems };
  const { value, problems: invalid } = validateSource(source, judgmentsSchema, (d) => judgmentsSchema.safeParse(d, { reportInput: true }));
  if (!value) return { problems: invalid };
  const against = againstRubric(source, value.criteria, rubric);
  if (against.length > 0) return { problems: against };
  return { judgments: toJudgments(value), problems: [] };
}

/** Criteria are the rubric's area ids: each one known, and every area judged. */
function againstRubric(src: SourceFile, criteria: readonly string[], rubric: Rubric): Problem[] {
  const ids = rubric.areas.map((a) => a.id);
  const problems: Problem[] = [];
  criteria.forEach((c, i) => {
    if (ids.includes(c)) return;
    const hint = didYouMean(c, ids);
    problems.push(problemAt(src.file, positionOf(src, ['criteria', i]), `unknown area ${quote(c)} in ${rubricNamed(rubric)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`, 'unknown-area'));
  });
  const missing = ids.filter((id) => !criteria.includes(id));
  if (missing.length > 0 && problems.length === 0) {
    problems.push(problemAt(src.file, positionOf(src, ['criteria']), `criteria must name every area of ${rubricNamed(rubric)}; missing ${missing.map(quote).join(', ')}`, 'missing-area'));
  }
  return problems;
}

function toJudgments(v: JudgmentsFile): Judgments {
  const criteria = [...v.criteria];
  switch (v.method) {
    case 'ahp': {
      const members = v.matrix ? [{ name: null, matrix: v.matrix }] : v.panel!.map((m) => (Array.isArray(m) ? { name: null, matrix: m } : { name: m.name ?? null, matrix: m.matrix }));
      return { method: 'ahp', criteria, matrices: members.map((m) => m.matrix.map((row) => row.map(entryValue))), judges: members.map((m) => m.name) };
    }
    case 'roc':
      return { method: 'roc', criteria, order: [...v.order!] };
    case 'swing':
      return { method: 'swing', criteria, points: { ...v.swing! } };
    case 'bwm':
      return { method: 'bwm', criteria, best: v.best!, worst: v.worst!, bestToOthers: v['best-to-others']!.map(Number), othersToWorst: v['others-to-worst']!.map(Number), model: v.model ?? 'non-linear' };
  }
}
