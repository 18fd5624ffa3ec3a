/**
 * In-process fuzzing of the loader and every renderer: thousands of seeded mutants of valid
 * files, each of which must end in a value or in located problems, never an exception; and
 * whatever loads must render in every format without a dangerous character.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columns } from '../helpers/columns.js';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import type { Evaluation } from '../../src/core/types.js';
import { defaultRubricPath, evaluationFromSource, loadRubric, loadSource, looksLikeRubric, rubricFromSource } from '../../src/io/load.js';
import { isYamlSyntaxSentence } from '../../src/io/yaml-messages.js';
import { parseYaml } from '../../src/io/yaml.js';
import { renderHtml } from '../../src/report/html.js';
import { comparisonRenderer, RENDERED_FORMATS } from '../../src/report/render.js';
import { lines } from '../../src/cli/output.js';
import { renderTable } from '../../src/report/table.js';
import { renderVendorCsv, renderVendorJson, renderVendorMarkdown, renderVendorText } from '../../src/report/vendor.js';
import { corpus, mutate, rng, SEED } from './mutate.js';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);
const ON_DISK = 300;
const CONFLICT = /^(?:<{7}|={7}|>{7})/m;
const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;

const rubric = loadRubric(defaultRubricPath()).rubric!;
const seeds = corpus();
const examples: Evaluation[] = seeds
  .filter((s) => s.kind === 'evaluation' && !s.name.startsWith('hostile') && !s.name.startsWith('formula'))
  .map((s) => evaluationFromSource(parseYaml(s.name, s.bytes.toString('utf8')).source!, rubric).evaluation)
  .filter((e): e is Evaluation => e !== undefined);
const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Strict UTF-8, as readTextFile decodes. */
function decode(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const FIT_WIDTHS = [40, 60, 80, 120];
const renderers = await Promise.all(RENDERED_FORMATS.map((f) => comparisonRenderer(f)));

function renderAll(evaluations: Evaluation[]): void {
  for (const missing of ['min', 'ignore'] as const) {
    const c = compareVendors(rubric, evaluations, { ...defaultOptions(rubric), missing });
    const outputs = [...renderers.map((r) => [...lines(r(c, { color: false }, undefined, undefined))].join('')), renderHtml(c)];
    for (const v of c.vendors) {
      outputs.push(renderVendorText(c, v, { color: false }), renderVendorMarkdown(c, v), renderVendorJson(c, v), renderVendorCsv(c, v));
    }
    // On a terminal of any width, no line of the table or of `score` is wider than it.
    const width = FIT_WIDTHS[(evaluations.length + c.vendors.length) % FIT_WIDTHS.length]!;
    const fitted = [renderTable(c, { color: false, width }), ...c.vendors.map((v) => renderVendorText(c, v, { color: false, width }))];
    for (const line of fitted.join('').split('\n')) if (columns(line) > width) throw new Error(`a ${columns(line)}-column line at width ${width}: ${JSON.stringify(line)}`);
    for (const out of outputs) {
      const m = DANGEROUS.exec(out.replace(/\r\n/g, '\n'));
      if (m) throw new Error(`dangerous U+${m[0].codePointAt(0)!.toString(16)} in output: ${JSON.stringify(out.slice(Math.max(0, m.index - 40), m.index + 10))}`);
    }
  }
}

describe(`loader fuzz (seed ${SEED}, ${MUTANTS} mutants)`, () => {
  it('every mutant loads or fails with located, printable problems; what loads renders safely', () => {
    const next = rng(SEED);
    const tally = { loaded: 0, rubric: 0, problems: 0, encoding: 0 };
    for (let n = 0; n < MUTANTS; n++) {
      const seed = seeds[Math.floor(next() * seeds.length)]!;
      const bytes = mutate(seed.bytes, next);
      const file = `mutant-${n}.yaml`;
      try {
        let result: ReturnType<typeof parseYaml>;
        if (n % Math.ceil(MUTANTS / ON_DISK) === 0 || bytes.includes(0) || CONFLICT.test(bytes.toString('latin1'))) {
          // Some go through the real file reader (size limit, strict UTF-8, BOM), and every one it has words for (UTF-16/32, binary, merge conflicts).
          const p = path.join(dir, file);
          writeFileSync(p, bytes);
          result = loadSource(p);
        } else {
          const text = decode(bytes);
          if (text === undefined) {
            tally.encoding++;
            continue;
          }
          result = parseYaml(file, text);
        }
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.message).not.toMatch(DANGEROUS);
          expect(p.message.length).toBeGreaterThan(0);
          // The parser's own words only when they quote nothing; no key or value quoted past 80 characters.
          if (p.code === 'yaml-syntax') expect(isYamlSyntaxSentence(p.message), p.message).toBe(true);
          expect(p.message).not.toMatch(/\S{200}/);
        }
        if (!result.source) {
          expect(result.problems.length).toBeGreaterThan(0);
          tally.problems++;
          continue;
        }
        if (looksLikeRubric(result.source)) {
          const r = rubricFromSource(result.source);
          if (r.rubric) {
            tally.rubric++;
            const c = compareVendors(r.rubric, [], defaultOptions(r.rubric));
            renderers[0]!(c, { color: false }, undefined, undefined);
          } else tally.problems++;
          continue;
        }
        const { evaluation, problems } = evaluationFromSource(result.source, rubric);
        for (const p of problems) {
          expect(p.message).not.toMatch(DANGEROUS);
          expect(p.message).not.toMatch(/\S{200}/);
        }
        if (!evaluation) {
          tally.problems++;
          continue;
        }
        tally.loaded++;
        renderAll([evaluation, ...examples.filter((e) => e.vendor.id !== evaluation.vendor.id || e.evaluator !== evaluation.evaluator)]);
      } catch (e) {
        const keep = path.join(tmpdir(), `vendorscore-fuzz-failure-${SEED}-${n}.yaml`);
        writeFileSync(keep, bytes);
        throw new Error(`mutant ${n} of seed ${SEED} (from ${seed.name}, saved as ${keep}): ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
    // The mutants must exercise every path, not only the error path.
    expect(tally.loaded).toBeGreaterThan(MUTANTS / 40);
    expect(tally.problems).toBeGreaterThan(MUTANTS / 4);
    expect(tally.encoding).toBeGreaterThan(0);
    console.log(`fuzz seed ${SEED}: ${JSON.stringify(tally)}`);
  });
});
