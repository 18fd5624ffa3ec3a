import { z } from 'zod';
import type { Rubric } from '../core/types.js';
import { safeJson } from '../text/sanitize.js';
import { consensusSchema } from './consensus.js';
import { evaluationSchema } from './evaluation.js';
import { rubricSchema } from './rubric.js';
import { judgmentsShape } from './judgments.js';
import { clip } from '../text/sanitize.js';

export const SCHEMA_KINDS = ['rubric', 'evaluation', 'consensus', 'judgments'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

type JsonSchema = { [key: string]: unknown };

/** Keys of a scale-value map (labels, guidance): YAML writes them as numbers, editors see strings. */
const SCALE_KEY = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };

/**
 * Editor help for each property, by dotted path ('*' = any array item or map value). Kept here
 * rather than in the zod schemas so validation messages stay short while hovers explain.
 */
const DESCRIPTIONS: Record<SchemaKind, Record<string, string>> = {
  rubric: {
    '': 'A vendorscore rubric: weighted areas of questions, each scored on one scale.',
    id: 'Rubric id, a slug such as ai-vendor. Evaluations name it as id@version.',
    version: 'An integer or a semver string. Bump it when questions change; evaluations name it.',
    title: 'Shown above every report.',
    description: 'What the rubric is for, shown by `vendorscore rubric show`.',
    scale: 'The scale every question is scored on.',
    'scale.min': 'Lowest score; counts as 0 in the 0–100 total.',
    'scale.max': 'Highest score; counts as 100 in the 0–100 total.',
    'scale.step': 'Allowed increments from min (default 1; 0.5 allows half points).',
    'scale.labels': 'A short label for each score value, such as 3: Meets.',
    missing: 'How an unanswered question counts: min (as the lowest score, the default) or ignore (left out).',
    aggregate: 'How several evaluators\' scores for one question combine: mean (default) or median.',
    disagreement: 'Spread between evaluators (max − min) at which a question is flagged for the consensus meeting: scale points (2), or the relative rule, a share of the scale written as 30%. Default: 40% of the scale.',
    areas: 'The weighted areas of the rubric.',
    'areas.*': 'One area: a weight and its questions.',
    'areas.*.id': 'Area id, a slug; unique in the rubric and different from every question id.',
    'areas.*.name': 'Shown as the column heading.',
    'areas.*.short': 'At most 12 characters: the column heading when the full table does not fit the terminal (default: the name, shortened).',
    'areas.*.weight': 'Any positive number; area weights are normalised to sum to 1 (read them as points out of 100).',
    'areas.*.description': 'What this area measures.',
    'areas.*.knockout': 'An area score strictly below `below` disqualifies the vendor.',
    'areas.*.knockout.reason': 'Shown when the knockout fires.',
    'areas.*.questions': 'The questions of this area.',
    'areas.*.questions.*': 'One question, answered by each evaluator.',
    'areas.*.questions.*.id': 'Question id, a slug unique across the whole rubric; evaluations answer by it.',
    'areas.*.questions.*.text': 'The question as asked in the interview.',
    'areas.*.questions.*.weight': 'Weight within its area (default 1).',
    'areas.*.questions.*.guidance': 'What a score looks like, by score value; shown during interviews.',
    'areas.*.questions.*.knockout': 'A question score strictly below `below` disqualifies the vendor.',
    'areas.*.questions.*.knockout.reason': 'Shown when the knockout fires.',
    'areas.*.questions.*.evidence': 'true: an answer should cite evidence (a document or link); `vendorscore check` warns when none is given.',
  },
  evaluation: {
    '': 'One evaluator\'s answers about one vendor, against one rubric.',
    vendor: 'The vendor evaluated. Files with the same vendor id are combined.',
    'vendor.id': 'A slug; derived from the name when absent (Société Générale AI → societe-generale-ai).',
    'vendor.name': 'The vendor\'s name as shown in reports.',
    rubric: 'The rubric the answers were given against, as id@version, such as ai-vendor@1.',
    evaluator: 'Who gave these answers. One file per evaluator per vendor. Two spellings that differ only in Unicode form (NFC, NFKC: full-width letters), invisible characters, spaces or case are one evaluator.',
    'evaluator-id': 'Optional: a slug naming the evaluator, for one person written two ways (Dana W., Dana Whitfield) or two people with one name. A file without it whose name is that of exactly one evaluator-id is that evaluator.',
    date: 'When the evaluation was made, as YYYY-MM-DD.',
    answers: 'Answers by question id. A bare number is the score; null or leaving a question out means unanswered.',
    'answers.*': 'A score on the rubric\'s scale, null (unanswered), or a mapping with score, notes, evidence and flag.',
    'answers.*.score': 'A score on the rubric\'s scale, or null for unanswered.',
    'answers.*.notes': 'Why this score: what the vendor said or showed.',
    'answers.*.evidence': 'Documents or links that back the score: one, or a list.',
    'answers.*.flag': 'Flagged for follow-up: a short note of what to ask again. `score` lists it and `check` warns until it is removed (f again in the interview, or delete the line).',
  },
  consensus: {
    '': 'What the panel agreed about one vendor in the consensus meeting, question by question (consensus/<vendor-id>.yaml).',
    vendor: 'The vendor id, as the evaluations name it.',
    rubric: 'The rubric the scores were agreed against, as id@version, such as ai-vendor@1.',
    agreed: 'Outcomes by question id.',
    'agreed.*': 'One question: an agreed score (which replaces the evaluators\' average) or keep: average; with the reason, who agreed and when.',
    'agreed.*.score': 'The agreed score, on the rubric\'s scale and step.',
    'agreed.*.keep': 'average: the panel keeps the evaluators\' aggregate (mean or median), with a reason.',
    'agreed.*.reason': 'Why the panel agreed this score.',
    'agreed.*.by': 'Who agreed: one name or a list of names.',
    'agreed.*.date': 'When it was agreed, as YYYY-MM-DD.',
  },
  judgments: {
    '': 'The judgments `vendorscore weights --from` derives area weights from: a method, the criteria (area ids) and the judgments.',
    method: 'ahp (pairwise comparison on Saaty\'s 1–9 scale), roc (rank order centroid), swing (swing weighting) or bwm (Best-Worst Method).',
    description: 'Who judged, when and why: for the reviewer.',
    criteria: 'The rubric\'s area ids, each once; matrices and vectors follow this order.',
    matrix: 'AHP: the full reciprocal matrix, rows and columns in criteria order; entries 1…9 or fractions such as "1/3"; null while not judged yet.',
    panel: 'AHP: several people\'s matrices (a matrix, or {name, matrix}), combined by element-wise geometric mean.',
    order: 'ROC: every criterion once, most important first.',
    swing: 'Swing: points (0–100) for each criterion\'s swing from worst to best; the most important is 100.',
    best: 'BWM: the most important criterion.',
    worst: 'BWM: the least important criterion.',
    'best-to-others': 'BWM: how much more important the best is than each criterion (1–9), in criteria order; 1 for the best itself.',
    'others-to-worst': 'BWM: how much more important each criterion is than the worst (1–9), in criteria order; 1 for the worst itself.',
    model: 'BWM: non-linear (Rezaei 2015, the default) or linear (Rezaei 2016).',
  },
};

const TITLES: Record<SchemaKind, string> = { rubric: 'vendorscore rubric', evaluation: 'vendorscore evaluation', consensus: 'vendorscore consensus', judgments: 'vendorscore judgments' };
const SCHEMAS = { rubric: rubricSchema, evaluation: evaluationSchema, consensus: consensusSchema, judgments: judgmentsShape } as const;

/**
 * JSON Schema (draft 2020-12) for a rubric or evaluation file, generated from the zod schemas on
 * the input side, so keys with defaults are optional, as they are in the YAML a person writes.
 */
export function buildJsonSchema(kind: SchemaKind, rubric?: Rubric): JsonSchema {
  const schema = SCHEMAS[kind];
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const { $schema, ...rest } = generated;
  const out: JsonSchema = { $schema, title: TITLES[kind], ...rest };
  annotate(out, '', DESCRIPTIONS[kind]);
  if (kind === 'evaluation' && rubric) forRubric(out, rubric);
  return out;
}

export function renderJsonSchema(kind: SchemaKind, rubric?: Rubric): string {
  // safeJson: a rubric's text (descriptions) may hold characters a terminal would act on.
  return safeJson(buildJsonSchema(kind, rubric)) + '\n';
}

/**
 * Narrows an evaluation schema to one rubric: every question id is a known key (so editors
 * complete it), its hover shows the question and the scoring guidance, and scores are bounded by
 * the scale. Other keys still follow the general answer shape, so a stale schema never rejects
 * a question the rubric gained later; `vendorscore check` is the judge of that.
 */
function forRubric(schema: JsonSchema, rubric: Rubric): void {
  const props = schema.properties as Record<string, JsonSchema>;
  const { min, max, step } = rubric.scale;
  const ref = `${rubric.id}@${rubric.version}`;
  props.rubric = { ...props.rubric, examples: [ref], description: `${props.rubric!.description as string} This schema was made for ${ref}.` };
  const answers = props.answers!;
  const general = answers.additionalProperties as JsonSchema;
  // multipleOf counts from 0, so it only says "on the step" when min is on that grid too; and
  // only for steps validators divide exactly (whole numbers, halves, quarters…).
  const onGrid = Math.abs(min / step - Math.round(min / step)) < 1e-9 && (Number.isInteger(step) || Number.isInteger(1 / step));
  const bounded = { type: 'number', minimum: min, maximum: max, ...(onGrid ? { multipleOf: step } : {}) };
  const labels = rubric.scale.labels;
  const properties: Record<string, JsonSchema> = {};
  for (const area of rubric.areas) {
    for (const q of area.questions) {
      const guidance = Object.entries(q.guidance).map(([k, v]) => `${k}${labels[k] ? ` (${labels[k]})` : ''}: ${v}`);
      const lines = [`${area.name}: ${q.text}`, ...(q.knockout ? [`Knockout: a score below ${q.knockout.below} disqualifies the vendor.`] : []), ...(q.evidence ? ['Evidence expected.'] : []), ...guidance];
      const score = { anyOf: [bounded, { type: 'null' }] };
      const branches = (general.anyOf as JsonSchema[]).map((b) =>
        b.type === 'object' ? { ...b, properties: { ...(b.properties as JsonSchema), score: { ...score, description: `Score ${min}–${max}, or null for unanswered.` } } } : score,
      );
      properties[q.id] = { anyOf: branches, description: lines.join('\n') };
    }
  }
  answers.properties = properties;
}

function annotate(node: unknown, path: string, descriptions: Record<string, string>): void {
  if (typeof node !== 'object' || node === null) return;
  const s = node as JsonSchema;
  const d = descriptions[path];
  if (d !== undefined) s.description = d;
  const join = (seg: string) => (path === '' ? seg : `${path}.${seg}`);
  // Scale-value maps: keys are numbers in YAML.
  if (/(^|\.)(labels|guidance)$/.test(path) && s.propertyNames !== undefined) s.propertyNames = { ...SCALE_KEY };
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as JsonSchema)) annotate(v, join(k), descriptions);
  }
  if (s.items) annotate(s.items, join('*'), descriptions);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') annotate(s.additionalProperties, join('*'), descriptions);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    // Branches describe the same value: annotate them at the same path, without repeating the text.
    if (Array.isArray(s[key])) for (const b of s[key] as unknown[]) annotateBranch(b, path, descriptions);
  }
}

function annotateBranch(node: unknown, path: string, descriptions: Record<string, string>): void {
  if (typeof node !== 'object' || node === null) return;
  const before = (node as JsonSchema).description;
  annotate(node, path, descriptions);
  if (before === undefined) delete (node as JsonSchema).description;
}

/** What an evaluation schema made for a rubric says about it: the questions, the scale and the step, and which rubric. */
interface SchemaFacts {
  rubric?: string | undefined;
  questions: string[];
  min?: number | undefined;
  max?: number | undefined;
  step?: number | undefined;
}

const asObject = (v: unknown): JsonSchema | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonSchema) : undefined);

/** The facts of a schema written by forRubric, read defensively (the file may be old or edited); undefined for the general schema. */
function schemaFacts(schema: unknown): SchemaFacts | undefined {
  const props = asObject(asObject(schema)?.properties);
  const questions = asObject(asObject(props?.answers)?.properties);
  if (!questions) return undefined;
  const examples = asObject(props?.rubric)?.examples;
  const facts: SchemaFacts = { rubric: Array.isArray(examples) && typeof examples[0] === 'string' ? examples[0] : undefined, questions: Object.keys(questions).sort() };
  // Any question's bounded score: every question carries the same bounds.
  const find = (v: unknown): JsonSchema | undefined => {
    const o = asObject(v);
    if (!o) return Array.isArray(v) ? v.map(find).find(Boolean) : undefined;
    if (o.type === 'number' && typeof o.minimum === 'number') return o;
    return find(o.anyOf) ?? find(asObject(o.properties)?.score);
  };
  const bounded = find(Object.values(questions)[0]);
  if (bounded) Object.assign(facts, { min: bounded.minimum, max: bounded.maximum, step: bounded.multipleOf });
  return facts;
}

/**
 * How an evaluation schema written for a rubric (`rubric schema --kind evaluation --rubric`,
 * as init writes it) differs from what the rubric gives today, in a few words each: questions
 * added or removed, another scale or step, another rubric version. Empty when it matches;
 * undefined when the schema is the general one, made for no rubric. Formatting is ignored.
 */
export function evaluationSchemaDrift(existing: unknown, rubric: Rubric): string[] | undefined {
  const was = schemaFacts(existing);
  if (!was) return undefined;
  const now = schemaFacts(buildJsonSchema('evaluation', rubric))!;
  const out: string[] = [];
  const list = (ids: string[]) => (ids.length > 3 ? `${ids.slice(0, 3).map(clip).join(', ')} and ${ids.length - 3} more` : ids.map(clip).join(', '));
  const added = now.questions.filter((q) => !was.questions.includes(q));
  const removed = was.questions.filter((q) => !now.questions.includes(q));
  if (was.rubric !== now.rubric) out.push(`it was made for ${was.rubric === undefined ? 'another rubric' : clip(was.rubric)}, the rubric is ${now.rubric}`);
  if (added.length > 0) out.push(`${added.length === 1 ? 'a question' : `${added.length} questions`} new in the rubric (${list(added)})`);
  if (removed.length > 0) out.push(`${removed.length === 1 ? 'a question' : `${removed.length} questions`} no longer in the rubric (${list(removed)})`);
  if (was.min !== now.min || was.max !== now.max) out.push(`scores ${was.min ?? '?'}–${was.max ?? '?'} where the rubric's scale is ${now.min}–${now.max}`);
  if (was.step !== now.step) out.push(`a step of ${was.step ?? 'none'} where the rubric's is ${now.step ?? rubric.scale.step}`);
  return out;
}
