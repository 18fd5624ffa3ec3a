import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

// test/fixtures/ci-diff/after: Globex 77.2 (rank 1), Acme AI 74.9 (rank 2, evaluators 2 points
// apart on logging), Initech 30.5 (disqualified, one evaluator, `references` unanswered).
const cwd = fixture('ci-diff');
// The rubric is found among the paths, so each run first says which one it uses.
const NOTE = 'using ./after/rubric.yaml\n';
const compare = (args: string[], env: Record<string, string> = {}) => runCli(['compare', 'after', '--format', 'json', ...args], { cwd, env });

describe('gates on compare', () => {
  it('a gate that holds: exit 0, output as usual, nothing on stderr', () => {
    const r = compare(['--fail-under', '77', '--fail-if-empty', '--max-disagreement', '2.5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(NOTE);
    expect(JSON.parse(r.stdout).vendors.map((v: { id: string }) => v.id)).toEqual(['globex', 'acme-ai', 'initech']);
  });

  it('--fail-under checks the leader: exit 1, the output is still written, the reason on stderr', () => {
    const r = compare(['--fail-under', '80']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).vendors).toHaveLength(3);
    expect(r.stderr).toBe(NOTE + 'vendorscore: gate failed: --fail-under 80: the leader, Globex, has 77.2, below 80\n');
  });

  it('--fail-under --all checks every qualified vendor (not the disqualified one)', () => {
    expect(compare(['--fail-under', '74', '--all']).code).toBe(0);
    const r = compare(['--fail-under', '75', '--all']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(NOTE + 'vendorscore: gate failed: --fail-under 75 --all: Acme AI (rank 2) has 74.9, below 75\n');
  });

  it('every broken gate is listed, each naming the vendor and the rule', () => {
    const r = compare(['--fail-under', '78', '--require-complete', '--max-disagreement', '1.5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        NOTE + 'vendorscore: gate failed: --fail-under 78: the leader, Globex, has 77.2, below 78',
        'vendorscore: gate failed: --require-complete: Initech has 1 unanswered question(s): references',
        'vendorscore: gate failed: --max-disagreement 1.5: Acme AI: evaluators are 2 points apart on logging (Ann 4, Bob 2)',
        '',
      ].join('\n'),
    );
  });

  it("--max-disagreement 2 fails on exactly the questions the rubric's disagreement: 2 flags (evaluators 2 or more points apart)", () => {
    const flagged = (JSON.parse(compare([]).stdout) as { vendors: Array<{ name: string; areas: Array<{ questions: Array<{ id: string; disagreement: boolean }> }> }> }).vendors.flatMap((v) =>
      v.areas.flatMap((a) => a.questions.filter((q) => q.disagreement).map((q) => `${v.name}: ${q.id}`)),
    );
    expect(flagged).toEqual(['Acme AI: logging']);
    const r = compare(['--max-disagreement', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('using ./after/rubric.yaml\nvendorscore: gate failed: --max-disagreement 2: Acme AI: evaluators are 2 points apart on logging (Ann 4, Bob 2)\n');
    expect(compare(['--max-disagreement', '2.5']).code).toBe(0);
  });

  it('in GitHub Actions a broken gate is an ::error annotation', () => {
    const r = compare(['--fail-under', '80'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(NOTE + '::error title=vendorscore gate::--fail-under 80: the leader, Globex, has 77.2, below 80\n');
  });

  it.each([
    [['--fail-under', '101'], 'vendorscore: --fail-under must be a total between 0 and 100, not "101"\n'],
    [['--fail-under', 'high'], 'vendorscore: --fail-under must be a total between 0 and 100, not "high"\n'],
    [['--max-disagreement', '-1'], 'vendorscore: --max-disagreement must be a number of scale points above 0, not "-1"\n'],
    [['--max-disagreement', '0'], 'vendorscore: --max-disagreement must be a number of scale points above 0, not "0"\n'],
    [['--all'], 'vendorscore: --all applies --fail-under to every qualified vendor; give --fail-under too\n'],
  ])('%j is a usage error (exit 2) before anything is read', (args, stderr) => {
    expect(compare(args)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('gates on shortlist', () => {
  it('--fail-if-empty fails an empty shortlist', () => {
    const r = runCli(['shortlist', 'after', '--min-score', '90', '--fail-if-empty', '--format', 'markdown'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('### Vendor ranking: Mini rubric\n\nNone of the 3 vendor(s) evaluated is listed: none is qualified at or above the threshold given.\n');
    expect(r.stderr).toBe(NOTE + 'vendorscore: gate failed: --fail-if-empty: the shortlist has no qualified vendor\n');
  });

  it('gates apply to the shortlisted vendors only', () => {
    // Initech is unanswered on one question but is not on the shortlist.
    const r = runCli(['shortlist', 'after', '--top', '2', '--require-complete', '--fail-under', '70', '--all', '--format', 'csv'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(NOTE);
  });
});
