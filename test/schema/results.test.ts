import { describe, expect, it } from 'vitest';
import { parseResults } from '../../src/schema/results.js';

const PREFIX = 'is not a results file written by `vendorscore compare --format json`: ';

/** A small valid results file; `edit` breaks one thing in it. */
function file(edit: (r: any) => void = () => {}): unknown {
  const r = {
    rubric: { id: 'mini', version: 1, scale: { min: 0, max: 5 } },
    options: { aggregate: 'mean', missing: 'min' },
    vendors: [
      {
        id: 'acme',
        name: 'Acme',
        rank: 1,
        total: 80,
        status: 'qualified',
        complete: true,
        evaluators: ['Ann', 'Bob'],
        areas: [{ id: 'sec', weight: 1, score: 4, normalized: 80, questions: [{ id: 'log', score: 4, scores: { Ann: 4, Bob: 4 }, disagreement: false }] }],
        knockouts: [],
        flags: [],
      },
    ],
  };
  edit(r);
  return JSON.parse(JSON.stringify(r, (_, v) => (v === Infinity ? '__inf__' : v)).replace(/"__inf__"/g, '1e999'));
}
const error = (edit: (r: any) => void) => parseResults(file(edit)).error;

describe('results files: impossible numbers are refused, naming the key', () => {
  it('a file compare could have written passes, float noise at the top of the range too', () => {
    expect(parseResults(file()).error).toBeUndefined();
    expect(parseResults(file((r) => (r.vendors[0].total = 100.00000000000001))).error).toBeUndefined();
  });

  it.each([
    ['a total of 1e308', (r: any) => (r.vendors[0].total = 1e308), 'vendors.0.total must be a total from 0 to 100, not 1e+308'],
    ['a negative total', (r: any) => (r.vendors[0].total = -3), 'vendors.0.total must be a total from 0 to 100, not -3'],
    ['a total above 100', (r: any) => (r.vendors[0].total = 100.5), 'vendors.0.total must be a total from 0 to 100, not 100.5'],
    ['NaN as a string', (r: any) => (r.vendors[0].total = 'NaN'), 'vendors.0.total must be a number, not the string "NaN"'],
    ['1e999, which JSON reads as infinity', (r: any) => (r.vendors[0].total = Infinity), 'vendors.0.total must be a finite number, not Infinity'],
    ['a scale whose minimum equals its maximum', (r: any) => (r.rubric.scale = { min: 5, max: 5 }), 'rubric.scale.max must be greater than rubric.scale.min (5), not 5'],
    ['a scale whose minimum is above its maximum', (r: any) => (r.rubric.scale = { min: 5, max: 1 }), 'rubric.scale.max must be greater than rubric.scale.min (5), not 1'],
    ['a question score off the scale', (r: any) => (r.vendors[0].areas[0].questions[0].score = 7), 'vendors.0.areas.0.questions.0.score must be on the scale 0–5, not 7'],
    ['one evaluator score off the scale', (r: any) => (r.vendors[0].areas[0].questions[0].scores['Bob Lee'] = -1e308), 'vendors.0.areas.0.questions.0.scores."Bob Lee" must be on the scale 0–5, not -1e+308'],
    ['an area score off the scale', (r: any) => (r.vendors[0].areas[0].score = 50), 'vendors.0.areas.0.score must be on the scale 0–5, not 50'],
    ['an area share above 1', (r: any) => (r.vendors[0].areas[0].weight = 2), 'vendors.0.areas.0.weight must be a share from 0 to 1, not 2'],
    ['a normalised score above 100', (r: any) => (r.vendors[0].areas[0].normalized = 1000), 'vendors.0.areas.0.normalized must be from 0 to 100, not 1000'],
    ['a question weight of 0', (r: any) => (r.vendors[0].areas[0].questions[0].weight = 0), 'vendors.0.areas.0.questions.0.weight must be greater than 0, not 0'],
    ['a question weight of 1e12', (r: any) => (r.vendors[0].areas[0].questions[0].weight = 1e12), 'vendors.0.areas.0.questions.0.weight must be at most 1000000000 (weights are relative, so scale them all down), not 1000000000000'],
    ['rank 0', (r: any) => (r.vendors[0].rank = 0), 'vendors.0.rank must be 1 or more, not 0'],
    ['rank 1.5', (r: any) => (r.vendors[0].rank = 1.5), 'vendors.0.rank must be a whole number, not 1.5'],
    ['a qualified vendor without a rank', (r: any) => (r.vendors[0].rank = null), 'vendors.0.rank is null, but only a disqualified vendor has no rank'],
    ['a disqualified vendor with a rank', (r: any) => (r.vendors[0].status = 'disqualified'), 'vendors.0.rank must be null for a disqualified vendor, not 1'],
    ['an unknown status', (r: any) => (r.vendors[0].status = 'maybe'), 'vendors.0.status must be one of "qualified", "disqualified", "below-min-quality", "no-quote", not the string "maybe"'],
    ['the same vendor twice', (r: any) => r.vendors.push({ ...r.vendors[0], rank: 2 }), 'vendors.1.id repeats the vendor id "acme"'],
    ['the same evaluator twice', (r: any) => r.vendors[0].evaluators.push('Ann'), 'vendors.0.evaluators lists an evaluator twice'],
    ['the same question twice', (r: any) => r.vendors[0].areas.push({ id: 'own', weight: 0, questions: r.vendors[0].areas[0].questions }), 'vendors.0.areas.1.questions.0.id repeats the question id "log"'],
  ])('%s', (_, edit, message) => {
    expect(error(edit)).toBe(PREFIX + message);
  });
});
