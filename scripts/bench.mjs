// Start-up and scaling, measured in one run and printed as ratios to plain `node` (or to a bare
// js-yaml script, scripts/bench-reference.mjs), so the numbers mean the same on a fast or a slow
// machine. Time is the CPU time of the whole process (user + system, from bash's `times`; wall
// time where there is no bash), the median of runs interleaved round-robin so that a burst of
// load elsewhere hits every command alike; peak memory is the max RSS GNU time reports. Exit 1
// when a target is missed. --json prints the measurements for machines; --smoke runs small
// inputs and few runs (CI: it proves the bench works, its ratios are not judged).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { resultsPair, writeNotedWorkspace, writeWorkspace } from './big-inputs.mjs';

const BIN = path.resolve('bin/vendorscore.js');
const REFERENCE = path.resolve('scripts/bench-reference.mjs');
const SMOKE = process.argv.includes('--smoke');
const JSON_OUT = process.argv.includes('--json');
const RUNS = Number(process.env.BENCH_RUNS ?? (SMOKE ? 1 : 15));
/** Runs for the slower cases: fewer, and one in a smoke run. */
const fewer = (n) => (SMOKE ? 1 : n);
const log = JSON_OUT ? () => {} : (s) => console.log(s);
const BASH = existsSync('/bin/bash') ? '/bin/bash' : undefined;
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Children's CPU seconds from the second line of bash's `times` ("0m0.041s 0m0.012s"). */
const seconds = (s) => s.split(/\s+/).reduce((sum, x) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(x);
  return m ? sum + Number(m[1]) * 60 + Number(m[2]) : sum;
}, 0);

/** One run: CPU milliseconds of the whole process (wall time without bash). */
function time(args) {
  const env = { ...process.env, NO_COLOR: '1' };
  if (BASH) {
    const r = spawnSync(BASH, ['-c', '"$@" >/dev/null 2>/dev/null; s=$?; times; exit $s', 'bench', process.execPath, ...args], { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return seconds(r.stdout.trim().split('\n').pop()) * 1000;
  }
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Peak memory (max RSS, MiB), where GNU time is there to say: the median of a few runs, since
 * when the collector runs (and so the peak) moves with the machine's load.
 */
function peakMiB(args) {
  if (!GNU_TIME) return undefined;
  const one = () => {
    const r = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
    return Number(r.stderr.trim().split('\n').pop()) / 1024;
  };
  const runs = Array.from({ length: fewer(3) }, one).filter(Number.isFinite);
  return runs.length > 0 ? median(runs) : undefined;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Each case's samples, by the case, kept so that paired ratios can be shown (spread, below). */
const SAMPLES = new WeakMap();

function measure(cases, runs) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) time(args); // warm up: the file cache, the disk
  for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(time(args));
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  SAMPLES.set(medians, samples);
  return medians;
}

/**
 * The quartiles of a ratio taken run by run (the runs are interleaved, so run i of one case is
 * paired with run i of the other): how far one run's ratio strays, which on a shared machine can
 * be more than a change being measured.
 */
function spread(measured, a, b) {
  const s = SAMPLES.get(measured);
  const r = s[a].map((x, i) => x / s[b][i]).sort((x, y) => x - y);
  const q = (p) => r[Math.min(r.length - 1, Math.floor(p * r.length))];
  return { low: q(0.25), high: q(0.75) };
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

/** `vendors` × 5 evaluators, 28 answers with notes each (scripts/big-inputs.mjs: 1,000 vendors are 5,000 files, ~43 MB). */
function noted(vendors) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vendorscore-bench-noted-'));
  const ids = parse(readFileSync('rubrics/ai-vendor.yaml', 'utf8')).areas.flatMap((a) => a.questions.map((q) => q.id));
  const bytes = writeNotedWorkspace(dir, { vendors, questionIds: ids });
  return { dir, bytes };
}

const BIG = SMOKE ? 20 : 1000;
const [SMALL, LARGE] = SMOKE ? [4, 40] : [20, 200];
const small = workspace(SMALL);
const large = workspace(LARGE);
const diffs = (SMOKE ? [8, 80, 800] : [8, 800, 8000]).map(diffPair);
const panels = (SMOKE ? [20, 40, 400] : [20, 200, 2000]).map(evaluators);
const panel = workspace(SMOKE ? 5 : 50, ['a', 'b', 'c', 'd', 'e']);
const big = noted(BIG);
const tenth = noted(BIG / 10);
// The fixtures are ~100 MB just written: the kernel writes them to disk in the background, on
// the same cores the first measurements run on. Have it finish first.
if (existsSync('/bin/sync')) spawnSync('/bin/sync');
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
  const s = measure({ small: [BIN, 'compare', small, '--format', 'json'], large: [BIN, 'compare', large, '--format', 'json'] }, fewer(Math.max(3, RUNS >> 2)));
  // sensitivity on 50 vendors × 5 evaluators against compare on the same files, interleaved.
  const q = measure({ compare: [BIN, 'compare', panel], sensitivity: [BIN, 'sensitivity', panel, '--samples', '10000'] }, fewer(Math.max(5, RUNS >> 1)));

  // Large workspaces against the bare js-yaml script on the same files, and a tenth of them for growth.
  // Nine rounds at least: the reference alone moves by a quarter from run to run on a shared machine.
  const bigRuns = fewer(Math.max(9, RUNS >> 1));
  const b = measure(
    {
      reference: [REFERENCE, big.dir],
      compare: [BIN, 'compare', big.dir, '--format', 'json'],
      check: [BIN, 'check', big.dir],
      tenth: [BIN, 'compare', tenth.dir, '--format', 'json'],
    },
    bigRuns,
  );
  const memory = { compare: peakMiB([BIN, 'compare', big.dir, '--format', 'json']), check: peakMiB([BIN, 'check', big.dir]), reference: peakMiB([REFERENCE, big.dir]) };

  const diffArgs = (dir) => [BIN, 'diff', path.join(dir, 'old.json'), path.join(dir, 'new.json'), '--format', 'json'];
  const d = measure({ tiny: diffArgs(diffs[0]), n: diffArgs(diffs[1]), n10: diffArgs(diffs[2]) }, fewer(Math.max(3, RUNS >> 2)));
  const sensArgs = (dir) => [BIN, 'sensitivity', '--rubric', path.join(dir, 'rubric.yaml'), path.join(dir, 'evaluations'), '--format', 'json'];
  const p = measure({ tiny: sensArgs(panels[0]), n: sensArgs(panels[1]), n10: sensArgs(panels[2]) }, fewer(Math.max(3, RUNS >> 3)));
  // Cost per evaluator at 10N over cost per evaluator at N (start-up taken off): 1 is linear, 10 quadratic.
  const growth = (x) => (x.n10 - x.tiny) / 10 / (x.n - x.tiny);

  const files = `${BIG * 5} files`;
  const rows = [
    ['vendorscore --version', t.version / t.node, 1.6],
    ['vendorscore compare --help', t.help / t.node, 1.2],
    ['compare examples (table)', t.compare / t.node, 4.5],
    ['compare examples (json)', t.json / t.node, 1.5],
    ['check examples', t.check / t.node, 4.5],
    [`compare, ${files} vs js-yaml reading them`, b.compare / b.reference, 1.5, spread(b, 'compare', 'reference')],
    [`check, ${files} vs js-yaml reading them`, b.check / b.reference, 1.5, spread(b, 'check', 'reference')],
    [`compare: ${files} vs a tenth of them`, b.compare / b.tenth, 11],
  ];
  const mib = [
    [`peak memory, compare on ${files}`, memory.compare, 250],
    [`peak memory, check on ${files}`, memory.check, 250],
  ];
  // Per-file cost at 600 files over per-file cost at 60 files: 1 is linear; well above 1 is not.
  const perFile = (s.large - t.json) / (LARGE * 3) / ((s.small - t.json) / (SMALL * 3));
  rows.push([`per-file cost, ${LARGE * 3} files vs ${SMALL * 3}`, perFile, 1.5]);
  rows.push(['diff: per-evaluator cost, 8,000 vs 800', growth(d), 2]);
  rows.push(['sensitivity: per-evaluator cost, 2,000 vs 200', growth(p), 2]);
  rows.push(['sensitivity --samples 10000 vs compare (50 × 5)', q.sensitivity / q.compare, 1.1, spread(q, 'sensitivity', 'compare')]);
  const width = Math.max(...[...rows, ...mib].map((r) => r[0].length));
  log(`plain node start-up: ${t.node.toFixed(1)} ms CPU (median of ${RUNS}); start-up ratios are to it, large-workspace ratios to the js-yaml reference, all measured in this run${SMOKE ? ' (smoke: small inputs, not judged)' : ''}`);
  const results = [];
  for (const [name, value, target, runs] of rows) results.push({ name, value, target, unit: '×', ok: value <= target, ...(runs ? { runs } : {}) });
  for (const [name, value, target] of mib) results.push({ name, value, target, unit: ' MiB', ok: value === undefined || value <= target });
  for (const r of results) {
    const shown = r.value === undefined ? '  n/a (no GNU time)' : `${r.value.toFixed(r.unit === '×' ? 2 : 0).padStart(6)}${r.unit}`;
    const range = r.runs ? `   (runs: ${r.runs.low.toFixed(2)}–${r.runs.high.toFixed(2)})` : '';
    log(`${r.name.padEnd(width)}  ${shown}   target ≤ ${r.target}${r.unit}   ${r.ok ? 'ok' : 'MISSED'}${range}`);
  }
  log(`(CPU ms: node ${t.node.toFixed(0)}, --help ${t.help.toFixed(0)}, compare examples json ${t.json.toFixed(0)}; ${files} (${(big.bytes / 1e6).toFixed(1)} MB): js-yaml ${b.reference.toFixed(0)}, compare ${b.compare.toFixed(0)}, check ${b.check.toFixed(0)}, a tenth ${b.tenth.toFixed(0)}; js-yaml peak ${memory.reference?.toFixed(0) ?? 'n/a'} MiB)`);
  log(`(absolute: --version ${t.version.toFixed(0)} ms, compare ${t.compare.toFixed(0)} ms, ${SMALL * 3} files ${s.small.toFixed(0)} ms, ${LARGE * 3} files ${s.large.toFixed(0)} ms = ${((s.large - t.json) / (LARGE * 3)).toFixed(2)} ms a file)`);
  log(`(diff with 8 / 800 / 8,000 evaluators: ${d.tiny.toFixed(0)} / ${d.n.toFixed(0)} / ${d.n10.toFixed(0)} ms; sensitivity with 20 / 200 / 2,000: ${p.tiny.toFixed(0)} / ${p.n.toFixed(0)} / ${p.n10.toFixed(0)} ms)`);
  const failed = results.filter((r) => !r.ok).length;
  if (JSON_OUT) console.log(JSON.stringify({ smoke: SMOKE, runs: RUNS, unit: 'CPU ms', startup: t, scaling: s, large: { files: BIG * 5, bytes: big.bytes, ...b, peakMiB: memory }, sensitivity: q, diff: d, panels: p, targets: results }, null, 2));
  // A smoke run proves the bench runs; on inputs that small the ratios mean nothing.
  process.exitCode = failed && !SMOKE ? 1 : 0;
} finally {
  for (const dir of [small, large, ...diffs, ...panels, panel, big.dir, tenth.dir]) rmSync(dir, { recursive: true, force: true });
}
