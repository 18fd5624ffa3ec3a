// Build step (bundled and run by scripts/build.mjs): validates every rubric under rubrics/ and
// writes its parsed form to <outDir>/rubrics/<name>.json. An invalid bundled rubric fails the build.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { formatProblem } from '../errors.js';
import { readTextFile } from './files.js';
import { loadRubric } from './load.js';
import { writeRubricCache } from './rubric-cache.js';

const outDir = process.argv[2]!;
let failed = false;
for (const name of readdirSync('rubrics').filter((f) => /\.ya?ml$/.test(f))) {
  const file = path.join('rubrics', name);
  const { rubric, problems } = loadRubric(file, { noCache: true });
  for (const p of problems) console.error(formatProblem(p));
  if (!rubric) {
    failed = true;
    continue;
  }
  writeRubricCache(file, readTextFile(file).text!, rubric, outDir);
}
process.exitCode = failed ? 1 : 0;
