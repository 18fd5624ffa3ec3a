// The bench's yardstick for large workspaces: the least a YAML tool can do with these files,
// every *.yaml under the folders named read and parsed with js-yaml, nothing else. A whole
// process, like vendorscore's, so start-up counts on both sides.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

let files = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e.name) && load(readFileSync(p, 'utf8')) !== undefined) files++;
  }
};
for (const dir of process.argv.slice(2)) walk(dir);
process.stdout.write(`${files}\n`);
