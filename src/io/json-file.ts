import { UserError } from '../errors.js';
import { faultProblem, readTextFile } from './files.js';
import { jsonSyntaxError } from './json-syntax.js';
import { positionIn } from './text-checks.js';

/**
 * Reads a JSON file as any input is read (regular file, size limit, UTF-8), and parses it. A
 * syntax error is one located line that quotes nothing of the file, ending with `hint`.
 */
export function readJsonFile(file: string, hint: string, maxBytes?: number): { data: unknown; text: string } {
  const { text, problem } = readTextFile(file, maxBytes);
  if (problem) throw new UserError(problem.message, [problem]);
  try {
    return { data: JSON.parse(text!), text: text! };
  } catch {
    // JSON.parse's message quotes the file; say where it goes wrong instead.
    const at = jsonSyntaxError(text!) ?? { offset: 0, message: 'not valid JSON' };
    throw new UserError('not JSON', [faultProblem(file, { code: 'json-syntax', offset: at.offset, message: `is not JSON: ${at.message}; ${hint}` }, positionIn(text!, at.offset))]);
  }
}
