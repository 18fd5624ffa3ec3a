// Start-up and scaling, measured in one run and printed as ratios to plain `node`, so the numbers
// mean the same on a fast or a slow machine. Runs are interleaved (round-robin) so that a burst
// of load elsewhere hits every command alike. Exit 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { resultsPair, writeWorkspace } from './big-inputs.mjs';

const BIN = path.resolve('bin/vendorscore.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function measure(cases, runs) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) time(args); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(time(args));
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** A synthetic workspace: `vendors` vendors × `evaluators` evaluators answering every bundled question. */
function workspace(vendors, evaluators = ['a', 'b', 'c']) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-bench-'));
  const rubric = parse(readFileSync('rubrics/ai-vendor.yaml', 'utf8'));
  const ids = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 5) + 1;
  for (let v = 0; v < vendors; v++) {
    mkdirSync(path.join(dir, `v${v}`));
    for (const e of evaluators) {
      const answers = ids.map((id) => `  ${id}:\n    score: ${rnd()}\n    notes: Observed in the interview on day ${v}; see the minutes.\n    evidence: [minutes-${v}.md]`).join('\n');
      writeFileSync(path.join(dir, `v${v}`, `${e}.yaml`), `vendor: {name: Vendor ${v}}\nrubric: ai-vendor@1\nevaluator: Evaluator ${e}\ndate: 2026-11-20\nanswers:\n${answers}\n`);
    }
  }
  return dir;
}

/** diff inputs: two results files with `n` evaluators on one vendor (1/8 leave, as many join, 1/3 change an answer). */
function diffPair(n) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-bench-diff-'));
  const { before, after } = resultsPair({ evaluators: n });
  writeFileSync(path.join(dir, 'old.json'), JSON.stringify(before));
  writeFileSync(path.join(dir, 'new.json'), JSON.stringify(after));
  return dir;
}

/** sensitivity inputs: `n` evaluators over two vendors, 28 questions. */
function evaluators(n) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-bench-sens-'));
  writeWorkspace(dir, { vendors: 2, evaluators: n / 2 });
  return dir;
}

const small = workspace(20);
const large = workspace(200);
const diffs = [8, 800, 8000].map(diffPair);
const panels = [20, 200, 2000].map(evaluators);
const panel = workspace(50, ['a', 'b', 'c', 'd', 'e']);
try {
  const t = measure(
    {
      node: ['-e', '0'],
      version: [BIN, '--version'],
      help: [BIN, 'compare', '--help'],
      compare: [BIN, 'compare', 'examples/evaluations'],
      json: [BIN, 'compare', 'examples/evaluations', '--format', 'json'],
      check: [BIN, 'check', 'examples/evaluations'],
    },
    RUNS,
  );
  const s = measure({ small: [BIN, 'compare', small, '--format', 'json'], large: [BIN, 'compare', large, '--format', 'json'] }, Math.max(3, RUNS >> 2));
  // sensitivity on 50 vendors × 5 evaluators against compare on the same files, interleaved.
  const q = measure({ compare: [BIN, 'compare', panel], sensitivity: [BIN, 'sensitivity', panel, '--samples', '10000'] }, Math.max(5, RUNS >> 1));

  const diffArgs = (dir) => [BIN, 'diff', path.join(dir, 'old.json'), path.join(dir, 'new.json'), '--format', 'json'];
  const d = measure({ tiny: diffArgs(diffs[0]), n: diffArgs(diffs[1]), n10: diffArgs(diffs[2]) }, Math.max(3, RUNS >> 2));
  const sensArgs = (dir) => [BIN, 'sensitivity', '--rubric', path.join(dir, 'rubric.yaml'), path.join(dir, 'evaluations'), '--format', 'json'];
  const p = measure({ tiny: sensArgs(panels[0]), n: sensArgs(panels[1]), n10: sensArgs(panels[2]) }, Math.max(3, RUNS >> 3));
  // Cost per evaluator at 10N over cost per evaluator at N (start-up taken off): 1 is linear, 10 quadratic.
  const growth = (x) => (x.n10 - x.tiny) / 10 / (x.n - x.tiny);

  const rows = [
    ['vendorscore --version', t.version / t.node, 1.6],
    ['vendorscore compare --help', t.help / t.node, 1.6],
    ['compare examples (table)', t.compare / t.node, 4.5],
    ['compare examples (json)', t.json / t.node, 4.5],
    ['check examples', t.check / t.node, 4.5],
  ];
  // Per-file cost at 600 files over per-file cost at 60 files: 1 is linear; well above 1 is not.
  const perFile = (s.large - t.json) / 600 / ((s.small - t.json) / 60);
  rows.push(['per-file cost, 600 files vs 60', perFile, 1.5]);
  rows.push(['diff: per-evaluator cost, 8,000 vs 800', growth(d), 2]);
  rows.push(['sensitivity: per-evaluator cost, 2,000 vs 200', growth(p), 2]);
  rows.push(['sensitivity --samples 10000 vs compare (50 × 5)', q.sensitivity / q.compare, 1.1]);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`plain node start-up: ${t.node.toFixed(1)} ms (median of ${RUNS}); ratios below are to it, measured in this run`);
  let failed = 0;
  for (const [name, ratio, target] of rows) {
    const ok = ratio <= target;
    if (!ok) failed++;
    console.log(`${name.padEnd(width)}  ${ratio.toFixed(2).padStart(6)}×   target ≤ ${target}×   ${ok ? 'ok' : 'MISSED'}`);
  }
  console.log(`(absolute: --version ${t.version.toFixed(0)} ms, compare ${t.compare.toFixed(0)} ms, 60 files ${s.small.toFixed(0)} ms, 600 files ${s.large.toFixed(0)} ms = ${((s.large - t.json) / 600).toFixed(2)} ms a file)`);
  console.log(`(diff with 8 / 800 / 8,000 evaluators: ${d.tiny.toFixed(0)} / ${d.n.toFixed(0)} / ${d.n10.toFixed(0)} ms; sensitivity with 20 / 200 / 2,000: ${p.tiny.toFixed(0)} / ${p.n.toFixed(0)} / ${p.n10.toFixed(0)} ms)`);
  process.exitCode = failed ? 1 : 0;
} finally {
  for (const dir of [small, large, ...diffs, ...panels, panel]) rmSync(dir, { recursive: true, force: true });
}
