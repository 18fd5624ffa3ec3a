/** Plain data the arithmetic works on. Built by the loader from validated files. */

export type Aggregate = 'mean' | 'median';
export type MissingPolicy = 'min' | 'ignore';

export interface Knockout {
  below: number;
  reason?: string | undefined;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
  labels: Record<string, string>;
}

export interface Question {
  id: string;
  text: string;
  weight: number;
  guidance: Record<string, string>;
  knockout?: Knockout | undefined;
  evidence?: boolean | undefined;
}

export interface Area {
  id: string;
  name: string;
  /** A column heading for narrow tables (at most 12 characters). */
  short?: string | undefined;
  weight: number;
  description?: string | undefined;
  knockout?: Knockout | undefined;
  questions: Question[];
}

export interface PanelRole {
  role: string;
  name?: string | undefined;
  areas: string[];
}

export interface Rubric {
  id: string;
  version: number | string;
  title: string;
  description?: string | undefined;
  scale: Scale;
  missing: MissingPolicy;
  aggregate: Aggregate;
  /** Spread (max − min, in scale points) at which a question is flagged. */
  disagreement: number;
  areas: Area[];
  /** The panel's roles and the areas each scores (docs/files.md#panel-roles-and-declarations). */
  panel?: PanelRole[] | undefined;
  /** A vendor with fewer evaluators is incomplete. */
  minEvaluators?: number | undefined;
  /** `check`: an evaluation without a conflict-of-interest declaration is an error. */
  requireDeclaration?: boolean | undefined;
  /** Where it was read from (./rubric.yaml), when it is not the bundled rubric: named in notes and messages. */
  file?: string | undefined;
}

export interface Answer {
  score: number | null;
  notes?: string | undefined;
  evidence: string[];
}

export interface Evaluation {
  file: string;
  vendor: { id: string; name: string };
  rubric: string;
  evaluator: string;
  /** Who the evaluator is (`evaluator-id`, or the name's key; see identity.ts). Absent: the name's key. */
  evaluatorId?: string | undefined;
  date?: string | undefined;
  /** The evaluator's panel role. */
  role?: string | undefined;
  /** `conflict-of-interest:` as written: none, or the declaration. */
  conflictOfInterest?: string | undefined;
  answers: Record<string, Answer>;
}

export interface ScoreOptions {
  aggregate: Aggregate;
  missing: MissingPolicy;
  /** Overrides of area or question weights, by id. */
  weights: Record<string, number>;
  /** `--normalise z`: each evaluator's scores moved to the panel's mean and spread before aggregating. */
  normalise?: 'z' | undefined;
}

export interface EvaluatorAnswer extends Answer {
  evaluator: string;
  file: string;
}

export interface QuestionResult {
  id: string;
  text: string;
  weight: number;
  score: number | null;
  scores: Record<string, number>;
  spread: number | null;
  disagreement: boolean;
  answers: EvaluatorAnswer[];
}

export interface AreaResult {
  id: string;
  name: string;
  /** Normalised: this area's share of the sum of all area weights. */
  weight: number;
  score: number | null;
  normalized: number | null;
  questions: QuestionResult[];
}

export interface KnockoutHit {
  rule: 'area' | 'question';
  area: string;
  question?: string;
  score: number;
  below: number;
  reason: string;
}

export interface Flag {
  code: 'disagreement' | 'incomplete' | 'single-evaluator' | 'knockout-unanswered' | 'few-evaluators';
  message: string;
  area?: string;
  question?: string;
}

export type Status = 'qualified' | 'disqualified';

export interface VendorResult {
  id: string;
  name: string;
  rank: number | null;
  total: number;
  status: Status;
  complete: boolean;
  evaluators: string[];
  areas: AreaResult[];
  knockouts: KnockoutHit[];
  flags: Flag[];
  /** Questions nobody answered, by id. */
  unanswered: string[];
  /** Each evaluator's panel role and conflict-of-interest declaration, in the order of `evaluators`. */
  declarations?: Declaration[] | undefined;
}

export interface Declaration {
  evaluator: string;
  role: string | null;
  /** `none`, the declaration's text, or null when the evaluation has none. */
  conflictOfInterest: string | null;
}

export interface Comparison {
  rubric: Rubric;
  options: ScoreOptions;
  vendors: VendorResult[];
}
