// Bundles the CLI into dist/ with esbuild: one entry, commands and prompts split into chunks
// that load only when their command runs, so start-up reads as little as possible.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
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

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build beside dist/ and swap it in, so a test run reading dist/ never sees a half-written tree.
const tmp = `dist.tmp-${process.pid}`;
await build({
  entryPoints: ['src/cli/index.ts'],
  outdir: tmp,
  entryNames: 'cli',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [englishOnlyZod, lazyChildProcess],
  // Loaded with import() only by `report` (charts) and --pdf (the browser): left in node_modules.
  external: ['vega', 'vega-lite', 'playwright-core'],
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // cli-table3 and a few deps are CommonJS; give them a require() inside the ESM bundle.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

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
