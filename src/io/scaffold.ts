/** The files of a new workspace, as `vendorscore init` writes them, read from the package's templates/ and examples/. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rubric } from '../core/types.js';
import { renderJsonSchema } from '../schema/json-schema.js';
import { rubricRef } from './load.js';
import { packagePath } from './package-files.js';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface ScaffoldFile {
  file: string;
  text: string;
  what: string;
}

export const EXAMPLE_WHAT = 'a bundled example evaluation';
export const MODELINE = /^# yaml-language-server: \$schema=\S+\n?/;

/** A rubric copied into a workspace's root: its modeline points at the schemas beside it, wherever the original pointed. */
export function rubricCopyText(rubricText: string): string {
  return `# yaml-language-server: $schema=schemas/rubric.schema.json\n${rubricText.replace(MODELINE, '')}`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
}

const template = (name: string) => readFileSync(packagePath('templates', 'init', name), 'utf8');

/**
 * The files vendorscore owns in a workspace, by path relative to its folder. `readme` is where
 * the workspace's notes go (README.md, or another name when the folder has a README of its own).
 */
export function scaffold(rubric: Rubric, rubricText: string, opts: { today: string; example: boolean; readme: string; journey?: boolean }): ScaffoldFile[] {
  const values = { version: VERSION, rubric: rubricRef(rubric), date: opts.today, answers: exampleAnswers(rubric), missing: missingNote(rubric), readme: opts.readme, ...exampleNames(opts.example), ...journeyValues(opts.journey === true) };
  const rubricCopy = rubricCopyText(rubricText);
  const evaluations = opts.example
    ? bundledExamples()
    : [{ file: 'evaluations/example-vendor/your-name.yaml', text: fill(template('example-evaluation.yaml'), values), what: 'an annotated example evaluation' }];
  return [
    { file: 'rubric.yaml', text: rubricCopy, what: `the rubric, a copy of ${rubricRef(rubric)}: edit questions and weights here` },
    ...evaluations,
    { file: 'schemas/rubric.schema.json', text: renderJsonSchema('rubric'), what: 'JSON Schema for editors' },
    { file: 'schemas/evaluation.schema.json', text: renderJsonSchema('evaluation', rubric), what: 'JSON Schema for editors, with this rubric\'s questions' },
    { file: opts.readme, text: fill(template('README.md'), values), what: 'how the folder works' },
    { file: '.github/workflows/vendorscore.yml', text: fill(template('workflow.yml'), values), what: 'check, ranking in the job summary, gate' },
  ];
}

/** The package's example evaluations (examples/<stage>/<vendor>/<evaluator>.yaml), as workspace files. */
export function bundledExamples(stage = 'evaluations', schema = '../../schemas/evaluation.schema.json'): ScaffoldFile[] {
  const root = packagePath('examples', stage);
  const out: ScaffoldFile[] = [];
  for (const vendor of readdirSync(root).sort()) {
    for (const name of readdirSync(path.join(root, vendor)).sort()) {
      if (!name.endsWith('.yaml')) continue;
      // One folder less deep than in the package: evaluations/<vendor>/ sits beside schemas/.
      const text = readFileSync(path.join(root, vendor, name), 'utf8').replace(MODELINE, `# yaml-language-server: $schema=${schema}\n`);
      out.push({ file: `${stage}/${vendor}/${name}`, text, what: EXAMPLE_WHAT });
    }
  }
  return out;
}

/** What --journey adds to the README and the workflow (templates/init/journey-*); nothing without it. */
function journeyValues(journey: boolean): Record<string, string> {
  if (!journey) return { stagePaths: '', pilotEnv: '', pilotGate: '', journey: '' };
  return {
    stagePaths: ", 'readiness/**', 'pilot/**', 'transition/**'",
    pilotEnv: "\n  # The lowest total (0–100) the pilot review must reach for a go to production (with no knockout and no question unanswered).\n  VENDORSCORE_PILOT_GO_AT: '70'",
    pilotGate: template('journey-workflow.yml').trimEnd(),
    journey: template('journey-readme.md'),
  };
}

/** How the workspace README names the examples it holds. */
function exampleNames(example: boolean): { example: string; examples: string } {
  return example ? { example: 'evaluations/quanta-forge/dana-whitfield.yaml', examples: 'vendors (the five folders under `evaluations/`)' } : { example: 'evaluations/example-vendor/your-name.yaml', examples: 'vendor' };
}

function missingNote(rubric: Rubric): string {
  return rubric.missing === 'min' ? `An unanswered question counts as ${rubric.scale.min} (rubric.yaml: \`missing: min\`).` : 'An unanswered question is left out of its area (rubric.yaml: `missing: ignore`).';
}

/** A score three quarters up the scale, on its step: 4 on 0–5. */
function exampleScore(rubric: Rubric): number {
  const { min, max, step } = rubric.scale;
  const n = Math.round(((max - min) * 0.75) / step);
  return Number((min + n * step).toFixed(10));
}

/** Every question of the rubric, as a commented answer; the example gives every one the same score. */
function exampleAnswers(rubric: Rubric): string {
  const score = exampleScore(rubric);
  const out: string[] = [];
  let n = 0;
  for (const area of rubric.areas) {
    out.push(`  # ── ${area.name} ${'─'.repeat(Math.max(3, 88 - area.name.length))}`);
    for (const q of area.questions) {
      for (const line of wrap(q.text, 94)) out.push(`  # ${line}`);
      n++;
      if (n === 1) {
        out.push(`  ${q.id}:`, `    score: ${score}                # on the rubric's scale; null if not asked yet`, '    notes: What the vendor said or showed that earned the score.', '    evidence: [a-document.pdf, https://example.com/a-link]   # optional; one item or a list');
      } else if (q.evidence) {
        out.push(`  ${q.id}:`, `    score: ${score}`, '    evidence: [a-document.pdf]   # the rubric asks for evidence here');
      } else {
        out.push(`  ${q.id}: ${score}${n === 2 ? '                # a bare number is the score' : ''}`);
      }
    }
  }
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
