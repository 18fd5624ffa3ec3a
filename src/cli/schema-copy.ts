import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Rubric } from '../core/types.js';
import type { Problem } from '../errors.js';
import { displayPath, fileProblem, readTextFile } from '../io/files.js';
import { isBundledRubric } from '../io/load.js';
import { shellQuote } from '../interview/target.js';
import { evaluationSchemaDrift } from '../schema/json-schema.js';

/**
 * check's warning when the evaluation schema beside the rubric (schemas/evaluation.schema.json,
 * as init lays a workspace out) no longer matches it: editors would complete and check answers
 * against questions, a scale or a step that have changed. The warning says how to refresh it.
 */
export function schemaCopyWarning(rubricFile: string, rubric: Rubric, maxBytes?: number): Problem | undefined {
  if (isBundledRubric(rubricFile)) return undefined;
  const file = path.join(path.dirname(rubricFile), 'schemas', 'evaluation.schema.json');
  if (!existsSync(file)) return undefined;
  const { text, problem } = readTextFile(file, maxBytes);
  if (problem) return undefined;
  let drift: string[] | undefined;
  try {
    drift = evaluationSchemaDrift(JSON.parse(text!), rubric);
  } catch {
    drift = ['it is not valid JSON'];
  }
  if (!drift || drift.length === 0) return undefined;
  const refresh = `vendorscore rubric schema --kind evaluation --rubric ${shellQuote(displayPath(rubricFile))} --out ${shellQuote(displayPath(file))} --force`;
  const message = `no longer matches ${displayPath(rubricFile)}: ${drift.join('; ')}; editors complete and check answers by it, so refresh it: ${refresh}`;
  return { ...fileProblem(file, message, 'stale-schema', false), severity: 'warning' };
}
