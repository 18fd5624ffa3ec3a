// Bundles the CLI into dist/ with esbuild: one CommonJS file, dist/cli.cjs, and the V8 code
// cache of a training run, dist/cli.cache, so that start-up is close to plain node's.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// zod re-exports every locale (~200 KB); vendorscore only ever speaks English.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}zod${path.sep}`)) return undefined;
      const en = path.join(path.dirname(args.importer), args.path.replace('index.js', 'en.js'));
      return { path: 'zod-locales-en', namespace: 'stub', pluginData: en };
    });
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.pluginData)};`,
      resolveDir: process.cwd(),
    }));
  },
};

// commander requires node:child_process at load time (for executable subcommands, which
// vendorscore does not use); loading it lazily takes it off every command's start-up.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}commander${path.sep}`) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

// The bundle's first bytes name the build: the SHA-256 of its text. The code cache made for it
// starts with the same id, so a cache is only ever used with the bytes it was made from, and the
// loader need not hash a megabyte on every start (bin/vendorscore.js).
const PLACEHOLDER = '0'.repeat(64);
const BUILD_ID = (hex) => `/*build ${hex}*/`;

/**
 * The bundle, stamped with its id, in ASCII only (the loader decodes it as latin1, the cheap
 * way): esbuild escapes every non-ASCII character but those in regular expression literals,
 * where \u escapes mean the same.
 */
function stamped(text) {
  const ascii = externalImports(text).replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return ascii.replace(BUILD_ID(PLACEHOLDER), BUILD_ID(createHash('sha256').update(ascii).digest('hex')));
}

/**
 * import() of the externals calls the loader's importer instead (a parameter of the function
 * bin/vendorscore.js wraps the bundle in): V8 11 keeps the host options a cached script was
 * compiled with, so an import() compiled into the code cache would find no loader in the next
 * process. Required as a plain CommonJS module (with --enable-source-maps), the bundle has no
 * such parameter and uses its own import().
 */
const IMPORTER = 'var __vsImport = typeof __import === "function" ? __import : (s) => import(s);';
function externalImports(text) {
  const out = text.replace(/\bimport\((?=")/g, '__vsImport(');
  const left = out.replace(IMPORTER, '').match(/\bimport\(/);
  if (left) throw new Error(`the bundle has an import() the build cannot route through the loader: ...${out.slice(left.index - 40, left.index + 40)}...`);
  return out;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build beside dist/ and swap it in, so a test run reading dist/ never sees a half-written tree.
const tmp = `dist.tmp-${process.pid}`;
const bundled = await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: path.join(tmp, 'cli.cjs'),
  write: false,
  // One CommonJS file, no chunks: start-up compiles one script (with a code cache, below)
  // instead of linking ESM chunks. A module reached only by import() (each command, the
  // prompts) is still wrapped by esbuild so that its body runs on first use.
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [englishOnlyZod, lazyChildProcess],
  // Loaded with import() only by `report` (charts) and --pdf (the browser): left in node_modules.
  external: ['vega', 'vega-lite', 'playwright-core'],
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__bundleUrl' },
  // Strict, as the ESM it is made from (bin/vendorscore.js compiles it in a function of its own).
  banner: { js: `${BUILD_ID(PLACEHOLDER)} 'use strict'; var __bundleUrl = require('node:url').pathToFileURL(__filename).href; ${IMPORTER}` },
});
mkdirSync(tmp, { recursive: true });
for (const f of bundled.outputFiles) writeFileSync(f.path, f.path.endsWith('.cjs') ? stamped(f.text) : f.text);
// Parse and validate the bundled rubrics once, now, so that commands need not (src/io/rubric-cache.ts).
const step = path.join(tmp, 'build-rubric-cache.mjs');
await build({ entryPoints: ['src/io/build-rubric-cache.ts'], outfile: step, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', plugins: [englishOnlyZod], banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
const r = spawnSync(process.execPath, [step, tmp], { stdio: 'inherit' });
rmSync(step);
if (r.status !== 0) {
  rmSync(tmp, { recursive: true, force: true });
  throw new Error('a bundled rubric is invalid (see above)');
}

rmSync('dist', { recursive: true, force: true });
renameSync(tmp, 'dist');

// The V8 code cache, made after a training run over the common commands so that the functions
// they compile lazily are in it too (bin/vendorscore.js reads it; every build replaces it). It
// runs on dist/ as it now stands, where the bundle finds the rubric cache as it will at run time.
const trained = spawnSync(process.execPath, ['scripts/train-cache.cjs', 'dist'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (trained.status !== 0) {
  process.stderr.write(trained.stderr);
  throw new Error('the training run for the code cache failed (see above); dist/ works without it, more slowly');
}
