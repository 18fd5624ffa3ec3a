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

export type PriceFormula = 'ratio' | 'linear' | 'range';

/** The rubric's `price:` section (docs/files.md#price). */
export interface PriceRule {
  /** Percent of the total (0–100). */
  weight: number;
  formula: PriceFormula;
  currency: string;
  minQuality: number;
  horizonYears: number;
  range?: { best: number; worst: number } | undefined;
}

export interface QuoteLine {
  item: string;
  amount: number;
  per?: 'year' | undefined;
}

/** One vendor's quote file (docs/files.md#quote). */
export interface Quote {
  file: string;
  vendor: { id: string; name: string };
  currency: string;
  validUntil?: string | undefined;
  lines: QuoteLine[];
  notes?: string | undefined;
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
  /** Price as a criterion of its own; absent: nothing is priced. */
  price?: PriceRule | undefined;
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
  /** Flagged for follow-up: a short note of what to ask again (docs/files.md#evaluation). */
  flag?: string | undefined;
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

/**
 * The consensus meeting's outcome for one question (docs/files.md#consensus): an agreed score
 * that replaces the evaluators' aggregate, or (score null) the aggregate kept; with the reason.
 */
export interface Agreement {
  score: number | null;
  reason: string;
  by: string[];
  date: string;
}

/** One vendor's consensus file: agreements by question id. */
export interface Consensus {
  file: string;
  vendor: string;
  agreed: Record<string, Agreement>;
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
  /** The score counted: the agreed score when there is one, else the evaluators' aggregate. */
  score: number | null;
  scores: Record<string, number>;
  /** The evaluators' aggregate (mean or median), whatever was agreed. */
  aggregated: number | null;
  /** The consensus meeting's outcome, when it recorded one for this question. */
  agreed?: Agreement | undefined;
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

/**
 * qualified: ranked. disqualified: a knockout. below-min-quality: its quality is under the
 * price section's min-quality, so its price is not opened. no-quote: priced rubric, no quote.
 */
export type Status = 'qualified' | 'disqualified' | 'below-min-quality' | 'no-quote';

/** A vendor's price as reports show it; score null outside the reference set (docs/arithmetic.md#price). */
export interface VendorPrice {
  cost: number;
  currency: string;
  score: number | null;
}

export interface VendorResult {
  id: string;
  name: string;
  rank: number | null;
  total: number;
  /** The areas' total (0–100); the total itself when nothing is priced. */
  quality: number;
  /** null: not priced (no price section, no quote, or below min-quality, whose price is never opened). */
  price: VendorPrice | null;
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
  /** The vendor's row of the decision matrix (see Criterion). */
  cells: Array<number | null>;
}

/**
 * One column of the decision matrix. Areas carry their raw weight (overrides applied; the areas'
 * weights are shares of one another); price carries its percent of the total.
 */
export interface Criterion {
  kind: 'area' | 'price';
  id: string;
  name: string;
  weight: number;
}

/** The methods that turn a decision matrix into totals (method.ts). */
export type MethodId = 'weighted-sum' | 'topsis';

/** A vendor as the aggregate step leaves it: everything but the method's total and the rank. */
export interface MatrixRow extends Omit<VendorResult, 'rank' | 'total' | 'quality' | 'price' | 'cells'> {
  /** One value per criterion, in the matrix's criterion order: 0–100, null where unscored. */
  cells: Array<number | null>;
}

/** Vendors × criteria, with knockouts and completeness: what every method, probe and report reads. */
export interface DecisionMatrix {
  rubric: Rubric;
  options: ScoreOptions;
  criteria: Criterion[];
  rows: MatrixRow[];
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
  /** The matrix's columns and the method that scored it; vendors are its rows, totalled and ranked. */
  criteria: Criterion[];
  method: MethodId;
  vendors: VendorResult[];
  /** The price rule applied, with the lowest cost of the reference set; null when nothing is priced. */
  price: (PriceRule & { lowestCost: number | null }) | null;
}
