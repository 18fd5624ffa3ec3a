import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/io/load.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { bundled, HALF_POINTS, halfPoints, loadEvaluationFile } from '../interview/helpers.js';
import { answer, choose, KEY, PtySession } from '../interview/pty.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-interview-'));
const HP = ['--vendor', 'Acme AI', '--evaluator', 'Dana', '--rubric', HALF_POINTS];
const OUT = path.join('evaluations', 'acme-ai', 'dana.yaml');

/** At the score prompt: `typed` and Enter in ONE write (as a paste or tmux send-keys delivers them); resolves to the answered line. */
async function typedWithEnter(s: PtySession, typed: string, confirm = false): Promise<string> {
  s.write(`${typed}${KEY.enter}${confirm ? 'y' : ''}`);
  return s.waitFor(/✔ Score .*\n/, `the answer to "${typed}⏎"`);
}

async function noNotesNorEvidence(s: PtySession): Promise<void> {
  await s.waitFor('? Notes');
  s.write(KEY.enter);
  await s.waitFor('? Evidence');
  s.write(KEY.enter);
}

describe('interview in a pseudo-terminal', () => {
  it('a whole interview: header, progress, guidance, knockout notice, answers saved, summary, and a file check accepts', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    const header = await s.waitFor(/── Security[\s\S]*?\(keys\)[\s\S]*?10 Excellent +A vault with automatic rotation\./, 'the first question');
    expect(header).toContain('── Security · weight 75% ──');
    expect(header).toContain('Keys and logs.\nArea 1 of 2 · question 1 of 2 · 1 of 4 overall · 0 answered\n\nHow are API keys stored and rotated?\n(keys)\n');
    expect(header).toContain('KNOCKOUT: a score below 4 disqualifies the vendor (API keys are not protected).');
    expect(header).toContain('Guidance\n  1 Poor        Keys in the repository.\n  5.5 Fair      A vault, but no rotation.\n');
    await answer(s, '7.5', 'Vault, manual rotation', 'vault-policy.pdf, https://example.com/audit');
    await s.waitFor('Area 1 of 2 · question 2 of 2 · 2 of 4 overall · 1 answered');
    await s.waitFor('Evidence expected: ask for a document or a link.');
    await answer(s, '6');
    await s.waitFor('── Delivery · weight 25% ──');
    await s.waitFor('Area 2 of 2 · question 1 of 2 · 3 of 4 overall · 2 answered');
    await answer(s, '9');
    await answer(s, '10');
    await s.waitFor('── Review · 4 of 4 answered ──');
    await s.waitFor('❯ Finish: save and show the summary');
    s.write(KEY.enter);
    const summary = await s.waitFor(/Acme AI \(acme-ai\)[\s\S]*Next: .*\n/, 'the summary');
    expect((await s.exited).exitCode).toBe(0);
    expect(summary).toBe(
      [
        'Acme AI (acme-ai), scored by Dana: 4 of 4 questions answered',
        `Saved in ${OUT}`,
        '',
        '  Area          Weight  Score  of 100',
        '  Security         75%    6.8    63.9',
        '  Delivery         25%    9.5    94.4',
        '  Total so far                   71.5',
        '',
        'Knockouts triggered: none',
        'Unanswered: none; every question has a score',
        '',
        `Next:         vendorscore compare evaluations --rubric ${HALF_POINTS}`,
        '',
      ].join('\n'),
    );
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({
      keys: { score: 7.5, notes: 'Vault, manual rotation', evidence: ['vault-policy.pdf', 'https://example.com/audit'] },
      logs: { score: 6, evidence: [] },
      shipped: { score: 9, evidence: [] },
      references: { score: 10, evidence: [] },
    });
    expect(existsSync(path.join(cwd, `${OUT}.lock`))).toBe(false);
    expect(runCli(['check', 'evaluations', '--rubric', HALF_POINTS], { cwd }).code).toBe(0);
    const compared = JSON.parse(runCli(['compare', 'evaluations', '--rubric', HALF_POINTS, '--format', 'json'], { cwd }).stdout);
    expect(compared.vendors[0]).toMatchObject({ id: 'acme-ai', rank: 1, complete: true });
  });

  it('asks for missing names, skip, back, review and edit', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', '--rubric', HALF_POINTS], { cwd });
    await s.waitFor('? Vendor name');
    s.write(`Société Générale AI${KEY.enter}`);
    await s.waitFor('? Your name (evaluator)');
    s.write(`Lena Ortiz${KEY.enter}`);
    await s.waitFor('(keys)');
    await choose(s, 's', 's  Skip: leave unanswered');
    await s.waitFor('(logs)');
    await answer(s, '6', 'Platform team only');
    await s.waitFor('(shipped)');
    await choose(s, 'b', 'b  Back');
    await s.waitFor('(logs)');
    await s.waitFor('Current answer: 6 · notes');
    await choose(s, 'b', 'b  Back');
    await s.waitFor('(keys)');
    await answer(s, '3');
    // logs is answered: on to shipped.
    await s.waitFor('(shipped)');
    await choose(s, 'r', 'r  Review');
    await s.waitFor('── Review · 2 of 4 answered ──');
    await s.waitFor('❯ Continue where you were (shipped)');
    // Continue, Save and quit, then the answers: keys is the third choice.
    s.write(KEY.down + KEY.down);
    await s.waitFor(/❯ ✓ keys +3/);
    s.write(KEY.enter);
    await s.waitFor('Current answer: 3');
    await answer(s, '4.5');
    await s.waitFor('── Review · 2 of 4 answered ──');
    s.write(KEY.down);
    await s.waitFor('❯ Save and quit (2 unanswered; resume any time)');
    s.write(KEY.enter);
    await s.waitFor('Unanswered (2): shipped, references');
    const rest = await s.waitFor(/Resume with: .*\nNext: .*\n/);
    expect(rest).toBe(`Resume with:  vendorscore interview --vendor 'Société Générale AI' --evaluator 'Lena Ortiz' --rubric ${HALF_POINTS} --out ${path.join(cwd, 'evaluations', 'societe-generale-ai', 'lena-ortiz.yaml')}\nNext:         vendorscore compare evaluations --rubric ${HALF_POINTS}\n`);
    expect((await s.exited).exitCode).toBe(0);
    const file = path.join(cwd, 'evaluations', 'societe-generale-ai', 'lena-ortiz.yaml');
    expect(readFileSync(file, 'utf8')).toMatch(/^vendor:\n  id: societe-generale-ai\n  name: Société Générale AI\nrubric: pilot-check@2\nevaluator: Lena Ortiz\ndate: \d{4}-\d\d-\d\d\nanswers:\n  keys: 4.5\n  logs:\n    score: 6\n    notes: Platform team only\n$/);
  });

  it('Ctrl-C exits 130 with answers saved and the resume command; resuming continues where it stopped and keeps comments', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await answer(s, '7', 'first note');
    await s.waitFor('(logs)');
    await choose(s, '5.5');
    // Ctrl-C in the notes prompt: the score given a moment ago is already on disk.
    await s.waitFor('? Notes');
    s.write(KEY.ctrlC);
    const tail = await s.waitFor(/Interrupted\.[\s\S]*Resume with: .*\n/);
    expect(tail).toBe(`Interrupted. 2 of 4 answers are saved in ${OUT}.\nResume with: vendorscore interview --vendor 'Acme AI' --evaluator Dana --rubric ${HALF_POINTS} --out ${path.join(cwd, OUT)}\n`);
    expect((await s.exited).exitCode).toBe(130);
    const file = path.join(cwd, OUT);
    expect(loadEvaluationFile(file, halfPoints()).answers).toEqual({ keys: { score: 7, notes: 'first note', evidence: [] }, logs: { score: 5.5, evidence: [] } });
    expect(existsSync(`${file}.lock`)).toBe(false);

    // Someone adds a comment by hand between sessions.
    writeFileSync(file, readFileSync(file, 'utf8').replace('answers:\n', 'answers:\n  # keys: re-check after the security call\n'));
    const again = new PtySession(['interview', ...HP], { cwd });
    await again.waitFor('Area 2 of 2 · question 1 of 2 · 3 of 4 overall · 2 answered');
    await again.waitFor('(shipped)');
    await answer(again, '8');
    await again.waitFor('(references)');
    await choose(again, 'q', 'q  Save and quit');
    await again.waitFor('Resume with:');
    expect((await again.exited).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('answers:\n  # keys: re-check after the security call\n  keys:\n    score: 7\n    notes: first note\n  logs: 5.5\n  shipped: 8\n');
  });

  it('a score typed together with Enter (fast typing, a paste, tmux send-keys) is the score saved, every time', async () => {
    const cwd = tmp();
    // Twelve questions on a 1–10 scale in half points, where "1" also matches 1.5 and 10.
    const typed = ['10', '1', '7.5', '5,5', '4', '1.5', '9.5', '2', '6', '3.5', '8', '10'];
    const values = [10, 1, 7.5, 5.5, 4, 1.5, 9.5, 2, 6, 3.5, 8, 10];
    const labels: Record<number, string> = { 1: ' Poor', 5.5: ' Fair', 10: ' Excellent' };
    const questions = typed.map((_, k) => `      - id: q${k + 1}\n        text: Question ${k + 1}?\n`).join('');
    const rubricFile = path.join(cwd, 'rapid.yaml');
    writeFileSync(rubricFile, `id: rapid\nversion: 1\ntitle: Rapid\nscale: {min: 1, max: 10, step: 0.5, labels: {1: Poor, 5.5: Fair, 10: Excellent}}\nmissing: min\nareas:\n  - id: all\n    name: All\n    weight: 1\n    questions:\n${questions}`);
    const s = new PtySession(['interview', '--vendor', 'Quanta Forge', '--evaluator', 'Ravi', '--rubric', rubricFile], { cwd });
    for (const [k, t] of typed.entries()) {
      await s.waitFor(`(q${k + 1})\n`, `question ${k + 1}`);
      await s.waitFor('? Score');
      // One read holding the value and Enter. No second Enter is ever sent on a score.
      expect(await typedWithEnter(s, t)).toBe(`✔ Score ${values[k]}${labels[values[k]!] ?? ''}\n`);
      await noNotesNorEvidence(s);
    }
    await s.waitFor('── Review');
    await s.waitFor('❯ Finish: save and show the summary');
    s.write(KEY.enter);
    await s.waitFor('Next:');
    expect((await s.exited).exitCode).toBe(0);
    const { rubric } = loadRubric(rubricFile);
    const saved = loadEvaluationFile(path.join(cwd, 'evaluations', 'quanta-forge', 'ravi.yaml'), rubric!).answers;
    expect(saved).toEqual(Object.fromEntries(values.map((v, k) => [`q${k + 1}`, { score: v, evidence: [] }])));
  });

  it('a value typed together with Enter wins over the highlighted current answer when going back', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await s.waitFor('(keys)\n');
    await s.waitFor('? Score');
    expect(await typedWithEnter(s, '10')).toBe('✔ Score 10 Excellent\n');
    await noNotesNorEvidence(s);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    s.write(`b${KEY.enter}`);
    await s.waitFor('(keys)\n');
    await s.waitFor(/❯ +10 /, 'the current answer highlighted');
    // "1⏎" in one read: 1, the first match of what was typed, not the highlighted 10 (nor 1.5); a knockout, so "y" confirms it.
    expect(await typedWithEnter(s, '1', true)).toBe('✔ Score 1 Poor\n');
    await noNotesNorEvidence(s);
    await s.waitFor('(logs)\n');
    await s.waitFor('? Score');
    expect(await typedWithEnter(s, '5,5')).toBe('✔ Score 5.5 Fair\n');
    await noNotesNorEvidence(s);
    await s.waitFor('(shipped)\n');
    await s.waitFor('? Score');
    s.write(`q${KEY.enter}`);
    await s.waitFor('Resume with:');
    expect((await s.exited).exitCode).toBe(0);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 1, evidence: [] }, logs: { score: 5.5, evidence: [] } });
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ])('%s (or a closed terminal) ends the session with every answer saved and the lock released', async (signal, code) => {
    const cwd = tmp();
    const s = new PtySession(['interview', ...HP], { cwd });
    await answer(s, '8.5', 'solid');
    await s.waitFor('(logs)');
    await s.waitFor('? Score');
    s.kill(signal);
    const e = await s.exited;
    expect(e.exitCode).toBe(code);
    if (signal === 'SIGINT') expect(s.text()).toContain(`Interrupted. 1 of 4 answers are saved in ${OUT}.\n`);
    if (signal === 'SIGTERM') expect(s.text()).toContain(`vendorscore: stopped by SIGTERM. 1 of 4 answers are saved in ${OUT}.\nResume with: vendorscore interview --vendor 'Acme AI' --evaluator Dana --rubric ${HALF_POINTS} --out ${path.join(cwd, OUT)}\n`);
    expect(loadEvaluationFile(path.join(cwd, OUT), halfPoints()).answers).toEqual({ keys: { score: 8.5, notes: 'solid', evidence: [] } });
    expect(existsSync(path.join(cwd, `${OUT}.lock`))).toBe(false);
  });

  it('SIGKILL at random moments while saving always leaves a valid file; the next run takes over the stale lock and resumes', async () => {
    const cwd = tmp();
    const rubric = bundled();
    const ids = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));
    // VENDORSCORE_KILL_RUNS=100 runs the long loop by hand; CI runs a few.
    const runs = Number(process.env.VENDORSCORE_KILL_RUNS ?? 6);
    let evaluator = 'Ravi';
    let args = ['interview', '--vendor', 'Quanta Forge', '--evaluator', evaluator];
    let file = path.join(cwd, 'evaluations', 'quanta-forge', 'ravi.yaml');
    let seed = 20261125;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let given = new Map<string, number>();
    let kills = 0;
    for (let run = 0; run < runs; run++) {
      if (given.size > ids.length - 4) {
        // This file is nearly full: go on killing sessions of another evaluator.
        evaluator = `Ravi ${run}`;
        args = ['interview', '--vendor', 'Quanta Forge', '--evaluator', evaluator];
        file = path.join(cwd, 'evaluations', 'quanta-forge', `ravi-${run}.yaml`);
        given = new Map();
      }
      const s = new PtySession(args, { cwd });
      const complete = rand(3);
      for (let k = 0; k <= complete; k++) {
        const id = (await s.waitFor(/\(([a-z0-9-]+)\)\n/, 'a question')).slice(1, -2);
        const score = rand(6);
        if (k < complete) {
          await answer(s, String(score));
          given.set(id, score);
          continue;
        }
        // The kill lands while this score is being written (or just before or after).
        await s.waitFor('? Score');
        s.write(String(score));
        await s.waitFor(new RegExp(`Score ${score}\\s*\\n❯ +${score}`));
        s.write(KEY.enter);
        // A save takes some 30–110 ms here (two fsyncs): kill before, during or after it.
        await new Promise((r) => setTimeout(r, rand(120)));
        s.kill('SIGKILL');
        kills++;
        await s.exited;
        const saved = loadEvaluationFile(file, rubric).answers;
        if (saved[id]) {
          expect(saved[id]!.score).toBe(score);
          given.set(id, score);
        }
      }
      const saved = loadEvaluationFile(file, rubric).answers;
      for (const [id, score] of given) expect(saved[id]?.score, id).toBe(score);
      expect(Object.keys(saved).sort()).toEqual([...given.keys()].sort());
    }
    expect(kills).toBe(runs);
    expect(given.size).toBeGreaterThan(3);

    // A last run answers everything left and finishes.
    const s = new PtySession(args, { cwd });
    for (;;) {
      const next = await s.waitFor(/\(([a-z0-9-]+)\)\n|── Review/, 'a question or the review');
      if (next.startsWith('── Review')) break;
      await answer(s, '4');
      given.set(next.slice(1, -2), 4);
    }
    await s.waitFor('❯ Finish: save and show the summary');
    s.write(KEY.enter);
    await s.waitFor('Next:         vendorscore compare evaluations');
    expect((await s.exited).exitCode).toBe(0);
    expect(given.size).toBe(ids.length);
    const saved = loadEvaluationFile(file, rubric).answers;
    for (const [id, score] of given) expect(saved[id]?.score, id).toBe(score);
    expect(runCli(['check', 'evaluations'], { cwd }).code).toBe(0);
    const compared = JSON.parse(runCli(['compare', 'evaluations', '--format', 'json'], { cwd }).stdout);
    expect(compared.vendors[0]).toMatchObject({ id: 'quanta-forge', complete: true });
    // Temporary files of killed saves are never taken for evaluations, and the next session on
    // that file sweeps them (and its stale lock) away.
    const base = path.basename(file);
    expect(readdirSync(path.dirname(file)).filter((f) => f.includes(base) && f !== base)).toEqual([]);
  }, Math.max(120_000, Number(process.env.VENDORSCORE_KILL_RUNS ?? 6) * 15_000));

  it('a second session on the same file is refused while the first runs', async () => {
    const cwd = tmp();
    const first = new PtySession(['interview', ...HP], { cwd });
    await first.waitFor('? Score');
    const second = new PtySession(['interview', ...HP], { cwd });
    const msg = await second.waitFor(/vendorscore: .*\n/);
    expect(msg).toBe(`vendorscore: ${OUT} is already open in another session (process ${first.pid} on ${(await import('node:os')).hostname()}, since ${msg.match(/since (\S+)\)/)![1]}); finish or quit that session first. If none is running, delete ${OUT}.lock.\n`);
    expect((await second.exited).exitCode).toBe(2);
    first.write(KEY.ctrlC);
    expect((await first.exited).exitCode).toBe(130);
  });

  it('a file that belongs to another vendor, evaluator or rubric is refused, not overwritten', async () => {
    const cwd = tmp();
    mkdirSync(path.join(cwd, 'evaluations'));
    const theirs = 'vendor:\n  name: Brightloop Labs\nrubric: ai-vendor@1\nevaluator: Lena\nanswers:\n  restate-problem: 4\n';
    writeFileSync(path.join(cwd, 'evaluations', 'theirs.yaml'), theirs);
    const s = new PtySession(['interview', ...HP, '--out', 'evaluations/theirs.yaml'], { cwd });
    await s.waitFor('evaluations/theirs.yaml:4:12:');
    expect((await s.exited).exitCode).toBe(2);
    expect(s.text()).toContain('evaluations/theirs.yaml:2:9: belongs to vendor "Brightloop Labs" (brightloop-labs), not "Acme AI" (acme-ai); refusing to overwrite it (choose another --out, or the right --vendor)');
    expect(s.text()).toContain('evaluations/theirs.yaml:4:12: holds the answers of evaluator "Lena", not "Dana"');
    expect(s.text()).toContain('evaluations/theirs.yaml:3:9: was answered against rubric ai-vendor@1, but the rubric in use is pilot-check@2; refusing to mix them (choose the matching rubric with --rubric)');
    expect(readFileSync(path.join(cwd, 'evaluations', 'theirs.yaml'), 'utf8')).toBe(theirs);
  });

  it('Ctrl-C while the names are asked saves nothing and exits 130', async () => {
    const cwd = tmp();
    const s = new PtySession(['interview', '--rubric', HALF_POINTS], { cwd });
    await s.waitFor('? Vendor name');
    s.write(KEY.ctrlC);
    await s.waitFor('Interrupted before the first question; nothing was saved.');
    expect((await s.exited).exitCode).toBe(130);
    expect(existsSync(path.join(cwd, 'evaluations'))).toBe(false);
  });

  it('refuses at once when stdin is not a terminal, pointing to import', () => {
    const cwd = tmp();
    const r = runCli(['interview', '--vendor', 'Acme AI', '--evaluator', 'Dana'], { cwd, input: '3\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'vendorscore: interview needs an interactive terminal, and stdin is not one. To turn answers kept in a file into an evaluation, use: vendorscore import answers.csv --vendor NAME --evaluator NAME\n',
    );
    expect(existsSync(path.join(cwd, 'evaluations'))).toBe(false);
  });
});

describe('start-up cost', () => {
  /**
   * The source files of the bundle (dist/cli.cjs) whose functions ran in a CLI run: V8's own
   * coverage (NODE_V8_COVERAGE, written at exit) gives each function that ran, by its offset in
   * the compiled script, which dist/cli.cjs.map turns into the file it was bundled from.
   */
  const coverage = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vs-coverage-'));
    const ran = (): string[] => {
      const require = createRequire(import.meta.url);
      const { HEAD } = require(path.join(ROOT, 'bin', 'vendorscore.js')) as { HEAD: string };
      const text = readFileSync(path.join(ROOT, 'dist', 'cli.cjs'), 'latin1');
      const map = new SourceMap(JSON.parse(readFileSync(path.join(ROOT, 'dist', 'cli.cjs.map'), 'utf8')));
      const lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      const sources = new Set<string>();
      for (const file of readdirSync(dir)) {
        const { result } = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { result: { url: string; functions: { ranges: { startOffset: number; count: number }[] }[] }[] };
        for (const fn of result.find((s) => s.url === 'vendorscore/dist/cli.cjs')?.functions ?? []) {
          const { startOffset, count } = fn.ranges[0]!;
          const offset = startOffset - HEAD.length;
          if (count === 0 || offset < 0) continue;
          let line = 0;
          while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
          const { originalSource: source } = map.findEntry(line, offset - lineStarts[line]!) as { originalSource?: string };
          if (source) sources.add(source);
        }
      }
      return [...sources];
    };
    return { env: { NODE_V8_COVERAGE: dir }, ran };
  };
  const inquirer = (sources: string[]) => sources.filter((s) => s.includes('/node_modules/@inquirer/'));

  it('compare never runs the prompt library; interview does', async () => {
    const c = coverage();
    const r = runCli(['compare', 'examples/evaluations'], { env: c.env });
    expect(r.code).toBe(0);
    const ran = c.ran();
    expect(ran.some((s) => s.endsWith('/src/cli/commands/compare.ts'))).toBe(true);
    expect(inquirer(ran)).toEqual([]);

    // The same record shows inquirer's code when an interview runs, so the check above can fail.
    const i = coverage();
    const s = new PtySession(['interview', ...HP], { cwd: tmp(), env: i.env });
    await s.waitFor('? Score');
    s.write(KEY.ctrlC);
    await s.exited;
    expect(inquirer(i.ran()).length).toBeGreaterThan(0);
  });
});
