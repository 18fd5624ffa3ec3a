import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { nameKey } from '../core/identity.js';
import { slugify } from '../core/slug.js';
import type { Answer, Consensus, Evaluation, Rubric } from '../core/types.js';
import { UserError, type Problem } from '../errors.js';
import { SLUG_RE } from '../schema/common.js';
import { evaluationSchema, type EvaluationFile } from '../schema/evaluation.js';
import { isOnStep, rubricSchema } from '../schema/rubric.js';
import { didYouMean, Suggester } from '../schema/suggest.js';
import { validateSource } from '../schema/validate.js';
import { consensusFromSource, consensusVendorProblems, looksLikeConsensus, siblingConsensusFolders } from './consensus.js';
import { asRecord, resolveAuthors } from './evaluators.js';
import { misplacedAnswers } from './answer-layout.js';
import { DEFAULT_MAX_BYTES, displayPath, fileProblem, findYamlFiles, readTextFile } from './files.js';
import { clip, quote, quoteName } from '../text/sanitize.js';
import { bundledRubricNames, isBundledRubricFile, resolveRubricFile } from './bundled-rubrics.js';
import { packagePath } from './package-files.js';
import { readCachedRubric } from './rubric-cache.js';
import { isValidEvaluation } from '../schema/evaluation-check.js';
import { validRubric } from '../schema/rubric-check.js';
import { parseYaml, positionOf, problemAt, type SourceFile } from './yaml.js';
import { fastLocated, fastLocator, fastOutlined, parseYamlFast, type Locator, type Outline } from './yaml-fast.js';
import { keyedRecord } from '../core/keyed.js';
import { expectLongRun } from '../engine.js';

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

/** Any rubric shipped in the package's rubrics/ (ai-vendor, ai-readiness, …). */
export function isBundledRubric(file: string): boolean {
  return isBundledRubricFile(file);
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
  /**
   * false: a valid evaluation's answer notes are read but not kept (each becomes undefined).
   * Free text is most of a workspace's bytes, and scoring, checking and ranking never read it;
   * a command that shows notes keeps the default. A file that fails the schema keeps its notes,
   * so its messages are the same either way.
   */
  keepNotes?: boolean;
  /**
   * true: keep an Outline (src/io/yaml-fast.ts) of each file the fast reader takes, so that
   * problems found after loading (check's warnings, thousands on a big workspace) are located
   * without reading the file again: Workspace.outlines.
   */
  outlines?: boolean;
}

/**
 * Reads and parses one YAML file; problems instead of exceptions. `text` is what was read.
 * `real`: its real path, as findYamlFiles just found it.
 */
export function loadSource(file: string, opts: LoadOptions = {}, real?: string, shown = displayPath(file)): { source?: SourceFile; problems: Problem[]; text?: string; outline?: Outline } {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const { text, problem } = readTextFile(file, max, { real });
  if (problem) return { problems: [problem] };
  return { ...parseSource(shown, text!, rereader(file, max), opts.keepNotes ?? true, opts.outlines), text: text! };
}

/** Reads a file again (to locate a problem in it); a problem reading it is the command's error. */
function rereader(file: string, max: number): () => string {
  return () => {
    const again = readTextFile(file, max);
    if (again.text === undefined) throw new UserError('1 problem(s) in the input', [again.problem!]);
    return again.text;
  };
}

/**
 * A file read again only to locate problems in it (check's warnings: thousands on a big
 * workspace): one read and one reading that keeps positions, where loadSource and positionOf
 * would read it twice and parse it three times. Undefined when it can no longer be read.
 */
export function locatingSource(file: string, opts: LoadOptions = {}): SourceFile | undefined {
  const { text } = readTextFile(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (text === undefined) return undefined;
  const shown = displayPath(file);
  const fast = fastPath() ? fastLocated(text) : undefined;
  return fast ? lazySource(shown, fast.data, () => text, fast.locate) : parseYaml(shown, text).source;
}

/** VENDORSCORE_SLOW_PATH=1 turns the fast reader off: the tests run every input both ways. */
const fastPath = () => process.env.VENDORSCORE_SLOW_PATH !== '1';

/**
 * parseYaml's result, by the fast reader when the text is in its subset (src/io/yaml-fast.ts).
 * Then the Document and its line counter, needed only to locate a problem, are built on first
 * use from the same text, so every message is the one the full reader gives. A loader for a
 * new kind of file (quotes, consensus files) gets the fast path by calling this (or loadSource)
 * and reading `source.data`, touching `doc` and positions only for a file with a problem.
 */
export function parseSource(file: string, text: string, reread?: () => string, keepNotes = true, outlined = false): { source?: SourceFile; problems: Problem[]; outline?: Outline } {
  const copies = keepNotes ? 'all' : 'not-notes';
  const read = !fastPath() ? undefined : outlined ? fastOutlined(text, copies) : { data: parseYamlFast(text, copies), outline: undefined };
  if (read?.data === undefined) {
    const full = parseYaml(file, text);
    if (full.source && !keepNotes) withoutNotes(full.source.data);
    return full;
  }
  const data = keepNotes ? read.data : withoutNotes(read.data);
  const { outline } = read;
  const source = lazySource(file, data, reread ? unchanged(file, data, reread, keepNotes ? undefined : withoutNotes) : () => text, undefined, outline);
  return outline ? { source, problems: [], outline } : { source, problems: [] };
}

/**
 * A valid evaluation's data without its answer notes (keepNotes: false), changed in place and
 * returned; any other data as it is. Dropped as each file is read, the notes never outlive it.
 * The notes become undefined rather than deleted, which V8 does without reshaping the objects.
 */
function withoutNotes<T>(data: T): T {
  if (!isValidEvaluation(data)) return data;
  valid.add(data);
  if (data.answers === undefined) return data;
  for (const k in data.answers) {
    const a = data.answers[k];
    if (a !== null && typeof a === 'object') a.notes = undefined;
  }
  return data;
}

/**
 * Data withoutNotes found to be a valid evaluation (notes dropped, it still is), so that
 * evaluationFromSource need not check it again.
 */
const valid = new WeakSet<object>();

/**
 * `reread`, refusing a text that no longer reads as `data`. With it a fast-path file's text is
 * not kept, only read again for the rare file that has a problem to locate (a workspace of
 * 5,000 files would otherwise hold all 43 MB of them until scoring ends); a file edited in
 * between cannot put a message on the wrong line. `kept`: what of a reading `data` holds (all of
 * it, all but the notes, or the authorship).
 */
function unchanged(file: string, data: unknown, reread: () => string, kept: (again: Record<string, unknown>) => unknown = (again) => again): () => string {
  return () => {
    const text = reread();
    const again = parseYamlFast(text, 'none');
    if (again === undefined || !isDeepStrictEqual(kept(again), data)) {
      throw new UserError('1 problem(s) in the input', [fileProblem(file, 'changed while vendorscore was reading it; run the command again', 'changed')]);
    }
    return text;
  };
}

function lazySource(file: string, data: Record<string, unknown>, textOf: () => string, known?: Locator, outline?: Outline): SourceFile {
  let full: SourceFile | undefined;
  let kept: string | undefined;
  let locator: Locator | null | undefined = known;
  const text = () => (kept ??= textOf());
  const located = (): SourceFile => {
    full ??= parseYaml(file, text()).source;
    if (!full) throw new Error(`the fast YAML reader took ${file}, which the full reader refuses`);
    return full;
  };
  return {
    file,
    data,
    // Positions by the fast reader where it is sure of them (its Outline, else reading the text
    // again): the Document only when it is not.
    position: (path, key) => {
      if (full) return undefined;
      const outlined = key ? undefined : outline?.position(path);
      if (outlined) return outlined;
      if (locator === undefined) locator = fastLocator(text()) ?? null;
      return locator?.(path, key);
    },
    get doc() {
      return located().doc;
    },
    get lines() {
      return located().lines;
    },
  };
}

export function rubricFromSource(src: SourceFile): { rubric?: Rubric; problems: Problem[] } {
  // Most rubrics are valid: a plain check first; zod (and its located messages) only when it fails.
  const checked = validRubric(src.data);
  const { value, problems } = checked ? { value: checked, problems: [] } : validateSource(src, rubricSchema, (d) => rubricSchema.safeParse(d, { reportInput: true }));
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
    disagreement: disagreementPoints(value.disagreement, min, max),
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
  if (value.price) {
    const p = value.price;
    rubric.price = { weight: p.weight, formula: p.formula, currency: p.currency, minQuality: p['min-quality'], horizonYears: p['horizon-years'], range: p.range };
  }
  return { rubric, problems };
}

/**
 * The rubric's `disagreement` in scale points (docs/files.md#rubric): points as written; the
 * relative rule "30%" as that share of max − min; by default 40% of it (2 points on 0–5).
 */
export function disagreementPoints(rule: number | string | undefined, min: number, max: number): number {
  if (typeof rule === 'number') return rule;
  const share = rule === undefined ? 0.4 : Number(rule.slice(0, -1)) / 100;
  return (max - min) * share;
}

export function loadRubric(named: string, opts: LoadOptions & { noCache?: boolean } = {}): { rubric?: Rubric; file: string; problems: Problem[] } {
  const file = resolveRubricFile(named);
  const { text, problem } = readTextFile(file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (problem) return { file, problems: [unknownRubricName(named, problem)] };
  // The bundled rubric was validated at build time; a matching hash skips parsing (one read either way).
  if (!opts.noCache && isBundledRubric(file)) {
    const cached = readCachedRubric(file, text!);
    if (cached) return { file, rubric: cached, problems: [] };
  }
  const { source, problems } = parseSource(displayPath(file), text!);
  if (!source) return { file, problems };
  const loaded = rubricFromSource(source);
  if (loaded.rubric && !isBundledRubric(file)) loaded.rubric.file = rubricLabel(file);
  return { file, ...loaded };
}

/** A missing file named like a rubric (`--rubric ai-nope`): say which names are bundled. */
function unknownRubricName(named: string, problem: Problem): Problem {
  if (problem.code !== 'not-found' || !/^[a-z0-9][a-z0-9-]*$/.test(named)) return problem;
  return { ...problem, message: `no such file, and no bundled rubric of that name (bundled: ${bundledRubricNames().join(', ')})` };
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

/** A top-level key of a parsed file (read from the data: a loaded file's keys are all text). */
const hasTopKey = (src: SourceFile, ...keys: string[]) => {
  const data = asRecord(src.data);
  return data !== undefined && keys.some((k) => Object.prototype.hasOwnProperty.call(data, k));
};

/** Is this parsed file a rubric (as opposed to an evaluation)? */
export function looksLikeRubric(src: SourceFile): boolean {
  return hasTopKey(src, 'areas', 'scale');
}

function looksLikeEvaluation(src: SourceFile): boolean {
  return hasTopKey(src, 'answers', 'vendor', 'evaluator');
}

/**
 * Validates one evaluation file against the rubric. The schema and the rubric rules both run on
 * every file, so one pass reports every problem in it.
 */
export function evaluationFromSource(file: SourceFile, rubric: Rubric): { evaluation?: Evaluation; problems: Problem[] } {
  const misplaced = misplacedAnswers(file, questionIndex(rubric).known);
  const src: SourceFile = misplaced.data === file.data ? file : withData(file, misplaced.data);
  // Most files are valid: a plain check first; zod (and its located messages) only when it fails.
  // The data itself when it is valid: a copy of it (a spread) would cost microseconds a file.
  const checked = valid.has(src.data as object) || isValidEvaluation(src.data);
  const { value, problems: schemaProblems } = checked ? { value: src.data as EvaluationFile, problems: [] } : validateSource(src, evaluationSchema, (d) => evaluationSchema.safeParse(d, { reportInput: true }));
  const problems = [...misplaced.problems, ...schemaProblems, ...rubricRuleProblems(src, rubric)];
  if (!value || problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    return { problems };
  }
  const vendorId = value.vendor.id ?? slugify(value.vendor.name);
  const answers: Record<string, Answer> = keyedRecord();
  const given = value.answers ?? {};
  for (const qid in given) answers[qid] = normalizeAnswer(given[qid]!);
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

/** The same file with other data; `doc` and `lines` stay lazy when they are. */
function withData(file: SourceFile, data: unknown): SourceFile {
  return {
    file: file.file,
    data,
    get doc() {
      return file.doc;
    },
    get lines() {
      return file.lines;
    },
  };
}

/** docs/files.md#evaluation rules that need the rubric, read defensively from the raw data. */
function rubricRuleProblems(src: SourceFile, rubric: Rubric): Problem[] {
  const out: Problem[] = [];
  const data = asRecord(src.data);
  if (!data) return out;
  const vendor = asRecord(data.vendor);
  if (vendor && vendor.id === undefined && typeof vendor.name === 'string' && vendor.name !== '' && slugify(vendor.name) === '') {
    out.push(problemAt(src.file, positionOf(src, ['vendor', 'name']), 'vendor.name has no letters a–z or digits to derive an id from; add vendor.id', 'vendor-id'));
  }
  out.push(...rubricRefProblems(src, data, rubric));
  out.push(...roleProblems(src, data, rubric));
  out.push(...questionKeyProblems(src, rubric, 'answers', answerScore));
  return out;
}

/** Where an answer's score sits: the answer itself (`q: 3`), or its `score:`. */
const answerScore: ScoreAt = {
  score: (raw) => (typeof raw === 'number' ? raw : asRecord(raw)?.score),
  at: (raw) => (typeof raw === 'number' ? [] : ['score']),
};

/** The evaluation's `role:` is one of the rubric's panel roles (a role that is not a slug is the schema's to report). */
function roleProblems(src: SourceFile, data: Record<string, unknown>, rubric: Rubric): Problem[] {
  if (typeof data.role !== 'string' || !SLUG_RE.test(data.role) || !rubric.panel) return [];
  const roles = rubric.panel.map((p) => p.role);
  if (roles.includes(data.role)) return [];
  const hint = didYouMean(data.role, roles);
  return [problemAt(src.file, positionOf(src, ['role']), `unknown role ${quote(data.role)}: the panel of rubric ${rubricNamed(rubric)} has ${roles.map(clip).join(', ')}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`, 'unknown-role')];
}

/** The file's `rubric:` names another id@version than the rubric in use. */
export function rubricRefProblems(src: SourceFile, data: Record<string, unknown>, rubric: Rubric, what = 'answers were given'): Problem[] {
  const expected = rubricRef(rubric);
  if (typeof data.rubric !== 'string' || data.rubric === expected || !/^[a-z0-9][a-z0-9-]*@\S+$/.test(data.rubric)) return [];
  return [problemAt(src.file, positionOf(src, ['rubric']), `${what} against rubric ${clip(data.rubric)}, but the rubric in use is ${rubricNamed(rubric)} (choose it with --rubric)`, 'rubric-mismatch')];
}

/** An entry's score in a map of questions, and (asked only to locate a problem) where it sits under the entry. */
export interface ScoreAt {
  score: (raw: unknown) => unknown;
  at: (raw: unknown) => string[];
}

/**
 * The keys of a map of questions (`answers:` of an evaluation, `agreed:` of a consensus file):
 * each a question of the rubric (else the nearest id), each score on the scale and its step.
 * `scoreOf` finds an entry's score and where it sits under the entry; the schema reports types.
 */
export function questionKeyProblems(src: SourceFile, rubric: Rubric, key: string, scoreOf: ScoreAt): Problem[] {
  const out: Problem[] = [];
  const entries = asRecord(asRecord(src.data)?.[key]);
  if (!entries) return out;
  const { known, suggester } = questionIndex(rubric);
  // for-in, not Object.entries: this runs on every answer of every file.
  for (const qid in entries) {
    const raw = entries[qid];
    if (!known.has(qid)) {
      const hint = suggester.suggest(qid);
      out.push(problemAt(src.file, positionOf(src, [key, qid], true), `unknown question ${quote(qid)} in rubric ${rubricNamed(rubric)}${hint ? ` (did you mean ${quote(hint)}?)` : ''}`, 'unknown-question'));
      continue;
    }
    const score = scoreOf.score(raw);
    if (typeof score !== 'number' || !Number.isFinite(score)) continue;
    const wrong = scoreProblem(score, qid, rubric);
    if (wrong) out.push(problemAt(src.file, positionOf(src, [key, qid, ...scoreOf.at(raw)]), wrong.message, wrong.code));
  }
  return out;
}

/**
 * The evidence of an answer that cites none: one frozen list for all of them, where a new empty
 * list each would be 140,000 lists kept through loading on a workspace of 5,000 files.
 */
const NO_EVIDENCE: string[] = [];
Object.freeze(NO_EVIDENCE);

function normalizeAnswer(raw: EvaluationFile['answers'][string]): Answer {
  if (raw === null || typeof raw === 'number') return { score: raw, evidence: NO_EVIDENCE };
  const evidence = raw.evidence === undefined ? NO_EVIDENCE : Array.isArray(raw.evidence) ? raw.evidence : [raw.evidence];
  // Two literals, not a spread of the optional flag: the same keys in the same order, without a spread's cost on every answer.
  return raw.flag !== undefined ? { score: raw.score, notes: raw.notes, evidence, flag: raw.flag } : { score: raw.score, notes: raw.notes, evidence };
}

export interface Workspace {
  rubric: Rubric;
  rubricFile: string;
  evaluations: Evaluation[];
  /** The consensus files found (docs/files.md#consensus), one per vendor. */
  consensus: Consensus[];
  /** Every error and warning found, in file order. */
  problems: Problem[];
  files: string[];
  /** With LoadOptions.outlines: each file the fast reader took, by its name in messages. */
  outlines?: Map<string, Outline>;
}

export interface WorkspaceOptions extends LoadOptions {
  paths: readonly string[];
  /** --rubric; when absent, a rubric found among the paths, else the bundled one. */
  rubric?: string | undefined;
  /** Folders whose files are never read as evaluations (the quotes folder: a separate envelope). */
  skip?: readonly string[] | undefined;
  /** false: check the evaluations only once every file is read, as when a rubric is among them (tests hold the two ways to one result). */
  checkAsRead?: boolean;
}

/**
 * Loads the rubric and every evaluation under the paths, checking the cross-file rules of
 * docs/files.md#evaluation. Never throws for bad input: a workspace without a usable rubric is `undefined`.
 */
export function loadWorkspace(opts: WorkspaceOptions): { workspace?: Workspace; problems: Problem[] } {
  const rubricFlag = opts.rubric ? resolveRubricFile(opts.rubric) : undefined;
  // The rubric in use unless one is among the files: known before they are read, each
  // evaluation is checked as it is read (readFiles). A rubric among the files means reading
  // them again, checking each after (the rubric is known only then).
  const expected = opts.rubric && rubricFlag ? loadRubric(rubricFlag, opts) : loadRubric(workspaceRubricPath() ?? defaultRubricPath(), opts);
  const read = readFiles(opts, rubricFlag, opts.checkAsRead === false ? undefined : expected.rubric) ?? readFiles(opts, rubricFlag, undefined)!;
  const { problems, sources, rubricSources, checked } = read;

  let rubricFile: string;
  let rubricResult: { rubric?: Rubric; problems: Problem[] };
  if (opts.rubric && rubricFlag) {
    rubricFile = rubricFlag;
    rubricResult = expected;
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
    rubricResult = expected;
  }
  problems.push(...rubricResult.problems);
  const rubric = rubricResult.rubric;
  if (!rubric) return { problems };

  const evaluations: Evaluation[] = [];
  const names = new Map<string, Evaluation>();
  const isEvaluation = (src: SourceFile) => checked.has(src) || looksLikeEvaluation(src);
  const authors = resolveAuthors(sources.filter(isEvaluation));
  for (const src of sources) {
    if (!isEvaluation(src)) {
      problems.push(problemAt(src.file, { line: 1, col: 1 }, 'is neither an evaluation (vendor, evaluator, answers) nor a rubric (scale, areas)', 'not-an-evaluation'));
      continue;
    }
    const { evaluation, problems: ps } = checked.get(src) ?? evaluationFromSource(src, rubric);
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
  const consensus = loadConsensus(read.consensusSources, rubric, evaluations, problems);
  const order = new Map(read.shown.map((f, i) => [f, i]));
  problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.col - b.col);
  const workspace: Workspace = { rubric, rubricFile: displayPath(rubricFile), evaluations, consensus, problems, files: read.files };
  if (opts.outlines) workspace.outlines = read.outlines;
  return { workspace, problems };
}

interface FilesRead {
  /** Every problem found finding and reading the files, in the order found. */
  problems: Problem[];
  files: string[];
  /** Each file's name in messages. */
  shown: string[];
  /** Evaluations and files of no known kind, in file order. */
  sources: SourceFile[];
  rubricSources: SourceFile[];
  consensusSources: SourceFile[];
  outlines: Map<string, Outline>;
  /** The evaluations checked as they were read, against the rubric given to readFiles. */
  checked: Map<SourceFile, { evaluation?: Evaluation; problems: Problem[] }>;
}

/**
 * Finds and reads every file under the paths, sorting them by kind. With `rubric`, each
 * evaluation is checked against it as soon as it is read, and only what the cross-file rules
 * read of its data is kept (authorship): the data of thousands of files then never lives at
 * once, which is most of what the garbage collector would otherwise work through. A rubric
 * among the files (without --rubric) may be the one in use: the evaluations checked before it
 * are read again, and those after it are checked once every file is read. Undefined when one
 * of them no longer reads as an evaluation: then read them all again, checking none as read.
 */
function readFiles(opts: WorkspaceOptions, rubricFlag: string | undefined, expected: Rubric | undefined): FilesRead | undefined {
  const problems: Problem[] = [];
  const { files, problems: findProblems, real } = findYamlFiles(opts.paths);
  expectLongRun(files.length);
  problems.push(...findProblems);
  // Each file's absolute path and its name in messages, worked out once.
  const absolute = files.map((f) => path.resolve(f));
  // consensus/ beside an evaluations folder belongs to it, as init lays a workspace out.
  const seen = new Set(absolute);
  const beside = new Set<string>();
  for (const f of findYamlFiles(siblingConsensusFolders(opts.paths)).files) {
    const abs = path.resolve(f);
    if (seen.has(abs)) continue;
    files.push(f);
    absolute.push(abs);
    beside.add(f);
  }
  const shown = files.map(displayPath);
  const read: FilesRead = { problems, files, shown, sources: [], rubricSources: [], consensusSources: [], outlines: new Map(), checked: new Map() };
  const rubricAbs = rubricFlag ? path.resolve(rubricFlag) : undefined;
  const skipped = (opts.skip ?? []).map((d) => path.resolve(d) + path.sep);
  let rubric = expected;
  /** Each evaluation checked as read: its file's index, and its place in read.sources. */
  const early: Array<{ file: number; at: number }> = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    const abs = absolute[i]!;
    if (rubricAbs && abs === rubricAbs) continue;
    if (skipped.some((d) => abs.startsWith(d))) continue;
    const { source, problems: ps, outline } = loadSource(f, opts, real.get(f), shown[i]);
    problems.push(...ps);
    if (!source) continue;
    if (outline) read.outlines.set(source.file, outline);
    // consensus/ beside the folders named was not named itself: only its consensus files are read.
    if (beside.has(f) && !looksLikeConsensus(source)) {
      problems.push({ ...fileProblem(source.file, 'is in a consensus folder but holds no agreed: mapping; ignored', 'not-consensus'), severity: 'warning' });
      continue;
    }
    if (looksLikeRubric(source)) {
      read.rubricSources.push(source);
      if (rubric && !rubricFlag) {
        rubric = undefined;
        if (!readAgain(read, early, (k) => loadSource(files[k]!, opts, real.get(files[k]!), shown[k]))) return undefined;
      }
    } else if (looksLikeConsensus(source)) read.consensusSources.push(source);
    else if (rubric && looksLikeEvaluation(source)) {
      const kept = authorsOnly(source, rereader(f, opts.maxBytes ?? DEFAULT_MAX_BYTES), outline);
      read.checked.set(kept, evaluationFromSource(source, rubric));
      early.push({ file: i, at: read.sources.length });
      read.sources.push(kept);
    } else read.sources.push(source);
  }
  return read;
}

/** The evaluations checked as read, read again whole in their places; false when one no longer reads as an evaluation. */
function readAgain(read: FilesRead, early: readonly { file: number; at: number }[], load: (file: number) => ReturnType<typeof loadSource>): boolean {
  for (const { file, at } of early) {
    const { source, problems, outline } = load(file);
    if (!source || problems.length > 0 || looksLikeRubric(source) || looksLikeConsensus(source) || !looksLikeEvaluation(source)) return false;
    read.checked.delete(read.sources[at]!);
    read.sources[at] = source;
    if (outline) read.outlines.set(source.file, outline);
    else read.outlines.delete(source.file);
  }
  return true;
}

/**
 * A fast-path source with only what resolveAuthors reads of its data (vendor, evaluator,
 * evaluator-id), once its evaluation is checked. Positions are then found in the text read
 * again, refused when those no longer read as they did: the only problems still to locate in
 * it are about them. A source from the full reader holds its Document anyway: kept whole.
 */
function authorsOnly(src: SourceFile, reread: () => string, outline: Outline | undefined): SourceFile {
  if (!src.position) return src;
  const data = authorFields(src.data);
  return lazySource(src.file, data, unchanged(src.file, data, reread, authorFields), undefined, outline);
}

function authorFields(data: unknown): Record<string, unknown> {
  const d = asRecord(data);
  return { vendor: d?.vendor, evaluator: d?.evaluator, 'evaluator-id': d?.['evaluator-id'] };
}

function loadConsensus(sources: readonly SourceFile[], rubric: Rubric, evaluations: readonly Evaluation[], problems: Problem[]): Consensus[] {
  const valid: Array<{ consensus: Consensus; src: SourceFile }> = [];
  for (const src of sources) {
    const { consensus, problems: ps } = consensusFromSource(src, rubric);
    problems.push(...ps);
    if (consensus) valid.push({ consensus, src });
  }
  const { kept, problems: ps } = consensusVendorProblems(valid, new Set(evaluations.map((e) => e.vendor.id)));
  problems.push(...ps);
  return kept;
}
