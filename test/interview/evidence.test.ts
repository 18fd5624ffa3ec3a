// @inquirer/testing must be imported before the module that uses the prompts.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { createPrompter, type Terminal } from '../../src/cli/prompts.js';
import { joinEvidence, splitEvidence } from '../../src/interview/evidence.js';

const terminal = (): Terminal => ({ write: () => undefined, clear: () => undefined, columns: () => 100, rows: () => 40 });

describe('evidence on one line', () => {
  it.each([
    [['a.pdf', 'https://example.com/audit'], 'a.pdf, https://example.com/audit'],
    [['https://x/a?x=1,2'], '"https://x/a?x=1,2"'],
    [['report, v2.pdf', 'b.pdf'], '"report, v2.pdf", b.pdf'],
    [['say "hi"; then', ' padded '], '"say ""hi""; then", " padded "'],
    [['-'], '-'],
  ])('%j is shown as %s and reads back item for item', (items, line) => {
    expect(joinEvidence(items)).toBe(line);
    if (items[0] !== '-') expect(splitEvidence(line)).toEqual(items);
  });

  it('typed lists split at commas, semicolons and line breaks; empty items and a lone - are dropped', () => {
    expect(splitEvidence(' a.pdf ,b.pdf; c.pdf\nd.pdf,, - ,')).toEqual(['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf']);
    expect(splitEvidence('"x, y" z, w')).toEqual(['x, y z', 'w']);
    expect(splitEvidence('"never closed, at all')).toEqual(['never closed, at all']);
    expect(splitEvidence('')).toEqual([]);
  });
});

describe('the evidence prompt', () => {
  it.each([[['https://x/a?x=1,2']], [['report, v2.pdf', 'https://example.com/a;b']], [[' padded.pdf ', 'say "hi"']]])('Enter keeps %j exactly, never split again', async (current) => {
    const p = createPrompter(terminal()).evidence(current);
    screen.keypress('enter');
    await expect(p).resolves.toEqual(current);
  });

  it('an edited list keeps the quoted items whole', async () => {
    const p = createPrompter(terminal()).evidence(['report, v2.pdf']);
    expect(screen.getScreen()).toContain('"report, v2.pdf"');
    screen.type(', new.pdf');
    screen.keypress('enter');
    await expect(p).resolves.toEqual(['report, v2.pdf', 'new.pdf']);
  });

  it('evidence with a line break is not prefilled; Enter keeps it, - removes it', async () => {
    const keep = createPrompter(terminal()).evidence(['line one\nline two', 'b.pdf']);
    screen.keypress('enter');
    await expect(keep).resolves.toEqual(['line one\nline two', 'b.pdf']);
    const drop = createPrompter(terminal()).evidence(['line one\nline two']);
    screen.type('-');
    screen.keypress('enter');
    await expect(drop).resolves.toEqual([]);
  });

  it('Enter on prefilled notes keeps them exactly, spaces included', async () => {
    const p = createPrompter(terminal()).notes('  indented note ');
    screen.keypress('enter');
    await expect(p).resolves.toBe('  indented note ');
  });
  it('a comma or semicolon inside a link is not a separator unless a space follows', () => {
    expect(splitEvidence('https://x/a?x=1,2')).toEqual(['https://x/a?x=1,2']);
    expect(splitEvidence('https://x/a?x=1,2, report.pdf;https://y/b;c')).toEqual(['https://x/a?x=1,2', 'report.pdf', 'https://y/b;c']);
    expect(splitEvidence('a.pdf,b.pdf')).toEqual(['a.pdf', 'b.pdf']);
  });
});
