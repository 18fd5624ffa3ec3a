/** The stage folders `init --journey` adds to a workspace (docs/commands.md#stages). */
import { readFileSync } from 'node:fs';
import { STAGE_RUBRICS } from '../core/journey.js';
import { renderJsonSchema } from '../schema/json-schema.js';
import { bundledRubricPath } from './bundled-rubrics.js';
import { loadRubric, rubricRef } from './load.js';
import { bundledExamples, MODELINE, type ScaffoldFile } from './scaffold.js';

/** The stages beside evaluations/, each a folder with its own rubric and schemas. */
export const JOURNEY_STAGES = ['readiness', 'pilot', 'transition'] as const;

/**
 * Each stage folder gets a copy of its bundled rubric and the schemas beside it, so that the
 * commands find the rubric among the paths (`vendorscore compare pilot`) and editors check the
 * stage's own questions; with `example`, the bundled example files of every stage too.
 */
export function journeyScaffold(example: boolean): ScaffoldFile[] {
  const out: ScaffoldFile[] = [];
  for (const stage of JOURNEY_STAGES) {
    const file = bundledRubricPath(STAGE_RUBRICS[stage])!;
    const { rubric, problems } = loadRubric(file);
    if (!rubric) throw new Error(`the bundled rubric ${file} is invalid: ${problems.map((p) => p.message).join('; ')}`);
    const text = `# yaml-language-server: $schema=schemas/rubric.schema.json\n${readFileSync(file, 'utf8').replace(MODELINE, '')}`;
    out.push(
      { file: `${stage}/rubric.yaml`, text, what: `the ${stage} rubric, a copy of ${rubricRef(rubric)}` },
      { file: `${stage}/schemas/rubric.schema.json`, text: renderJsonSchema('rubric'), what: 'JSON Schema for editors' },
      { file: `${stage}/schemas/evaluation.schema.json`, text: renderJsonSchema('evaluation', rubric), what: `JSON Schema for editors, with the ${stage} questions` },
    );
    if (example) out.push(...bundledExamples(stage, '../schemas/evaluation.schema.json'));
  }
  return out;
}
