#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), so that start-up skips the ESM loader. The CLI is one bundle,
// dist/cli.cjs, compiled here through vm.Script with the V8 code cache that the build made after
// a training run (scripts/build.mjs, scripts/train-cache.cjs): most functions then arrive
// compiled instead of being parsed on every start. A missing cache, or one V8 rejects (another
// Node version or V8 flags), costs only the compile; nothing is written here at run time (the
// package may be read-only).
const { isAscii } = require('node:buffer');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = 'cli.cjs';
/**
 * The code caches (scripts/train-cache.cjs): one made running the common commands, and a smaller
 * one made running only help and --version, which those read faster. Either serves any command
 * (what is not in a cache is compiled when it is first called): the choice is only speed.
 */
const CACHE = 'cli.cache';
const HELP_CACHE = 'cli.help.cache';
const asksHelp = (argv) => argv.slice(2).some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V');
/**
 * CommonJS's function around a module, which the build writes around the bundle (the file is
 * that function, compiled as read), and the importer the build routes import() to.
 */
const HEAD = '(function (exports, require, module, __filename, __dirname, __import) {';
const TAIL = '\n})';
/** The build's id, the SHA-256 of the bundle, which the build stamps just inside the function: a comment, "build <hex>". */
const ID = { start: HEAD.length + 8, end: HEAD.length + 72 };
/**
 * The name stack traces give the bundle. V8 keeps the name a cached script was compiled with,
 * so it is one that holds wherever the package is installed.
 */
const NAME = 'vendorscore/dist/cli.cjs';

/** The code cache made for these bundle bytes (it starts with their id), or undefined. */
function cacheFor(dist, bytes, name) {
  let data;
  try {
    data = readFileSync(path.join(dist, name));
  } catch {
    return undefined;
  }
  const id = bytes.subarray(ID.start, ID.end);
  return data.length > id.length && data.subarray(0, id.length).equals(id) ? data.subarray(id.length) : undefined;
}

/**
 * Compiles and runs the bundle; returns its exports, the script whose code cache the training
 * run saves (`train`: compiled without the cache it replaces), and whether a cache was used.
 */
function load(dist = DIST, options = {}) {
  const file = path.join(dist, BUNDLE);
  const bytes = readFileSync(file);
  // The bundle is ASCII (the build makes sure), and latin1 the cheap way to decode it.
  const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  // With --enable-source-maps the bundle is compiled as a CommonJS module, so that Node reads its
  // map (dist/cli.cjs.map); Node maps no vm.Script.
  if (process.sourceMapsEnabled === true && !options.train) return { exports: mapped(file, text) };
  const cachedData = options.train ? undefined : cacheFor(dist, bytes, asksHelp(process.argv) ? HELP_CACHE : CACHE);
  const script = new vm.Script(text, { filename: NAME, cachedData });
  const module = { exports: {} };
  // import() of vega, vega-lite and playwright-core (the report) is made here: see the build.
  script.runInThisContext()(module.exports, createRequire(file), module, file, dist, (specifier) => import(specifier));
  return { exports: module.exports, script, id: bytes.subarray(ID.start, ID.end), cached: cachedData !== undefined && script.cachedDataRejected !== true };
}

/** The bundle run as a CommonJS module of its own (its text is the function: the module exports it, then runs it). */
function mapped(file, text) {
  const Module = require('node:module');
  const m = new Module(file, module);
  m.filename = file;
  m._compile(`module.exports = ${text};`, file);
  const inner = { exports: {} };
  m.exports(inner.exports, createRequire(file), inner, file, path.dirname(file), (specifier) => import(specifier));
  return inner.exports;
}

module.exports = { load, HEAD, TAIL };

if (require.main === module) {
  const cli = load().exports;
  cli.main(process.argv).then(cli.exitWhenWritten);
}
