/**
 * Who changed which score when (docs/commands.md#history): each version of a file read as
 * scores by question, and two versions compared. Versions are read leniently, since an old
 * commit may hold a file that no longer validates; what cannot be read has no scores.
 */
import { slugify } from './slug.js';

export interface ScoreSheet {
  vendor: string;
  /** The evaluator named in the file, or `consensus` for a file of agreed scores. */
  evaluator: string;
  scores: Map<string, number | null>;
}

const record = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function scoreIn(v: unknown): number | null | undefined {
  if (v === null || typeof v === 'number') return v;
  const r = record(v);
  if (!r) return undefined;
  if ('score' in r) return typeof r.score === 'number' || r.score === null ? r.score : undefined;
  return scoreIn(r.agreed);
}

function vendorIn(data: Record<string, unknown>, fallback: string): string {
  const v = data.vendor;
  if (typeof v === 'string') return v;
  const r = record(v);
  if (typeof r?.id === 'string') return r.id;
  if (typeof r?.name === 'string') return slugify(r.name) || fallback;
  return fallback;
}

/** An evaluation's answers, or a consensus file's agreed scores (under answers, questions or agreed). */
export function readSheet(data: unknown, fallbackVendor: string, consensus: boolean): ScoreSheet | undefined {
  const d = record(data);
  if (!d) return undefined;
  const scores = new Map<string, number | null>();
  for (const key of ['answers', 'questions', 'agreed']) {
    const m = record(d[key]);
    if (!m) continue;
    for (const [qid, v] of Object.entries(m)) {
      const s = scoreIn(v);
      if (s !== undefined) scores.set(qid, s);
    }
  }
  const evaluator = consensus ? 'consensus' : typeof d.evaluator === 'string' ? d.evaluator : '';
  return { vendor: vendorIn(d, fallbackVendor), evaluator, scores };
}

export interface ScoreChange {
  vendor: string;
  evaluator: string;
  question: string;
  from: number | null;
  to: number | null;
}

/** Every question whose score differs between two versions (null: no score), in the newer file's order, then the removed ones. */
export function scoreChanges(before: ScoreSheet | undefined, after: ScoreSheet | undefined): ScoreChange[] {
  const who = after ?? before;
  if (!who) return [];
  const old = before?.scores ?? new Map<string, number | null>();
  const now = after?.scores ?? new Map<string, number | null>();
  const out: ScoreChange[] = [];
  for (const q of new Set([...now.keys(), ...old.keys()])) {
    const from = old.get(q) ?? null;
    const to = now.get(q) ?? null;
    if (from !== to) out.push({ vendor: who.vendor, evaluator: who.evaluator, question: q, from, to });
  }
  return out;
}
