/**
 * The questions of an interactive weights session, as a pure function of the judgments given so
 * far (the same data the judgments file holds, nulls where nothing is given yet): what to ask
 * next, and the judgments after an answer. The wiring (terminal, saving) is in cli/commands.
 */
import type { WeightMethod, JudgmentsFile, Entry } from '../schema/judgments.js';

export interface AreaName {
  id: string;
  name: string;
}

export interface Choice {
  name: string;
  value: string;
}

export type Question =
  | { kind: 'choice'; key: string; message: string; choices: Choice[]; default?: string | undefined }
  | { kind: 'points'; key: string; message: string; default?: number | undefined };

export type Progress = JudgmentsFile;

/** Saaty's words for 1…9 (even values lie between their neighbours). */
const WORDS = ['', 'equally important', 'equally to moderately more important', 'moderately more important', 'moderately to strongly more important', 'strongly more important', 'strongly to very strongly more important', 'very strongly more important', 'very strongly to extremely more important', 'extremely more important'];

export function start(method: WeightMethod, areas: readonly AreaName[]): Progress {
  const criteria = areas.map((a) => a.id);
  const n = criteria.length;
  switch (method) {
    case 'ahp':
      return { method, criteria, matrix: criteria.map((_, i) => criteria.map((__, k): Entry => (i === k ? 1 : null))) };
    case 'roc':
      return { method, criteria, order: [] };
    case 'swing':
      return { method, criteria, swing: {} };
    case 'bwm':
      return { method, criteria, 'best-to-others': new Array<null>(n).fill(null), 'others-to-worst': new Array<null>(n).fill(null) };
  }
}

/** Every question of the session in order, given what is known now (BWM's depend on best and worst). */
export function questions(p: Progress, areas: readonly AreaName[]): Question[] {
  const name = (id: string) => areas.find((a) => a.id === id)?.name ?? id;
  const ids = p.criteria;
  switch (p.method) {
    case 'ahp':
      return ids.flatMap((a, i) => ids.slice(i + 1).map((b, k) => pairQuestion(p, a, b, i, i + 1 + k, name)));
    case 'roc':
      return ids.slice(0, -1).map((_, k) => ({
        kind: 'choice' as const,
        key: `order.${k}`,
        message: k === 0 ? 'Which area matters most?' : `Which matters most of the areas left? (${k + 1} of ${ids.length})`,
        choices: ids.filter((id) => !p.order!.slice(0, k).includes(id)).map((id) => ({ name: name(id), value: id })),
      }));
    case 'swing': {
      const best = swingBest(p);
      const first: Question = { kind: 'choice', key: 'swing.best', message: 'Picture every area at its worst. Which one would you lift to its best first?', choices: ids.map((id) => ({ name: name(id), value: id })) };
      if (best === undefined) return [first, ...ids.slice(1).map((_, k) => ({ kind: 'points' as const, key: `swing.${k}`, message: '…' }))];
      return [first, ...ids.filter((id) => id !== best).map((id) => ({
        kind: 'points' as const,
        key: `swing.${id}`,
        message: `Lifting ${name(best)} from worst to best is worth 100 points. How many is lifting ${name(id)} worth? (0–100)`,
        default: p.swing![id],
      }))];
    }
    case 'bwm':
      return bwmQuestions(p, name);
  }
}

function pairQuestion(p: Progress, a: string, b: string, i: number, k: number, name: (id: string) => string): Question {
  const current = p.matrix![i]![k];
  const choices: Choice[] = [];
  for (let v = 9; v >= 2; v--) choices.push({ name: `${String(v).padEnd(4)} ${name(a)}: ${WORDS[v]}`, value: String(v) });
  choices.push({ name: `1    both equally important`, value: '1' });
  for (let v = 2; v <= 9; v++) choices.push({ name: `1/${v}  ${name(b)}: ${WORDS[v]}`, value: `1/${v}` });
  return { kind: 'choice', key: `matrix.${i}.${k}`, message: `How much more important is ${name(a)} than ${name(b)}?`, choices, default: current === null || current === undefined ? '1' : String(current) };
}

function swingBest(p: Progress): string | undefined {
  return Object.entries(p.swing ?? {}).find(([, v]) => v === 100)?.[0];
}

function scaleChoices(): Choice[] {
  return Array.from({ length: 9 }, (_, k) => ({ name: `${k + 1}  ${WORDS[k + 1]}`, value: String(k + 1) }));
}

function bwmQuestions(p: Progress, name: (id: string) => string): Question[] {
  const ids = p.criteria;
  const all = ids.map((id) => ({ name: name(id), value: id }));
  const out: Question[] = [{ kind: 'choice', key: 'best', message: 'Which area is the most important (the best)?', choices: all, default: p.best }];
  if (p.best === undefined) return [...out, ...new Array<Question>(2 * ids.length - 2).fill(out[0]!)];
  out.push({ kind: 'choice', key: 'worst', message: 'Which area is the least important (the worst)?', choices: all.filter((c) => c.value !== p.best), default: p.worst });
  if (p.worst === undefined) return [...out, ...new Array<Question>(2 * ids.length - 3).fill(out[1]!)];
  const b = p.best;
  const w = p.worst;
  ids.forEach((id, j) => {
    if (id === b) return;
    out.push({ kind: 'choice', key: `best-to-others.${j}`, message: `How much more important is ${name(b)} than ${name(id)}? (1–9)`, choices: scaleChoices(), default: String(p['best-to-others']![j] ?? 1) });
  });
  ids.forEach((id, j) => {
    if (id === b || id === w) return;
    out.push({ kind: 'choice', key: `others-to-worst.${j}`, message: `How much more important is ${name(id)} than ${name(w)}? (1–9)`, choices: scaleChoices(), default: String(p['others-to-worst']![j] ?? 1) });
  });
  return out;
}

/** Whether a question's judgment is already given. */
export function answered(p: Progress, q: Question): boolean {
  const [head, a, b] = q.key.split('.');
  switch (head) {
    case 'matrix':
      return p.matrix![Number(a)]![Number(b)] !== null;
    case 'order':
      return p.order!.length > Number(a);
    case 'swing':
      return a === 'best' ? swingBest(p) !== undefined : p.swing![a!] !== undefined;
    case 'best':
      return p.best !== undefined;
    case 'worst':
      return p.worst !== undefined;
    default:
      return (p[head as 'best-to-others' | 'others-to-worst']!)[Number(a)] !== null;
  }
}

/** The judgments with one more answer (a copy; the input is unchanged). */
export function withAnswer(p: Progress, q: Question, value: string | number): Progress {
  const next = structuredClone(p) as Progress;
  const [head, a, b] = q.key.split('.');
  if (head === 'matrix') {
    const [i, k] = [Number(a), Number(b)];
    const v = String(value);
    next.matrix![i]![k] = v.includes('/') ? v : Number(v);
    next.matrix![k]![i] = v.includes('/') ? Number(v.split('/')[1]) : v === '1' ? 1 : `1/${v}`;
  } else if (head === 'order') {
    next.order = [...p.order!.slice(0, Number(a)), String(value)];
    const left = p.criteria.filter((id) => !next.order!.includes(id));
    if (left.length === 1) next.order.push(left[0]!);
  } else if (head === 'swing') {
    if (a === 'best') next.swing = { [String(value)]: 100 };
    else next.swing![a!] = Number(value);
  } else if (head === 'best' || head === 'worst') {
    next[head] = String(value);
    if (head === 'best') {
      delete next.worst;
      next['best-to-others'] = p.criteria.map((id) => (id === value ? 1 : null));
      next['others-to-worst'] = p.criteria.map(() => null);
    } else next['others-to-worst'] = p.criteria.map((id) => (id === value ? 1 : null));
  } else {
    const j = Number(a);
    (next[head as 'best-to-others' | 'others-to-worst']!)[j] = Number(value);
    // Best against worst is one judgment, in both vectors.
    if (head === 'best-to-others' && p.criteria[j] === p.worst) next['others-to-worst']![p.criteria.indexOf(p.best!)] = Number(value);
  }
  return next;
}

/** The next question without a judgment, with its number (1-based) and the count; undefined when all are given. */
export function nextQuestion(p: Progress, areas: readonly AreaName[]): { question: Question; number: number; count: number } | undefined {
  const qs = questions(p, areas);
  const i = qs.findIndex((q) => !answered(p, q));
  return i < 0 ? undefined : { question: qs[i]!, number: i + 1, count: qs.length };
}

export function answeredCount(p: Progress, areas: readonly AreaName[]): { given: number; count: number } {
  const qs = questions(p, areas);
  return { given: qs.filter((q) => answered(p, q)).length, count: qs.length };
}
