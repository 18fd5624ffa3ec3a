// keepNotes: false (compare, shortlist, check): a valid evaluation's notes are not kept, and
// nothing else changes — the same evaluations but for the notes, the same problems with the
// same positions, the same comparison, on the fast path and the full one.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import { defaultRubricPath, evaluationFromSource, loadRubric, loadWorkspace, parseSource } from '../../src/io/load.js';
import { positionOf } from '../../src/io/yaml.js';
import { renderJson } from '../../src/report/json.js';
import { UserError } from '../../src/errors.js';
import { ROOT } from '../helpers/cli.js';

const rubric = loadRubric(defaultRubricPath()).rubric!;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

/** The evaluation with every answer's notes taken out, as keepNotes: false should give it. */
function noNotes<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'notes' ? undefined : v))) as T);
}

afterEach(() => {
  delete process.env.VENDORSCORE_SLOW_PATH;
});

describe('keepNotes: false', () => {
  for (const slow of [false, true]) {
    it(`gives the same workspace but for the notes, and the same comparison (${slow ? 'full' : 'fast'} path)`, () => {
      if (slow) process.env.VENDORSCORE_SLOW_PATH = '1';
      const paths = [path.join(ROOT, 'examples', 'evaluations')];
      const kept = loadWorkspace({ paths }).workspace!;
      const dropped = loadWorkspace({ paths, keepNotes: false }).workspace!;
      expect(kept.evaluations.some((e) => Object.values(e.answers).some((a) => typeof a.notes === 'string'))).toBe(true);
      for (const e of dropped.evaluations) for (const a of Object.values(e.answers)) expect(a.notes).toBeUndefined();
      expect(noNotes(dropped)).toStrictEqual(noNotes(kept));
      const compare = (ws: typeof kept) => renderJson(compareVendors(ws.rubric, ws.evaluations, defaultOptions(ws.rubric), { consensus: ws.consensus }));
      expect(compare(dropped)).toBe(compare(kept));
    });
  }

  it('keeps the problems and their positions of every file in the catalogue and the examples', () => {
    let files = 0;
    for (const f of [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))]) {
      const text = readFileSync(f, 'utf8');
      const name = path.relative(ROOT, f);
      const kept = parseSource(name, text);
      const dropped = parseSource(name, text, undefined, false);
      expect(dropped.problems, name).toStrictEqual(kept.problems);
      if (!kept.source || !dropped.source) continue;
      files++;
      const a = evaluationFromSource(kept.source, rubric);
      const b = evaluationFromSource(dropped.source, rubric);
      expect(b.problems, name).toStrictEqual(a.problems);
      expect(noNotes(b.evaluation), name).toStrictEqual(noNotes(a.evaluation));
      expect(positionOf(dropped.source, ['answers'])).toStrictEqual(positionOf(kept.source, ['answers']));
    }
    expect(files).toBeGreaterThan(50);
  });

  it("keeps a file's notes when it fails the schema, so its messages can quote them", () => {
    const text = 'vendor: {name: Acme}\nrubric: ai-vendor@1\nevaluator: Dana\nanswers:\n  restate-problem:\n    score: 3\n    notes: fine\n    colour: red\n';
    const { source } = parseSource('x.yaml', text, undefined, false);
    expect((source!.data as { answers: Record<string, { notes?: string }> }).answers['restate-problem']!.notes).toBe('fine');
  });

  it('still refuses a file whose scores changed before a problem in it was located, and takes one whose notes did', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-notes-'));
    const file = path.join(dir, 'e.yaml');
    const head = 'vendor: {name: Acme}\nrubric: ai-vendor@1\nevaluator: Dana\nanswers:\n  no-such-question:\n    score: 3\n    notes: ';
    writeFileSync(file, `${head}first\n`);
    const take = () => loadWorkspace({ paths: [dir], keepNotes: false }).problems;
    const read = (text: string) => parseSource(file, `${head}first\n`, () => text, false).source!;
    expect(positionOf(read(`${head}second thoughts\n`), ['answers', 'no-such-question'], true)).toStrictEqual({ line: 5, col: 3 });
    expect(() => positionOf(read(head.replace('score: 3', 'score: 4') + 'first\n'), ['answers', 'no-such-question'], true)).toThrow(UserError);
    expect(take().map((p) => p.code)).toContain('unknown-question');
  });
});
