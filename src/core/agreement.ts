/**
 * How far a panel agrees (docs/arithmetic.md#agreement): Krippendorff's alpha over every
 * (vendor, question) unit, overall and per area; the questions with the largest spread, as the
 * agenda of a consensus meeting; and each evaluator's calibration against the others.
 */
import { alphaWithInterval, coincidences, type AlphaEstimate, type Bootstrap, type Metric } from './krippendorff.js';
import { mean } from './stats.js';
import type { Comparison } from './types.js';

/** One vendor's one question, with the score of each evaluator who gave one (by label). */
export interface Unit {
  vendor: string;
  area: string;
  question: string;
  /** The question's share of the total: its area's share × its share of the area's question weights. */
  importance: number;
  flagged: boolean;
  scores: Record<string, number>;
}

export function unitsOf(c: Comparison): Unit[] {
  const out: Unit[] = [];
  for (const v of c.vendors) {
    for (const a of v.areas) {
      const qw = a.questions.reduce((s, q) => s + q.weight, 0);
      for (const q of a.questions) {
        out.push({ vendor: v.id, area: a.id, question: q.id, importance: qw > 0 ? (a.weight * q.weight) / qw : 0, flagged: q.disagreement, scores: q.scores });
      }
    }
  }
  return out;
}

export interface AlphaGroup {
  /** Units in the group, units with two or more scores, and the scores in those. */
  units: number;
  pairable: number;
  values: number;
  alpha: Record<Metric, AlphaEstimate>;
}

export function alphaGroup(units: readonly Unit[], boot: Bootstrap): AlphaGroup {
  const lists = units.map((u) => Object.values(u.scores));
  const pairable = lists.filter((l) => l.length >= 2);
  return {
    units: units.length,
    pairable: pairable.length,
    values: pairable.reduce((s, l) => s + l.length, 0),
    alpha: alphaWithInterval(coincidences(pairable), boot),
  };
}

export interface AgendaItem {
  vendor: string;
  area: string;
  question: string;
  spread: number;
  importance: number;
  flagged: boolean;
  scores: Record<string, number>;
}

/** Questions scored by two or more whose scores differ: largest spread first, then the heavier question, then by vendor and question id. */
export function agenda(units: readonly Unit[], top: number): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const u of units) {
    const xs = Object.values(u.scores);
    if (xs.length < 2) continue;
    const spread = xs.reduce((m, x) => Math.max(m, x), -Infinity) - xs.reduce((m, x) => Math.min(m, x), Infinity);
    if (spread > 1e-9) items.push({ vendor: u.vendor, area: u.area, question: u.question, spread, importance: u.importance, flagged: u.flagged, scores: u.scores });
  }
  items.sort((a, b) => b.spread - a.spread || b.importance - a.importance || cmp(a.vendor, b.vendor) || cmp(a.question, b.question));
  return items.slice(0, top);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Calibration {
  evaluator: string;
  /** Units the evaluator scored together with at least one other evaluator. */
  units: number;
  /** Mean of (own score − mean of the others' scores) over those units; positive is kinder. */
  offset: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
  /** The interval excludes 0: the offset is larger than the noise. */
  significant: boolean;
}

/**
 * Each evaluator's offsets against the rest of the panel, with a two-sided Student t interval
 * of their mean (`tQuantile(p, dof)` supplied by the caller, so the arithmetic stays plain).
 */
export function calibration(units: readonly Unit[], confidence: number, tQuantile: (p: number, dof: number) => number): Calibration[] {
  const diffs = new Map<string, number[]>();
  for (const u of units) {
    const entries = Object.entries(u.scores);
    if (entries.length < 2) continue;
    const sum = entries.reduce((s, [, x]) => s + x, 0);
    for (const [who, x] of entries) {
      const others = (sum - x) / (entries.length - 1);
      let list = diffs.get(who);
      if (!list) diffs.set(who, (list = []));
      list.push(x - others);
    }
  }
  const out: Calibration[] = [];
  for (const [evaluator, d] of diffs) {
    const offset = mean(d);
    const n = d.length;
    if (n < 2) {
      out.push({ evaluator, units: n, offset, sd: null, low: null, high: null, significant: false });
      continue;
    }
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - offset) ** 2, 0) / (n - 1));
    const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
    const low = offset - half;
    const high = offset + half;
    out.push({ evaluator, units: n, offset, sd, low, high, significant: low > 1e-12 || high < -1e-12 });
  }
  return out.sort((a, b) => Math.abs(b.offset ?? 0) - Math.abs(a.offset ?? 0) || cmp(a.evaluator, b.evaluator));
}

export interface AgreementOptions extends Bootstrap {
  top: number;
}

export interface Agreement {
  bootstrap: Bootstrap;
  overall: AlphaGroup;
  areas: Array<AlphaGroup & { id: string; name: string }>;
  agenda: AgendaItem[];
  calibration: Calibration[];
}

/** Agreement of the vendors in `c` (all of them, or one for `score`). */
export function analyzeAgreement(c: Comparison, opts: AgreementOptions, tQuantile: (p: number, dof: number) => number): Agreement {
  const units = unitsOf(c);
  const boot = { samples: opts.samples, seed: opts.seed, confidence: opts.confidence };
  return {
    bootstrap: boot,
    overall: alphaGroup(units, boot),
    areas: c.rubric.areas.map((a) => ({ id: a.id, name: a.name, ...alphaGroup(units.filter((u) => u.area === a.id), boot) })),
    agenda: agenda(units, opts.top),
    calibration: calibration(units, opts.confidence, tQuantile),
  };
}
