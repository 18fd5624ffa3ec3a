import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli } from '../helpers/cli.js';

// Fixtures, scale 0–5 (a score s normalises to 20·s), mean of evaluators, unanswered counts as 0:
// sensitivity-fragile: security weight 11, delivery 10. Alpha: Ann and Bob (5, 0) → (100, 0),
//   total 1100/21 = 52.38. Bravo: both (2, 3) → (40, 60), total (440 + 600)/21 = 49.52.
// sensitivity-tie: the same with weights 1, 1; Alpha (5, 0) and Bravo (0, 5) both total 50.
// sensitivity-gaps: security (logging, knockout below 3; access) and delivery (shipped), weights 1, 1.
//   Kappa: Ann (0, 5, 5), Bob (5, 5, 5): logging 2.5 < 3, knocked out; Lima: Bob (4, 4, 4) → 80;
//   Sierra: Ann (3, 3, 3) → 60.

const run = (name: string, ...args: string[]) => runCli(['sensitivity', fixture(name), ...args]);

describe('vendorscore sensitivity', () => {
  it('a fragile ranking, in full: every number worked out by hand', () => {
    // Security at weight w: Alpha 100w/(w + 10), Bravo (40w + 600)/(w + 10): equal at w = 10, share
    // 10/20 = 50% (now 11/21 = 52.4%), −9.1%: within ±20%. Delivery at w: Alpha 1100/(11 + w),
    // Bravo (440 + 60w)/(11 + w): equal at w = 11, share 11/22 = 50% (now 47.6%), +10%.
    // Random weights: Alpha leads iff 100a > 40a + 60b, i.e. a > b, with a uniform on [8.8, 13.2]
    // and b on [8, 12]: P(a ≤ b) = (3.2²/2)/(4.4 · 4) = 0.291, so about 70.9%; 1389 of 2000 draws
    // (69.45%) is inside its 99% interval, 66.7–72%.
    // Kinder by 1: Alpha (5, 0.5) → (1100 + 100)/21 = 57.14, Bravo (2.5, 3.5) → (550 + 700)/21 =
    // 59.52: Bravo leads. Harsher: Alpha (4.5, 0) → 47.14, Bravo (1.5, 2.5) → 39.52: no change.
    // One step by one of two evaluators: logging at Alpha 5 → 4: 4.5 → 90, 990/21 = 47.14 < 49.52;
    // logging at Bravo 2 → 3: 2.5 → 50, 1150/21 = 54.76 > 52.38 (both lead by 50/21); shipped at
    // Bravo 3 → 4: 1140/21 = 54.29 (by 40/21). Within one point: Alpha's two logging scores down,
    // Bravo's four scores up: 6.
    const r = run('sensitivity-fragile');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('using ./test/fixtures/sensitivity-fragile/rubric.yaml\n');
    expect(r.stdout).toBe(
      [
        'Fragile: Alpha leads, but if security fell from 52.4% to under 50% of the total (rubric weight under 10 instead of 11), Bravo would lead.',
        'Decided by one area weight at a time; also found by all weights at random, one evaluator at a time and one score at a time.',
        'Counted as plausible (a change of leader within any of these would make the ranking fragile):',
        '- any one area weight up to 20% lighter or heavier',
        '- all weights at random within ±20% each: the leader must stay first in at least 95% of draws (at 99% confidence)',
        '- any one evaluator left out, or all their scores 1 point harsher or kinder',
        '- any one score up to 1 point different',
        "- a lead larger than the spread of the evaluators' own totals",
        '',
        'Lead: Alpha leads Bravo by 2.9 points. Scored by each evaluator alone, on the questions they answered, Alpha totals 52.4 from each of them and Bravo 49.5 from each of them; the evaluators agree exactly: a clear winner.',
        '',
        'One area weight at a time, the others unchanged, over every weight from 0 (without the area) up:',
        '- Security: 52.4% of the total now (rubric weight 11). If it fell from 52.4% to under 50% of the total (rubric weight under 10 instead of 11), Bravo would lead ⚠ within ±20%.',
        '    Order: Bravo would pass Alpha under 50% (weight 10) ⚠ within ±20%.',
        '- Delivery: 47.6% of the total now (rubric weight 10). If it rose from 47.6% to over 50% of the total (rubric weight over 11 instead of 10), Bravo would lead ⚠ within ±20%.',
        '    Order: Bravo would pass Alpha over 50% (weight 11) ⚠ within ±20%.',
        '',
        'All weights at random, each within ±20% of its value (2,000 draws; seed 1; ranges in brackets at 99% confidence):',
        '- Alpha: first in 69.5% of draws (66.7%–72%); 1st–2nd in at least 90% of draws',
        '- Bravo: first in 30.6% of draws (28%–33.3%); 1st–2nd in at least 90% of draws',
        'Alpha stays first in 69.5% of draws (66.7%–72%): below the 95% needed ⚠.',
        '',
        'One evaluator at a time: left out, or every one of their scores 1 point harsher or kinder, held at 0 and 5, the ends of the scale.',
        '- Ann',
        '    left out: the same ranking',
        '    1 point harsher: the same ranking (1 of their 4 scores held at 0)',
        '    1 point kinder: Bravo would lead ⚠; Alpha drops from 1st to 2nd (1 of their 4 scores held at 5)',
        '- Bob',
        '    left out: the same ranking',
        '    1 point harsher: the same ranking (1 of their 4 scores held at 0)',
        '    1 point kinder: Bravo would lead ⚠; Alpha drops from 1st to 2nd (1 of their 4 scores held at 5)',
        '',
        "One score at a time: the smallest changes to one evaluator's score on one question that would change the leader:",
        '- If Ann had scored logging at Alpha as 4 instead of 5, Bravo would lead ⚠ within 1 point.',
        '- If Bob had scored logging at Alpha as 4 instead of 5, Bravo would lead ⚠ within 1 point.',
        '- If Ann had scored logging at Bravo as 3 instead of 2, Bravo would lead ⚠ within 1 point.',
        '6 single scores could change the leader by moving 1 point or less.',
        '',
      ].join('\n'),
    );
    // Same seed, same report.
    expect(run('sensitivity-fragile').stdout).toBe(r.stdout);
  });

  it('a tie at the top is named as a tie, and any change of a weight decides it', () => {
    const r = run('sensitivity-tie');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Fragile: Alpha and Bravo tie for first, so there is no single leader.');
    expect(r.stdout).toContain('Lead: Alpha and Bravo tie for first, at 50.0: no clear winner.');
    // Security lighter: Alpha 100w/(w + 1) < 50 < Bravo 100/(w + 1) for w < 1.
    expect(r.stdout).toContain('- Security: 50% of the total now (rubric weight 1). If it weighed any less, Bravo would lead alone ⚠ within ±20%. If it weighed any more, Alpha would lead alone ⚠ within ±20%.');
    // Ann is the only evaluator: left out, nothing is left to rank.
    expect(r.stdout).toContain('    left out: no vendor would lead ⚠; Alpha and Bravo have no evaluation left (only Ann evaluated them) and drop out of the ranking');
    expect(r.stdout).not.toMatch(/nobody leads/);
  });

  it('an evaluator whose removal un-knocks a vendor; a vendor only one evaluator scored; the bias snapped to the step', () => {
    // Without Ann: Kappa's logging is Bob's 5, so it qualifies with (100 + 100)/2 = 100 and leads;
    // Sierra, scored by Ann alone, has no evaluation left. Kinder Ann: logging (1 + 5)/2 = 3, not
    // below 3: Kappa qualifies with security (3 + 5)/2 = 4 → 80, delivery 100: 90 > Lima's 80.
    const r = run('sensitivity-gaps', '--bias', '0.5');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Fragile: Lima leads, but without Ann, Kappa would lead.');
    expect(lines).toContain(
      "One evaluator at a time: left out, or every one of their scores 1 point harsher or kinder, held at 0 and 5, the ends of the scale (--bias 0.5 is not a whole number of the scale's steps of 1: scores move by 1 point, the bias rounded to the nearest step).",
    );
    expect(lines).toContain('    left out: Kappa would lead ⚠; Kappa qualifies in 1st place, Lima drops from 1st to 2nd and Sierra has no evaluation left (only Ann evaluated it) and drops out of the ranking');
    // Harsher Ann: Sierra (2, 2, 2): logging 2 < 3, knocked out; Ann's 0 at Kappa stays 0.
    expect(lines).toContain('    1 point harsher: Lima still leads; Sierra is knocked out (1 of their 6 scores held at 0)');
    // Harsher Bob: Lima (3, 3, 3) → 60, tied with Sierra; Kappa still knocked out.
    expect(lines).toContain('    1 point harsher: Lima and Sierra would tie for first ⚠');
    expect(lines).toContain('- If Ann had scored logging at Kappa as 1 instead of 0, Kappa would lead (Kappa would qualify) ⚠ within 1 point.');
    // Lima's logging 4 → 3 is not below 3 (total 75, still first); 4 → 2 knocks it out.
    expect(lines).toContain('- If Bob had scored logging at Lima as 2 instead of 4, Sierra would lead (Lima would be knocked out).');
    expect(r.stdout).not.toMatch(/–→|→–/);
  });

  it('the bundled examples read as a plain account: robust, with every range stated', () => {
    const r = runCli(['sensitivity', 'examples/evaluations']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Robust: Northwind Applied AI stays first under every change this report counts as plausible.');
    // Ownership at weight w (others 85): the leader changes only at w = 1231.5 (share 93.6%).
    expect(r.stdout).toContain('- Ownership: 15% of the total now (rubric weight 15). If it rose from 15% to over 93.6% of the total (rubric weight over 1231.5 instead of 15), Quanta Forge would lead, outside the ±20% counted as plausible.');
    expect(r.stdout).toContain('Below the leader the order is less firm: Brightloop Labs would pass Quanta Forge if ownership fell from 15% to under 12.6% of the total (rubric weight under 12.2 instead of 15).');
    expect(r.stdout).toContain('    left out: Northwind Applied AI still leads; Meridian Data Works qualifies in 2nd place, Quanta Forge drops from 2nd to 4th and Société Lumière IA drops from 4th to 5th');
    // The figures a scan capped at +200% could not see.
    expect(r.stdout).toContain('Société Lumière IA would pass Quanta Forge over 87.1% (weight 571.7)');
    expect(r.stdout).not.toMatch(/−0%|\+200%|nobody/);
    expect(runCli(['sensitivity', 'examples/evaluations']).stdout).toBe(r.stdout);
    // The README quotes this output whole.
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`On the bundled examples:\n\n\`\`\`\n${r.stdout}\`\`\`\n`);
    // Too few draws to tell: 5, then up to 8 rounds, 40 in all, every one with Northwind first. The
    // 99% Wilson interval at 40 of 40 starts at 40 / (40 + 2.5758²) = 0.858, below 95%.
    const few = runCli(['sensitivity', 'examples/evaluations', '--samples', '5']);
    expect(few.stdout.split('\n')[0]).toBe(
      'Too close to call: Northwind Applied AI leads and no probe finds another leader, but 40 random weightings within ±20% cannot tell whether it stays first in at least 95% of them: it is first in 100% (85.8%–100% at 99% confidence); more --samples can settle it.',
    );
  });

  it('markdown: the same sentences for a pull request, a list closed before each paragraph', () => {
    const r = run('sensitivity-fragile', '--format', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('### Would the ranking survive?\n\n**Fragile**: Alpha leads, but if security fell')).toBe(true);
    expect(r.stdout).toContain('- Ann\n  - left out: the same ranking\n');
    expect(r.stdout).toContain('- Bravo: first in 30.6% of draws (28%–33.3%); 1st–2nd in at least 90% of draws\n\nAlpha stays first in 69.5% of draws');
  });

  it('json: exact flip points, and every key documented in docs/json.md', () => {
    const j = JSON.parse(run('sensitivity-fragile', '--format', 'json').stdout);
    expect(j.verdict).toEqual({ state: 'fragile', decidedBy: ['weights', 'draws', 'evaluators', 'scoreSteps'] });
    const security = j.weights[0];
    expect(security.leaderChanges).toEqual([{ raw: 10, share: 0.5, change: 10 / 11 - 1, direction: 'down', from: ['alpha'], to: ['bravo'], plausible: true }]);
    expect(j.draws).toMatchObject({ requested: 2000, samples: 2000, seed: 1, decision: 'fails' });
    // The true share, 1 − 5.12/17.6 = 0.7091 (see above), lies inside the 99% interval, which lies below 95%.
    expect(j.draws.leaderStays.low).toBeLessThan(1 - 5.12 / 17.6);
    expect(j.draws.leaderStays.high).toBeGreaterThan(1 - 5.12 / 17.6);
    expect(j.draws.leaderStays.high).toBeLessThan(0.95);
    // Every key path the JSON has is in the table of keys in docs/json.md.
    const keys = readFileSync(path.join(ROOT, 'docs', 'json.md'), 'utf8');
    const paths = new Set<string>();
    const walk = (x: unknown, at: string) => {
      if (Array.isArray(x)) x.forEach((y) => walk(y, `${at}[]`));
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) {
        const p = at ? `${at}.${k}` : k;
        if (at !== 'options.weights') paths.add(p);
        walk(v, p);
      }
    };
    for (const args of [[], ['--weights', 'security=12']]) walk(JSON.parse(run('sensitivity-fragile', '--format', 'json', ...args).stdout), '');
    walk(JSON.parse(run('sensitivity-gaps', '--format', 'json').stdout), '');
    const missing = [...paths].filter((p) => !keys.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });

  it('hostile names are sanitised in every format', () => {
    const cwd = fixture('bad');
    for (const format of ['table', 'markdown']) {
      const r = runCli(['sensitivity', 'hostile-text.yaml', '--samples', '10', '--format', format, '--quiet'], { cwd });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e\u200b\u2066\r]/);
    }
    const j = runCli(['sensitivity', 'hostile-text.yaml', '--samples', '10', '--format', 'json', '--quiet'], { cwd });
    expect(j.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(JSON.parse(j.stdout).vendors[0].name).toContain('\u202e');
  });

  it('options are validated', () => {
    const cases: Array<[string[], string]> = [
      [['--spread', '150'], '--spread must be a percentage between 0 and 100, not "150"'],
      [['--spread', '0'], '--spread must be a percentage between 0 and 100, not "0"'],
      [['--samples', '0'], '--samples must be a whole number from 1 to 1000000, not "0"'],
      [['--bias', '-1'], '--bias must be a number of scale points, 0 or more, not "-1"'],
      [['--seed', '1.5'], '--seed must be a whole number, not "1.5"'],
    ];
    for (const [args, message] of cases) {
      const bad = run('sensitivity-fragile', ...args);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toBe(`vendorscore: ${message}\n`);
    }
  });
});
