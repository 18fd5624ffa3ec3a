// Big synthetic inputs for the scaling checks: `npm run bench` and the e2e tests that prove the
// commands stay proportional to their input. Plain JavaScript so that both can load it; seeded,
// so the same call writes the same files. Totals are computed here by the arithmetic of docs/arithmetic.md
// (mean, unanswered counts as the minimum, equal weights, scale 0–5), independently of src/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Scores 0–5 from a linear congruential generator: reproducible, cheap, good enough. */
function scores(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 16) % 6;
  };
}

/** Question ids q0, q1, … dealt into `areas` areas in order. */
function layout(areas, questions) {
  const ids = Array.from({ length: questions }, (_, i) => `q${i}`);
  const per = Math.ceil(questions / areas);
  return Array.from({ length: Math.ceil(questions / per) }, (_, a) => ids.slice(a * per, (a + 1) * per));
}

/** Total 0–100 from each area's question scores (0–5), equal weights. */
function total(byArea) {
  return byArea.reduce((s, qs) => s + (100 * qs.reduce((x, q) => x + q, 0)) / qs.length / 5, 0) / byArea.length;
}

/** rubric.yaml text: id big@1, `areas` areas, `questions` questions in all, scale 0–5. */
export function bigRubric(areas, questions) {
  let text = 'id: big\nversion: 1\ntitle: Big rubric\nscale: {min: 0, max: 5}\nareas:\n';
  layout(areas, questions).forEach((qs, a) => {
    text += `  - id: area-${a}\n    name: Area ${a}\n    weight: 1\n    questions:\n`;
    for (const q of qs) text += `      - {id: ${q}, text: Question ${q}}\n`;
  });
  return text;
}

/**
 * A workspace folder: rubric.yaml and one evaluation file per evaluator per vendor, every
 * question answered; the same evaluators score every vendor unless `ownEvaluators`. Returns each
 * vendor's total, to check the CLI against.
 */
export function writeWorkspace(dir, { vendors = 1, evaluators, areas = 7, questions = 28, ownEvaluators = false, seed = 1 }) {
  const byArea = layout(areas, questions);
  const ids = byArea.flat();
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'rubric.yaml'), bigRubric(areas, questions));
  const next = scores(seed);
  const totals = new Map();
  for (let v = 0; v < vendors; v++) {
    const folder = path.join(dir, 'evaluations', `vendor-${v}`);
    mkdirSync(folder, { recursive: true });
    const sums = new Map(ids.map((id) => [id, 0]));
    for (let e = 0; e < evaluators; e++) {
      const answers = ids.map((id) => {
        const x = next();
        sums.set(id, sums.get(id) + x);
        return `  ${id}: ${x}`;
      });
      const who = `Evaluator ${ownEvaluators ? `${v}.` : ''}${e}`;
      writeFileSync(path.join(folder, `e${e}.yaml`), `vendor: {id: vendor-${v}, name: Vendor ${v}}\nrubric: big@1\nevaluator: ${who}\nanswers:\n${answers.join('\n')}\n`);
    }
    totals.set(`vendor-${v}`, total(byArea.map((qs) => qs.map((id) => sums.get(id) / evaluators))));
  }
  return totals;
}

/**
 * Two results files as `compare --format json` writes them, for `diff` and `--baseline`. From
 * the first to the second, per vendor: every 8th evaluator leaves, as many new ones join, and
 * every 3rd remaining evaluator changes one answer.
 */
export function resultsPair({ vendors = 1, evaluators, areas = 2, questions = 4, seed = 1 }) {
  const byArea = layout(areas, questions);
  const ids = byArea.flat();
  const next = scores(seed);
  const before = [];
  const after = [];
  for (let v = 0; v < vendors; v++) {
    const old = new Map();
    for (let e = 0; e < evaluators; e++) old.set(`e${e}`, ids.map(() => next()));
    const now = new Map();
    let k = 0;
    for (const [name, s] of old) {
      k++;
      if (k % 8 === 0) continue;
      now.set(name, k % 3 === 0 ? s.map((x, i) => (i === k % s.length ? (x + 1) % 6 : x)) : s);
    }
    for (let e = 0; e < Math.floor(evaluators / 8); e++) now.set(`n${e}`, ids.map(() => next()));
    before.push(vendorResult(v, old, byArea));
    after.push(vendorResult(v, now, byArea));
  }
  return { before: results(before), after: results(after) };
}

function vendorResult(v, byEvaluator, byArea) {
  let i = 0;
  const areas = byArea.map((qs, a) => {
    const questions = qs.map((id) => {
      const at = i++;
      const map = {};
      let sum = 0;
      for (const [name, s] of byEvaluator) sum += map[name] = s[at];
      return { id, score: byEvaluator.size ? sum / byEvaluator.size : null, scores: map, disagreement: false };
    });
    const score = questions.reduce((s, q) => s + (q.score ?? 0), 0) / questions.length;
    return { id: `area-${a}`, weight: 1 / byArea.length, score, normalized: (100 * score) / 5, questions };
  });
  const t = total(areas.map((a) => a.questions.map((q) => q.score ?? 0)));
  return { id: `vendor-${v}`, name: `Vendor ${v}`, rank: null, total: t, status: 'qualified', complete: true, evaluators: [...byEvaluator.keys()], areas, knockouts: [], flags: [] };
}

/** Ranks 1, 1, 3 by total, as compare does (all qualified here). */
function results(vendors) {
  const ranked = [...vendors].sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
  ranked.forEach((v, i) => {
    v.rank = i > 0 && Math.abs(ranked[i - 1].total - v.total) <= 1e-9 ? ranked[i - 1].rank : i + 1;
  });
  return { rubric: { id: 'big', version: 1, scale: { min: 0, max: 5 } }, options: { aggregate: 'mean', missing: 'min' }, vendors: ranked };
}

const WORDS = ('the vendor showed a working pipeline for invoice exceptions and named who owns each step; references were positive about ' +
  'delivery speed but one mentioned slow hand-over of documentation after launch, retention of prompts is ninety days by default ' +
  'with shorter on request, evaluation sets exist for the extraction model and are rerun on every release, pricing is fixed per ' +
  'phase with a change budget').split(' ');

/** Seeded prose of about `chars` characters, with the punctuation people type (no `: ` or ` #`, which stay plain YAML). */
function prose(next, chars) {
  let s = '';
  while (s.length < chars) s += (s ? ' ' : '') + WORDS[next() % WORDS.length];
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/**
 * An evaluation workspace the size a large buyer keeps: `vendors` × `evaluators` files against
 * the bundled rubric's 28 questions (ids from rubrics/ai-vendor.yaml), every answer with notes
 * (one in four written as a folded block, one in eight quoted) and one in three with evidence.
 * About 8.6 kB a file: 5,000 files are some 43 MB. Seeded: the same call writes the same bytes.
 */
export function writeNotedWorkspace(dir, { vendors, evaluators = 5, questionIds, seed = 7, notes = 235 }) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8;
  let bytes = 0;
  for (let v = 0; v < vendors; v++) {
    const folder = path.join(dir, `vendor-${v}`);
    mkdirSync(folder, { recursive: true });
    for (let e = 0; e < evaluators; e++) {
      let text = `vendor:\n  id: vendor-${v}\n  name: Vendor ${v}\nrubric: ai-vendor@1\nevaluator: Evaluator ${e}\ndate: 2026-11-${String(10 + (v % 19)).padStart(2, '0')}\nanswers:\n`;
      for (const id of questionIds) {
        const note = prose(next, notes - 60 + (next() % 120));
        const style = next() % 8;
        text += `  ${id}:\n    score: ${next() % 6}\n`;
        const cut = note.indexOf(' ', note.length >> 1);
        if (style < 2) text += `    notes: >-\n      ${note.slice(0, cut)}\n      ${note.slice(cut + 1)}\n`;
        else if (style === 2) text += `    notes: "${note.replaceAll('"', '\\"')}"\n`;
        else text += `    notes: ${note}\n`;
        if (next() % 3 === 0) text += `    evidence: [${id}-minutes.md, call-${v}-${e}.pdf]\n`;
      }
      writeFileSync(path.join(folder, `evaluator-${e}.yaml`), text);
      bytes += text.length;
    }
  }
  return bytes;
}
