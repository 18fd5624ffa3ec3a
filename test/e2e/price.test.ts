import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../helpers/cli.js';

const published = fixture('price-published');
const mixed = fixture('price-mixed');
const json = (cwd: string, ...args: string[]) => {
  const r = runCli(['compare', '--quiet', '--format', 'json', ...args], { cwd });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('price end to end (docs/arithmetic.md#price)', () => {
  it('the published check through --format json: A 75, B 70.83, C 75, the middle bid last', () => {
    const d = json(published);
    expect(d.price).toEqual({ formula: 'ratio', weight: 50, currency: 'USD', minQuality: 0, horizonYears: 1, lowestCost: 50 });
    const v = Object.fromEntries(d.vendors.map((x: { id: string }) => [x.id, x]));
    expect([v.a.total, v.b.total, v.c.total].map((t: number) => Math.round(t * 100) / 100)).toEqual([75, 70.83, 75]);
    expect(v.b.quality).toBe(75);
    expect(v.b.price).toEqual({ cost: 75, currency: 'USD', score: (100 * 50) / 75 });
    expect(d.vendors.map((x: { id: string; rank: number }) => [x.id, x.rank])).toEqual([['a', 1], ['c', 1], ['b', 3]]);
  });

  it('knockouts, below min-quality, no quote, yearly lines and linear: ranked vendors first, the others after', () => {
    const d = json(mixed);
    expect(d.price).toEqual({ formula: 'linear', weight: 50, currency: 'USD', minQuality: 60, horizonYears: 3, lowestCost: 100000 });
    const rows = d.vendors.map((x: { id: string; rank: number | null; total: number; quality: number; price: unknown; status: string }) => [x.id, x.rank, x.total, x.quality, x.price, x.status]);
    expect(rows).toEqual([
      ['bravo', 1, 87.5, 75, { cost: 100000, currency: 'USD', score: 100 }, 'qualified'],
      // 60,000 + 30,000 a year × 3 = 150,000; linear: 100 × (1 − 50,000 / 100,000) = 50.
      ['alpha', 2, 75, 100, { cost: 150000, currency: 'USD', score: 50 }, 'qualified'],
      ['delta', null, 75, 75, null, 'no-quote'],
      ['charlie', null, 50, 50, null, 'below-min-quality'],
      ['echo', null, 0, 0, { cost: 5000, currency: 'USD', score: null }, 'disqualified'],
    ]);
  });

  it.each(['table', 'markdown', 'json', 'csv', 'html'])('--format %s shows price, and never the price of a vendor below min-quality', (format) => {
    const r = runCli(['compare', '--quiet', '--format', format], { cwd: mixed });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/1,?234,?567/);
    if (format === 'json') return;
    expect(r.stdout).toMatch(/quality/i);
    expect(r.stdout).toMatch(/150,?000/);
    if (format !== 'csv') expect(r.stdout).toContain('Cost/pt');
    else expect(r.stdout.split('\r\n')[0]).toBe('rank,vendor_id,vendor,total,quality,price_score,cost,currency,cost_per_point,frontier,status,complete,Delivery,knockouts');
  });

  it('score shows the price and value for money; a vendor below min-quality says its price is not opened', () => {
    const alpha = runCli(['score', 'alpha', '--quiet'], { cwd: mixed });
    expect(alpha.stdout).toContain('quality 100.0 · price score 50.0 · cost 150,000 USD · 1,500 USD per quality point · ◆ on the efficient frontier');
    const charlie = runCli(['score', 'charlie', '--quiet', '--format', 'json'], { cwd: mixed });
    expect(charlie.stdout).not.toMatch(/1234567/);
    expect(JSON.parse(charlie.stdout).vendor.price).toBeNull();
    expect(runCli(['score', 'charlie', '--quiet'], { cwd: mixed }).stdout).toContain('quality 50.0, below min-quality 60: price not opened');
  });

  it('--quality-only ranks on quality without opening the envelope: price null, total = quality', () => {
    const d = json(mixed, '--quality-only');
    expect(d.price).toBeNull();
    expect(d.vendors.map((x: { id: string; total: number; quality: number; price: unknown }) => [x.id, x.total, x.quality, x.price])).toEqual([
      ['alpha', 100, 100, null],
      ['bravo', 75, 75, null],
      ['delta', 75, 75, null],
      ['charlie', 50, 50, null],
      ['echo', 0, 0, null],
    ]);
    const table = runCli(['compare', '--quiet', '--quality-only'], { cwd: mixed });
    expect(table.stdout).toContain('Price: not opened (quality only); price would count 50% of the total; no quote was read');
    expect(table.stdout).not.toContain('Cost');
  });

  it('--quotes reads another folder (a separate repository); a missing one is an error', () => {
    const elsewhere = fixture('price-published', 'quotes');
    const d = json(fixture('price-published', 'evaluations'), 'a', 'b', 'c', '--rubric', fixture('price-published', 'rubric.yaml'), '--quotes', elsewhere);
    expect(d.price.lowestCost).toBe(50);
    const r = runCli(['compare', '--quiet', '--quotes', 'no-such-folder'], { cwd: published });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('vendorscore: no-such-folder: no such file or folder\n');
  });
});

describe('diff of priced results', () => {
  it('names the change of the price part as its own step, so nothing is left unexplained', () => {
    const dir = fixture('price-mixed');
    const before = runCli(['compare', '--quiet', '--format', 'json'], { cwd: dir }).stdout;
    const after = runCli(['compare', '--quiet', '--format', 'json', '--quality-only'], { cwd: dir }).stdout;
    const tmp = mkdtempSync(path.join(tmpdir(), 'vs-price-'));
    writeFileSync(`${tmp}/a.json`, before);
    writeFileSync(`${tmp}/b.json`, after);
    const d = JSON.parse(runCli(['diff', 'a.json', 'b.json', '--format', 'json'], { cwd: tmp }).stdout);
    const bravo = d.vendors.find((v: { id: string }) => v.id === 'bravo');
    expect(bravo.changes.map((c: { kind: string; effect: number }) => [c.kind, c.effect])).toEqual([['price', -12.5]]);
  });
});
