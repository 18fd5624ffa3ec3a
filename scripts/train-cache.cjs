'use strict';
// A training run of the build (scripts/build.mjs): loads the fresh bundle in <dist> without a
// cache, runs one set of commands in this one process, then saves V8's code cache, which then
// holds every function those commands compiled. Its own stdout is discarded by the build.
// `node scripts/train-cache.cjs <dist> <cache>`: cli.cache (the commands' common paths) or
// cli.help.cache (help and version only: a smaller cache, read faster, for the quickest starts).
const { renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { load } = require('../bin/vendorscore.js');

const HELP = [['--version'], ['--help'], ['compare', '--help']];
const COMMANDS = {
  'cli.help.cache': HELP,
  'cli.cache': [...HELP, ['compare', 'examples/evaluations'], ['compare', 'examples/evaluations', '--format', 'json'], ['check', 'examples/evaluations']],
};

async function train(dist, cache) {
  const { exports, script, id } = load(dist, { train: true });
  for (const args of COMMANDS[cache]) {
    await exports.main([process.execPath, 'vendorscore', ...args]);
    if ((process.exitCode ?? 0) !== 0) throw new Error(`vendorscore ${args.join(' ')} exited ${process.exitCode} in the training run`);
  }
  // Written beside and renamed, so that a CLI starting meanwhile never reads half a cache.
  const file = path.join(dist, cache);
  writeFileSync(`${file}.tmp`, Buffer.concat([id, script.createCachedData()]));
  renameSync(`${file}.tmp`, file);
}

train(path.resolve(process.argv[2]), process.argv[3]).catch((e) => {
  process.exitCode = 1;
  console.error(e);
});
