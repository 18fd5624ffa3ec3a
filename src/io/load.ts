import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar } from 'yaml';
import { nameKey } from '../core/identity.js';
import { slugify } from '../core/slug.js';
import type { Answer, Evaluation, Rubric } from '../core/types.js';
import type { Problem } from '../errors.js';
import { SLUG_RE } from '../schema/common.js';
import { evaluationSchema, type EvaluationFile } from '../schema/evaluation.js';
import { isOnStep, rubricSchema } from '../schema/rubric.js';
import { didYouMean, Suggester } from '../schema/suggest.js';
import { validateSource } from '../schema/validate.js';
import { asRecord, resolveAuthors } from './evaluators.js';
import { misplacedAnswers } from './answer-layout.js';
import { DEFAULT_MAX_BYTES, displayPath, fileProblem, findYamlFiles, readTextFile } from './files.js';
import { clip, quote, quoteName } from '../text/sanitize.js';
import { packagePath } from './package-files.js';
import { readCachedRubric } from './rubric-cache.js';
import { parseYaml, positionOf, problemAt, type SourceFile } from './yaml.js';

/** The bundled default rubric: rubrics/ai-vendor.yaml in the package. */
export function defaultRubricPath(): string {
  return packagePath('rubrics', 'ai-vendor.yaml');
}

/**
 * The rubric of a workspace laid out as `init` makes it: ./rubric.yaml (or .yml) beside the
 * evaluations folder. Used when no --rubric is given and none is among the paths, so that an
 * edited copy is never silently replaced by the bundled rubric.
 */
export function workspaceRubricPath(cwd = process.cwd()): string | undefined {
  for (const name of ['rubric.yaml', 'rubric.yml']) {
    const p = path.join(cwd, name);
    if (existsSync(p)) return name;
  }
  return undefined;
}

export function isBundledRubric(file: string): boolean {
  return path.resolve(file) === defaultRubricPath();
}

/** How a rubric file is named in notes and messages: ./rubric.yaml, or its absolute path outside the working directory. */
export function rubricLabel(file: string): string {
  const shown = displayPath(file);
  return path.isAbsolute(shown) ? shown : `./${shown}`;
}

/** "team-fit@2 from ./rubric.yaml" (the bundled rubric by its id alone), for "in rubric …" in messages. */
export function rubricNamed(r: Pick<Rubric, 'id' | 'version' | 'file'>): string {
  return `${clip(rubricRef(r))}${r.file ? ` from ${clip(r.file)}` : ''}`;
}

/**
 * What is wrong with a score against the rubric's scale and step, worded alike for evaluation
 * files and imports; naming the rubric file when it is not the bundled rubric.
 */
export function scoreProblem(score: number, questionId: string, rubric: Rubric): { code: 'off-scale' | 'off-step'; message: string } | undefined {
  const { min, max, step } = rubric.scale;
  const of = rubric.file ? ` of rubric ${clip(rubric.file)}` : '';
  const q = clip(questionId);
  if (!Number.isFinite(score) || score < min - 1e-9 || score > max + 1e-9) return { code: 'off-scale', message: `score ${score} for ${q} is off the scale ${min}–${max}${of}` };
  if (!isOnStep(score, min, step)) return { code: 'off-step', message: `score ${score} for ${q} is off the step ${step}${isOnStep(0, min, step) ? '' : ` from ${min}`}${of}` };
  return undefined;
}

export interface LoadOptions {
  maxBytes?: number;
}

/** Reads and parses one YAML file; problems instead of exceptions. `text` is what was read. */
export function loadSource(file: string, opts: LoadOptions = {}): { source?: SourceFile; problems: Problem[]; text?: string } {
  const { text, problem } = readTextFile(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (problem) return { problems: [problem] };
  return { ...parseYaml(displayPath(file), text!), text: text! };
}

export function rubricFromSource(src: SourceFile): { rubric?: Rubric; problems: Problem[] } {
  const { value, problems } = validateSource(src, rubricSchema, (d) => rubricSchema.safeParse(d, { reportInput: true }));
  if (!value) return { problems };
  const { min, max } = value.scale;
  const rubric: Rubric = {
    id: value.id,
    version: value.version,
    title: value.title,
    description: value.description,
    scale: { min, max, step: value.scale.step, labels: value.scale.labels ?? {} },
    missing: value.missing,
    aggregate: value.aggregate,
    // Default: 40% of the scale's range (2 points on 0–5).
    disagreement: value.disagreement ?? (max - min) * 0.4,
    panel: value.panel?.map((p) => ({ role: p.role, name: p.name, areas: p.areas })),
    minEvaluators: value['min-evaluators'],
    requireDeclaration: value['require-declaration'],
    areas: value.areas.map((a) => ({
      id: a.id,
      name: a.name,
      short: a.short,
      weight: a.weight,
      description: a.description,
      knockout: a.knockout,
      questions: a.questions.map((q) => ({
        id: q.id,
        text: q.text,
        weight: q.weight,
        guidance: q.guidance ?? {},
        knockout: q.knockout,
        evidence: q.evidence,
      })),
    })),
  };
  return { rubric, problems };
}

export function loadRubric(file: string, opts: LoadOptions & { noCache?: boolean } = {}): { rubric?: Rubric; file: string; problems: Problem[] } {
  const { text, problem } = readTextFile(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (problem) return { file, problems: [problem] };
  // The bundled rubric was validated at build time; a matching hash skips parsing (one read either way).
  if (!opts.noCache && path.resolve(file) === defaultRubricPath()) {
    const cached = readCachedRubric(file, text!);
    if (cached) return { file, rubric: cached, problems: [] };
  }
  const { source, problems } = parseYaml(displayPath(file), text!);
  if (!source) return { file, problems };
  const loaded = rubricFromSource(source);
  if (loaded.rubric && !isBundledRubric(file)) loaded.rubric.file = rubricLabel(file);
  return { file, ...loaded };
}

export function rubricRef(r: Pick<Rubric, 'id' | 'version'>): string {
  return `${r.id}@${r.version}`;
}

export interface QuestionIndex {
  ids: string[];
  known: ReadonlySet<string>;
  suggester: Suggester;
}

const questionIndexes = new WeakMap<Rubric, QuestionIndex>();

/** A rubric's question ids, a set of them and a did-you-mean over them: built once per rubric, not once per file. */
export function questionIndex(rubric: Rubric): QuestionIndex {
  let index = questionIndexes.get(rubric);
  if (!index) {
    const ids = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));
    index = { ids, known: new Set(ids), suggester: new Suggester(ids) };
    questionIndexes.set(rubric, index);
  }
  return index;
}

/** Is this parsed file a rubric (as opposed to an evaluation)? */
export function looksLikeRubric(src: SourceFile): boolean {
  const c = src.doc.contents;
  return isMap(c) && c.items.some((p) => isScalar(p.key) && (p.key.value === 'areas' || p.key.value === 'scale'));
}

function looksLikeEvaluation(src: SourceFile): boolean {
  const c = src.doc.contents;
  return isMap(c) && c.items.some((p) => isScalar(p.key) && (p.key.value === 'answers' || p.key.value === 'vendor' || p.key.value === 'evaluator'));
}

/**
 * Validates one evaluation file against the rubric. The schema and the rubric rules both run on
 * every file, so one pass reports every problem in it.
 */
export function evaluationFromSource(file: SourceFile, rubric: Rubric): { evaluation?: Evaluation; problems: Problem[] } {
  const misplaced = misplacedAnswers(file, new Set(rubric.areas.flatMap((a) => a.questions.map((q) => q.id))));
  const src = { ...file, data: misplaced.data };
  const { value, problems: schemaProblems } = validateSource(src, evaluationSchema, (d) => evaluationSchema.safeParse(d, { reportInput: true }));
  const problems = [...misplaced.problems, ...schemaProblems, ...rubricRuleProblems(src, rubric)];
  if (!value || problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    return { problems };
  }
  const vendorId = value.vendor.id ?? slugify(value.vendor.name);
  const answers: Record<string, Answer> = Object.create(null) as Record<string, Answer>;
  for (const [qid, raw] of Object.entries(value.answers)) answers[qid] = normalizeAnswer(raw);
  return {
    evaluation: {
      file: src.file,
      vendor: { id: vendorId, name: value.vendor.name },
      rubric: value.rubric,
      evaluator: value.evaluator,
      evaluatorId: value['evaluator-id'] ?? nameKey(value.evaluator),
      date: value.date,
      role: value.role,
      conflictOfInterest: value['conflict-of-interest'],
      answers,
    },
    problems: [],
  };
}

/** docs/files.md#evaluation rules that need the rubric, read defensively from the raw data. */
function rubricRuleProblems(src: SourceFile, rubric: Rubric): Problem[] {
  const out: Problem[] = [];
  const at = (p: (string | number)[], key = false) => positionOf(src, p, key);
  const data = asRecord(src.data);
  if (!data) return out;
  const vendor = asRecord(data.vendor);
  if (vendor && vendor.id === undefined && typeof vendor.name === 'string' && vendor.name !== '' && slugify(vendor.name) === '') {
    out.push(problemAt(src.file, at(['vendor', 'name']), 'vendor.name has no letters a–z or digits to derive an id from; add vendor.id', 'vendor-id'));
  }
  const expected = rubricRef(rubric);
  if (typeof data.rubric === 'string' && data.rubric !== expected && /^[a-z0-9][a-z0-9-]*@\S+$/.test(data.rubric)) {
    out.push(problemAt(src.file, at(['rubric']), `answers were given against rubric ${clip(data.rubric)}, but the rubric in use is ${rubricNamed(rubric)} (choose it with --rubric)`, 'rubric-mismatch'));
  }
  // A role that is not a slug is the schema's to report.
  if (typeof data.role === 'string' && SLUG_RE.test(data.role) && rubric.panel) {
    const roles = rubric.panel.map((p) => p.role);
    if (!roles.includes(data.role)) {
      const hint = didYouMean(data.role, roles);
      out.push(problemAt(src.file, at(['role']), `unknown role ${quote(data.role)}: the panel of rubric ${rubricNamed(rubric)} has ${roles.map(clip).join(', ')}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`, 'unknown-role'));
    }
  }
  const answers = asRecord(data.answers);
  if (!answers) return out;
  const { known, suggester } = questionIndex(rubric);
  for (const [qid, raw] of Object.entries(answers)) {
    if (!known.has(qid)) {
      const hint = suggester.suggest(qid);
      out.push(problemAt(src.file, at(['answers', qid], true), `unknown question ${quote(qid)} in rubric ${rubricNamed(rubric)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`, 'unknown-question'));
      continue;
    }
    const score = typeof raw === 'number' ? raw : asRecord(raw)?.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) continue; // the schema reports the type
    const scorePath = typeof raw === 'number' ? ['answers', qid] : ['answers', qid, 'score'];
    const wrong = scoreProblem(score, qid, rubric);
    if (wrong) out.push(problemAt(src.file, at(scorePath), wrong.message, wrong.code));
  }
  return out;
}

function normalizeAnswer(raw: EvaluationFile['answers'][string]): Answer {
  if (raw === null || typeof raw === 'number') return { score: raw, evidence: [] };
  const evidence = raw.evidence === undefined ? [] : Array.isArray(raw.evidence) ? raw.evidence : [raw.evidence];
  return { score: raw.score, notes: raw.notes, evidence };
}

export interface Workspace {
  rubric: Rubric;
  rubricFile: string;
  evaluations: Evaluation[];
  /** Every error and warning found, in file order. */
  problems: Problem[];
  files: string[];
}

export interface WorkspaceOptions extends LoadOptions {
  paths: readonly string[];
  /** --rubric; when absent, a rubric found among the paths, else the bundled one. */
  rubric?: string | undefined;
}

/**
 * Loads the rubric and every evaluation under the paths, checking the cross-file rules of
 * docs/files.md#evaluation. Never throws for bad input: a workspace without a usable rubric is `undefined`.
 */
export function loadWorkspace(opts: WorkspaceOptions): { workspace?: Workspace; problems: Problem[] } {
  const problems: Problem[] = [];
  const { files, problems: findProblems } = findYamlFiles(opts.paths);
  problems.push(...findProblems);

  const sources: SourceFile[] = [];
  const rubricSources: SourceFile[] = [];
  const rubricAbs = opts.rubric ? path.resolve(opts.rubric) : undefined;
  for (const f of files) {
    if (rubricAbs && path.resolve(f) === rubricAbs) continue;
    const { source, problems: ps } = loadSource(f, opts);
    problems.push(...ps);
    if (!source) continue;
    if (looksLikeRubric(source)) rubricSources.push(source);
    else sources.push(source);
  }

  let rubricFile: string;
  let rubricResult: { rubric?: Rubric; problems: Problem[] };
  if (opts.rubric) {
    rubricFile = opts.rubric;
    rubricResult = loadRubric(opts.rubric, opts);
    for (const r of rubricSources) {
      problems.push({ ...fileProblem(r.file, `is a rubric; ignored because --rubric ${displayPath(opts.rubric)} was given`, 'extra-rubric'), severity: 'warning' });
    }
  } else if (rubricSources.length === 1) {
    rubricFile = rubricSources[0]!.file;
    rubricResult = rubricFromSource(rubricSources[0]!);
    if (rubricResult.rubric) rubricResult.rubric.file = rubricLabel(rubricFile);
  } else if (rubricSources.length > 1) {
    for (const r of rubricSources) problems.push(fileProblem(r.file, 'is one of several rubrics found; choose one with --rubric', 'several-rubrics'));
    return { problems };
  } else {
    rubricFile = workspaceRubricPath() ?? defaultRubricPath();
    rubricResult = loadRubric(rubricFile, opts);
  }
  problems.push(...rubricResult.problems);
  const rubric = rubricResult.rubric;
  if (!rubric) return { problems };

  const evaluations: Evaluation[] = [];
  const names = new Map<string, Evaluation>();
  const authors = resolveAuthors(sources.filter(looksLikeEvaluation));
  for (const src of sources) {
    if (!looksLikeEvaluation(src)) {
      problems.push(problemAt(src.file, { line: 1, col: 1 }, 'is neither an evaluation (vendor, evaluator, answers) nor a rubric (scale, areas)', 'not-an-evaluation'));
      continue;
    }
    const { evaluation, problems: ps } = evaluationFromSource(src, rubric);
    problems.push(...ps);
    // The one-file-per-evaluator rule is checked even when a file has other problems.
    const who = authors.get(src);
    if (who?.problem) problems.push(who.problem);
    if (who?.duplicate || !evaluation) continue;
    if (who) evaluation.evaluatorId = who.key;
    // Two spellings of one name (case, spaces, Unicode form) are one name; two names for one id are worth a look.
    const sameId = names.get(evaluation.vendor.id);
    if (sameId && nameKey(sameId.vendor.name) !== nameKey(evaluation.vendor.name)) {
      problems.push({ ...problemAt(src.file, positionOf(src, ['vendor', 'name']), `vendor ${clip(evaluation.vendor.id)} is named ${quoteName(evaluation.vendor.name)} here but ${quoteName(sameId.vendor.name)} in ${sameId.file}`, 'vendor-name'), severity: 'warning' });
    } else if (!sameId) {
      names.set(evaluation.vendor.id, evaluation);
    }
    evaluations.push(evaluation);
  }
  const order = new Map(files.map((f, i) => [displayPath(f), i]));
  problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.col - b.col);
  return { workspace: { rubric, rubricFile: displayPath(rubricFile), evaluations, problems, files }, problems };
}
