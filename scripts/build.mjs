// Bundles the CLI into dist/ with esbuild: one CommonJS file, dist/cli.cjs (zod apart, in
// dist/zod.cjs), and the V8 code caches of training runs, dist/cli.cache and dist/cli.help.cache,
// so that start-up is close to plain node's (bin/vendorscore.js loads them).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

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
 * the bundle is written as, which bin/vendorscore.js calls): V8 11 keeps the host options a
 * cached script was compiled with, so an import() compiled into the code cache would find no
 * loader in the next process. Called without an importer, the bundle uses its own import().
 */
const IMPORTER = 'var __vsImport = typeof __import === "function" ? __import : (s) => import(s);';
function externalImports(text) {
  const out = text.replace(/\bimport\((?=")/g, '__vsImport(');
  const left = out.replace(IMPORTER, '').match(/\bimport\(/);
  if (left) throw new Error(`the bundle has an import() the build cannot route through the loader: ...${out.slice(left.index - 40, left.index + 40)}...`);
  return out;
}

/**
 * Modules whose bodies should run on first use, not at every start: the yaml library and zod's
 * schemas (built when a schema module runs, zod with them) are needed only when a file has a
 * problem, for the full YAML reader, for writes or to print a schema. An import of one from
 * elsewhere in src/ gets a stand-in whose exports are getters that require the module the first
 * time one is read; esbuild wraps a required module so that its body, and that of what only it
 * imports, runs then. What the schema modules re-export from rules.ts, their zod-free part used
 * on every command's path, is read from rules.ts at once.
 */
const SCHEMAS = ['common', 'evaluation', 'rubric', 'consensus', 'quote', 'results', 'judgments', 'json-schema'].map((m) => path.resolve(`src/schema/${m}.ts`));
const RULES = path.resolve('src/schema/rules.ts');
async function exportNames(files) {
  const r = await build({ entryPoints: files, outdir: 'out', bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'warning' });
  return new Map(Object.values(r.metafile.outputs).map((o) => [path.resolve(o.entryPoint), o.exports]));
}
const names = await exportNames([...SCHEMAS, RULES]);
const requireHere = createRequire(import.meta.url);
names.set(requireHere.resolve('yaml'), Object.keys(requireHere('yaml')));
// node:crypto (~2 ms to load) only hashes the report's style sheet.
names.set('node:crypto', Object.keys(requireHere('node:crypto')));
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const SRC = path.resolve('src') + path.sep;
    b.onResolve({ filter: /^(yaml|node:crypto|\..*\/schema\/[\w-]+\.js|\.\/[\w-]+\.js)$/ }, (args) => {
      if (!args.importer.startsWith(SRC) || args.kind !== 'import-statement') return undefined;
      const pkg = !args.path.startsWith('.');
      const real = args.path === 'yaml' ? requireHere.resolve('yaml') : pkg ? args.path : path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      const fromSchemas = path.dirname(args.importer) === path.dirname(RULES);
      if (!names.has(real) || real === RULES || (fromSchemas && !pkg)) return undefined;
      return { path: real, namespace: 'lazy-module', pluginData: real };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => {
      const rules = names.get(RULES);
      const getters = names.get(args.pluginData).map((k) => `${JSON.stringify(k)}: { enumerable: true, get: () => ${rules.includes(k) && SCHEMAS.includes(args.pluginData) ? 'rules()' : 'real()'}[${JSON.stringify(k)}] }`);
      // yaml is a bundle of its own (see yamlApart), required by its bare name.
      const real = args.pluginData === requireHere.resolve('yaml') ? 'yaml' : args.pluginData;
      return {
        // Each require() is kept: esbuild makes a new exports object at every evaluation of one.
        contents: `let m, r; const real = () => (m ??= require(${JSON.stringify(real)})), rules = () => (r ??= require(${JSON.stringify(RULES)}));\nObject.defineProperties(exports, { ${getters.join(', ')} });`,
        resolveDir: process.cwd(),
        loader: 'js',
      };
    });
  },
};

/**
 * isatty (chalk asks at load, src/cli/output.ts before writing) without loading node:tty (with
 * net under it, ~4 ms) or making process.stdout (Node's streams, ~2 ms) where the answer is
 * plain: a terminal is a character device, and /dev/null is none. Otherwise stdout and stderr
 * ask the stream Node makes for them, a tty.WriteStream exactly when the fd is a terminal.
 */
const cheapIsatty = {
  name: 'cheap-isatty',
  setup(b) {
    b.onResolve({ filter: /^node:tty$/ }, (args) =>
      args.importer.startsWith(path.resolve('src') + path.sep) || args.importer.includes(`${path.sep}chalk${path.sep}`) ? { path: 'cheap-isatty', namespace: 'cheap-isatty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cheap-isatty' }, () => ({
      contents: [
        "const { fstatSync, statSync } = require('node:fs');",
        'const stream = { 1: () => process.stdout, 2: () => process.stderr };',
        'let nullDevice;',
        'const devNull = () => { try { return (nullDevice ??= statSync("/dev/null").rdev); } catch { return (nullDevice = -1); } };',
        'exports.isatty = (fd) => {',
        '  let st;',
        '  try { st = fstatSync(fd); } catch { return false; }',
        '  if (!st.isCharacterDevice() || st.rdev === devNull()) return false;',
        "  return stream[fd] ? stream[fd]().isTTY === true : require('node:tty').isatty(fd);",
        '};',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * zod is a bundle of its own, dist/zod.cjs, required by the schema modules when they first run
 * (see lazyModules): in the CLI's bundle its hundreds of exports would be defined on every start
 * (~2 ms) and its code would grow the code cache that every start reads.
 */
const ZOD = 'zod.cjs';
const zodApart = {
  name: 'zod-apart',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) => (args.importer.startsWith(path.resolve('src') + path.sep) ? { path: 'zod', namespace: 'zod-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-apart' }, () => ({ contents: `module.exports = require(__dirname + ${JSON.stringify(`/${ZOD}`)});`, loader: 'js' }));
  },
};

/**
 * yaml, like zod, is a bundle of its own, dist/yaml.cjs, required when first used (a file the
 * fast reader leaves to it, a write): in the CLI's bundle its text would be read, and its
 * preparse data deserialised with the code cache, on every start.
 */
const YAML = 'yaml.cjs';
const yamlApart = {
  name: 'yaml-apart',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'lazy-module' ? { path: 'yaml', namespace: 'yaml-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'yaml-apart' }, () => ({ contents: `module.exports = require(__dirname + ${JSON.stringify(`/${YAML}`)});`, loader: 'js' }));
  },
};

/** How the bundles, the CLI's, zod's and yaml's, are built. */
const COMMONJS = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', sourcemap: true, minify: true, legalComments: 'none', logLevel: 'warning' };

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
  ...COMMONJS,
  plugins: [zodApart, yamlApart, lazyChildProcess, lazyModules, cheapIsatty],
  // Loaded with import() only by `report` (charts) and --pdf (the browser): left in node_modules.
  external: ['vega', 'vega-lite', 'playwright-core', 'read-excel-file/node', 'write-excel-file/node', 'jstat'],
  // import.meta.dirname (src/io/package-files.ts) is the bundle's folder, dist/; import.meta.url,
  // which no module reads now, would be worked out when first read, not on every start.
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.dirname': '__dirname', 'import.meta.url': '__bundle.url' },
  // Strict, as the ESM it is made from (the build writes it as a function of its own, below).
  banner: { js: `${BUILD_ID(PLACEHOLDER)} 'use strict'; var __bundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } }; ${IMPORTER}` },
});
await build({
  stdin: { contents: "export { z } from 'zod';", resolveDir: process.cwd(), loader: 'js' },
  outfile: path.join(tmp, ZOD),
  ...COMMONJS,
  plugins: [englishOnlyZod],
});
await build({ stdin: { contents: "module.exports = require('yaml');", resolveDir: process.cwd(), loader: 'js' }, outfile: path.join(tmp, YAML), ...COMMONJS });
mkdirSync(tmp, { recursive: true });
// The bundle is written as the function bin/vendorscore.js compiles (CommonJS's wrapper, on the
// first line, so the source map's lines stay as they are): V8 compiles the text as read, where
// a wrapper added at run time would have it copied into a second string of the bundle's size.
const { HEAD, TAIL } = createRequire(import.meta.url)('../bin/vendorscore.js');
for (const f of bundled.outputFiles) writeFileSync(f.path, f.path.endsWith('.cjs') ? HEAD + stamped(f.text) + TAIL : f.text);
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

// The V8 code caches, each made after a training run so that the functions its commands compile
// lazily are in it too (scripts/train-cache.cjs; every build replaces them). They run on dist/
// as it now stands, where the bundle finds the rubric cache as it will at run time.
for (const cache of ['cli.cache', 'cli.help.cache']) {
  const trained = spawnSync(process.execPath, ['scripts/train-cache.cjs', 'dist', cache], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (trained.status !== 0) {
    process.stderr.write(trained.stderr);
    throw new Error(`the training run for ${cache} failed (see above); dist/ works without it, more slowly`);
  }
}
