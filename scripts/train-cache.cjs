'use strict';
// The training run of the build (scripts/build.mjs): loads the fresh bundle in <dist> without a
// cache, runs the common commands in this one process, then saves V8's code cache, which then
// holds every function those commands compiled. Its own stdout is discarded by the build.
const { renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { load } = require('../bin/vendorscore.js');

const COMMANDS = [
  ['--version'],
  ['--help'],
  ['compare', '--help'],
  ['compare', 'examples/evaluations'],
  ['compare', 'examples/evaluations', '--format', 'json'],
  ['check', 'examples/evaluations'],
];

async function train(dist) {
  const { exports, script, id } = load(dist, { train: true });
  for (const args of COMMANDS) {
    await exports.main([process.execPath, 'vendorscore', ...args]);
    if ((process.exitCode ?? 0) !== 0) throw new Error(`vendorscore ${args.join(' ')} exited ${process.exitCode} in the training run`);
  }
  // Written beside and renamed, so that a CLI starting meanwhile never reads half a cache.
  const file = path.join(dist, 'cli.cache');
  writeFileSync(`${file}.tmp`, Buffer.concat([id, script.createCachedData()]));
  renameSync(`${file}.tmp`, file);
}

train(path.resolve(process.argv[2])).catch((e) => {
  process.exitCode = 1;
  console.error(e);
});
