import { describe, expect, it } from 'vitest';
import { compareVendors, defaultOptions } from '../../src/core/score.js';
import type { Comparison, Evaluation, Rubric } from '../../src/core/types.js';
import { defaultRubricPath, loadRubric } from '../../src/io/load.js';
import { fixed1 } from '../../src/report/numbers.js';
import { renderTable, shortNames } from '../../src/report/table.js';
import { cutToWidth, displayWidth, wrapToWidth } from '../../src/text/width.js';
import { ev, smallRubric } from '../core/fixtures.js';
import { columns } from '../helpers/columns.js';

const rubric: Rubric = loadRubric(defaultRubricPath()).rubric!;
const questions = rubric.areas.flatMap((a) => a.questions.map((q) => q.id));

/** Every question answered `score` (with a few overrides) by one evaluator. */
function answers(vendor: string, name: string, evaluator: string, score: number, over: Record<string, number | null> = {}): Evaluation {
  const e = ev(vendor, evaluator, Object.fromEntries(questions.map((q) => [q, q in over ? over[q]! : score])), name);
  return { ...e, rubric: 'ai-vendor@1' };
}

// CJK, emoji and accented names; a knockout, a disagreement and an unanswered question.
const evaluations = [
  answers('tokyo', '東京エーアイ研究所株式会社', 'Ann', 4),
  answers('tokyo', '東京エーアイ研究所株式会社', 'Bo', 4, { 'restate-problem': 1 }),
  answers('rocket', '🚀 Rocket Machine Learning Collective', 'Ann', 3, { 'prompt-logging': 0 }),
  answers('seoul', '서울 데이터 랩', 'Ann', 5, { 'restate-problem': null }),
  answers('zurich', 'Zürich Ångström Analytics', 'Ann', 2),
];
const c: Comparison = compareVendors(rubric, evaluations, defaultOptions(rubric));

/** The body rows: the lines right under the header rule, one per vendor. */
function rows(text: string): string[] {
  const lines = text.split('\n');
  const rule = lines.findIndex((l) => /^[├─]/.test(l));
  return lines.slice(rule + 1, rule + 1 + c.vendors.length);
}

describe('renderTable fits the width it is given (colour off)', () => {
  it.each([120, 80, 60])('at %i columns every line fits and every vendor is one row', (width) => {
    const text = renderTable(c, { color: false, width });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(width);
    const body = rows(text);
    c.vendors.forEach((v, i) => {
      expect(body[i]).toMatch(new RegExp(`^(│ )?${v.rank === null ? '–' : v.rank} `));
      expect(body[i]).toContain(fixed1(v.total));
      // (The compact layout writes 100.0 as 100.)
      for (const a of v.areas) expect(body[i]).toContain(fixed1(a.normalized).replace(/^100\.0$/, '100'));
    });
    // The line after the last row is not the rest of a row.
    expect(lines[lines.indexOf(body.at(-1)!) + 1]).toMatch(/^(└|\S+ .*: |AI development)/);
  });

  it('a CJK name is cut by columns, never through a character', () => {
    const text = renderTable(c, { color: false, width: 80 });
    const row = rows(text).find((l) => l.includes('東京'))!;
    expect(row).toBe('2 東京エーアイ研究所…   78.2  68.0  80.0  80.0  80.0  80.0  80.0  80.0 ✓ ⚑1');
    expect(text).toContain('\n2 東京エーアイ研究所株式会社: ✓ qualified · ⚑ 1 disagreement\n');
  });

  it('without a width (a pipe, a file, --wide): the full box table, whatever its width', () => {
    const text = renderTable(c, { color: false });
    expect(text.split('\n')[1]).toBe('│ # │ Vendor                           │ Total │    Problem │   Delivery │     Data │  Evaluation │ Engineering │ Ownership │     Pilot │ Status                         │');
    const body = rows(text);
    expect(body[1]).toBe('│ 2 │ 東京エーアイ研究所株式会社       │  78.2 │       68.0 │       80.0 │     80.0 │        80.0 │        80.0 │      80.0 │      80.0 │ ✓ qualified · ⚑ 1 disagreement │');
    expect(body[3]).toBe('│ – │ 🚀 Rocket Machine Learning Coll… │  56.0 │       60.0 │       60.0 │   ⊘ 40.0 │        60.0 │        60.0 │      60.0 │      60.0 │ ✗ knockout: prompt-logging     │');
    for (const line of body) expect(columns(line)).toBe(columns(body[0]!));
  });

  it('at 120 columns: plain columns with the short names, status marks and the words below', () => {
    const text = renderTable(c, { color: false, width: 120 });
    expect(text.split('\n')[0]).toBe('#  Vendor                    Total  Problem  Delivery  Security  Evaluation  Engineering  Ownership  Pilot');
    expect(rows(text)[0]).toBe('1  서울 데이터 랩             94.0     60.0       100       100         100          100        100    100  ◐1');
    expect(text).toContain('\n1 서울 데이터 랩: ◐ incomplete (1 unanswered)\n');
    expect(text).toContain('Weights: Problem = Problem definition 15%');
  });

  it('at 60 columns: headings cut like abbreviations and spelt out in the legend', () => {
    const text = renderTable(c, { color: false, width: 60 });
    expect(text.split('\n')[0]).toMatch(/^# Vendor +Total Pro\. Del\. Secu\. Eva\. Eng\. Own\. Pil\.$/);
    expect(rows(text)[0]).toBe('1 서울 데이…  94.0 60.0  100   100  100  100  100  100 ◐1');
    expect(text).toContain('Pro. = Problem definition 15%');
  });

  it('narrower than any layout with every area: areas from the end are left out, and named', () => {
    const text = renderTable(c, { color: false, width: 40 });
    for (const line of text.trimEnd().split('\n')) expect(columns(line), line).toBeLessThanOrEqual(40);
    expect(text).toContain('Not shown at this width (use --wide):');
    expect(text).toContain('Pilot structure 11%');
  });
});

describe('the legend without colour', () => {
  const text = renderTable(c, { color: false });
  it('names every band and every mark in words; knockout area and disqualified have different marks', () => {
    expect(text).toContain('Bands (in colour): ≥80 strong · ≥60 good · ≥40 weak · <40 poor\n');
    expect(text).toContain('Marks: ⊘ knockout area · ✓ qualified · ◐ incomplete · ✗ disqualified · ⚑ evaluators disagree\n');
    expect(text).not.toContain('\u001b[');
  });

  it('with colour the band words carry their colour', () => {
    const coloured = renderTable(c, { color: true });
    expect(coloured).toContain('\u001b[32m≥60 good');
  });
});

describe('shortNames', () => {
  it('the rubric short name, else the name if it fits 12 columns, else its first words, else the name cut', () => {
    const r = smallRubric();
    const areas = [
      { ...r.areas[0]!, name: 'Evaluation and testing' },
      { ...r.areas[0]!, name: 'Data security', short: 'Security' },
      { ...r.areas[0]!, name: 'Cost' },
      { ...r.areas[0]!, name: 'Data governance' },
      { ...r.areas[0]!, name: 'Support during the pilot' },
      { ...r.areas[0]!, name: 'Support after go-live' },
    ];
    expect(shortNames(areas)).toEqual(['Evaluation', 'Security', 'Cost', 'Data govern…', 'Support dur…', 'Support aft…']);
  });
});

describe('width helpers', () => {
  it('displayWidth agrees with string-width on CJK, Hangul, emoji, ZWJ sequences, flags, marks and VS16', () => {
    const samples = ['東京AI', '서울 데이터 랩', 'ｆｕｌｌ', '🚀 Rocket', '👩‍👩‍👧 family', '🇯🇵🇫🇷', 'e\u0301cole', '✔️ ok', '❤', 'Zürich · – … ≥ ✓ ✗ ◐ ⚑ ⊘ ─│', '\u001b[1mbold\u001b[22m 東'];
    for (const s of samples) expect(displayWidth(s), s).toBe(columns(s));
  });

  it('cutToWidth counts wide characters as two and never splits one', () => {
    expect(cutToWidth('東京AI', 4)).toBe('東…');
    expect(cutToWidth('東京AI', 6)).toBe('東京AI');
    expect(cutToWidth('Engineering', 5, '.')).toBe('Engi.');
  });

  it('wrapToWidth breaks at spaces under an indent and cuts a word longer than a line', () => {
    expect(wrapToWidth('  alpha beta gamma delta', 12, '    ')).toEqual(['  alpha beta', '    gamma', '    delta']);
    expect(wrapToWidth('supercalifragilistic word', 10)).toEqual(['supercali…', 'word']);
  });
});

