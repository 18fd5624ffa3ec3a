import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('vendorscore sensitivity', () => {
  it('says whether the leader survives weight changes and each evaluator, reproducibly', () => {
    const r = runCli(['sensitivity', 'examples/evaluations']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('Robust: Northwind Applied AI stays first under every change tried below.');
    // The near tie between Quanta Forge and Brightloop Labs is what moves first.
    expect(r.stdout).toMatch(/- Ownership \(15%\): leader holds for any cut .*order holds from −\d+% \(Brightloop Labs passes Quanta Forge\)/);
    // Leaving the security evaluator out lifts the knockout on Meridian Data Works.
    expect(r.stdout).toContain('- Lena Ortiz (Security): without them: same leader (Meridian Data Works –→2');
    expect(runCli(['sensitivity', 'examples/evaluations']).stdout).toBe(r.stdout);
  });

  it('json carries the numbers; options are validated', () => {
    const j = JSON.parse(runCli(['sensitivity', 'examples/evaluations', '--format', 'json', '--samples', '500', '--spread', '50']).stdout);
    expect(j.leader).toEqual(['northwind-applied-ai']);
    expect(j.draws).toMatchObject({ samples: 500, spread: 0.5, seed: 1 });
    expect(j.weights).toHaveLength(7);
    const bad = runCli(['sensitivity', 'examples/evaluations', '--spread', '150']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('vendorscore: --spread must be a percentage between 0 and 100, not "150"\n');
  });
});
