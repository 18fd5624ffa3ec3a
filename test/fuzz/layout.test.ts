/**
 * Indentation slips, fuzzed: one line of a valid file re-indented (more, less, a tab, a tab after
 * spaces) or a space after a colon taken out. Every such file that YAML refuses gets exactly one
 * message, in plain words, naming its own line; a hint to indent a line some number of spaces is
 * true of the line it points to ("like line 10": line 10 is indented that far), and following it
 * makes the file valid YAML again nearly every time.
 */
import { describe, expect, it } from 'vitest';
import { explainLayout } from '../../src/io/yaml-layout.js';
import { isYamlSyntaxSentence } from '../../src/io/yaml-messages.js';
import { parseYaml } from '../../src/io/yaml.js';
import { corpus, rng, SEED } from './mutate.js';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);
const seeds = corpus()
  .filter((s) => s.name !== 'bom-crlf.yaml')
  .map((s) => ({ name: s.name, lines: s.bytes.toString('utf8').split('\n') }));

const HINT = /^line (\d+) .*?(?:(remove its indentation)|indent it with (\d+) spaces?)(?:, like line (\d+)|, to line up with the key on line (\d+))?/;

/** One slip on one line holding something; undefined when the line does not allow that slip. */
function slip(lines: string[], next: () => number): { lines: string[]; at: number } | undefined {
  const full = lines.map((l, i) => (/^\s*[^\s#]/.test(l) ? i : -1)).filter((i) => i >= 0);
  const at = full[Math.floor(next() * full.length)]!;
  const lead = /^ */.exec(lines[at]!)![0].length;
  const body = lines[at]!.slice(lead);
  const out = [...lines];
  switch (Math.floor(next() * 5)) {
    case 0:
      out[at] = ' '.repeat(lead + 1 + Math.floor(next() * 3)) + body;
      break;
    case 1:
      if (lead === 0) return undefined;
      out[at] = ' '.repeat(Math.max(0, lead - 1 - Math.floor(next() * 3))) + body;
      break;
    case 2:
      out[at] = '\t' + ' '.repeat(Math.max(0, lead - 2)) + body;
      break;
    case 3:
      if (lead === 0) return undefined;
      out[at] = ' '.repeat(lead - 1) + '\t' + body;
      break;
    default:
      if (!/: \S/.test(body)) return undefined;
      out[at] = ' '.repeat(lead) + body.replace(': ', ':');
  }
  return { lines: out, at: at + 1 };
}

/** The column a "like line N" hint compares with: the line's indentation, or its key's column after "- ". */
function columnOf(line: string, key: boolean): number {
  const lead = /^ */.exec(line)![0].length;
  return key ? lead + /^-[ ]*/.exec(line.slice(lead))![0].length : lead;
}

describe(`layout fuzz (seed ${SEED}, ${MUTANTS} mutants)`, () => {
  it('the walk finds nothing wrong in a valid file, wherever the parser might stop', () => {
    for (const s of seeds) {
      const text = s.lines.join('\n');
      expect(parseYaml(s.name, text).problems, s.name).toEqual([]);
      for (let line = 1; line <= s.lines.length; line++) expect(explainLayout(text, line), `${s.name}:${line}`).toBeUndefined();
    }
  });

  it('one slip: one plain message at its own line, a true hint, and the hint fixes the file', () => {
    const next = rng(SEED);
    const tally = { refused: 0, plain: 0, hinted: 0, fixed: 0, near: 0 };
    for (let n = 0; n < MUTANTS; n++) {
      const seed = seeds[Math.floor(next() * seeds.length)]!;
      const m = slip(seed.lines, next);
      if (!m) continue;
      const problems = parseYaml('f.yaml', m.lines.join('\n')).problems.filter((p) => p.code === 'yaml-syntax');
      if (problems.length === 0) continue;
      const where = `${seed.name}, line ${m.at} as ${JSON.stringify(m.lines[m.at - 1])}`;
      tally.refused++;
      expect(problems, where).toHaveLength(1);
      const p = problems[0]!;
      expect(isYamlSyntaxSentence(p.message), `${where}: ${p.message}`).toBe(true);
      const own = /^line (\d+) /.exec(p.message);
      if (!own) continue;
      tally.plain++;
      expect(Number(own[1]), `${where}: ${p.message}`).toBe(p.line);
      if (Math.abs(p.line - m.at) <= 1) tally.near++;
      const h = HINT.exec(p.message);
      if (!h) continue;
      tally.hinted++;
      const spaces = h[2] ? 0 : Number(h[3]);
      const like = h[4] ?? h[5];
      if (like) expect(columnOf(m.lines[Number(like) - 1]!, h[5] !== undefined), `${where}: ${p.message}`).toBe(spaces);
      const fixed = [...m.lines];
      fixed[p.line - 1] = ' '.repeat(spaces) + fixed[p.line - 1]!.replace(/^[ \t]*/, '');
      if (!parseYaml('f.yaml', fixed.join('\n')).problems.some((x) => x.code === 'yaml-syntax')) tally.fixed++;
    }
    console.log(`layout fuzz seed ${SEED}: ${JSON.stringify(tally)}`);
    expect(tally.refused).toBeGreaterThan(MUTANTS / 2);
    // Nearly every slip is explained in plain words, at the line that slipped or next to it.
    expect(tally.plain / tally.refused).toBeGreaterThan(0.97);
    expect(tally.near / tally.plain).toBeGreaterThan(0.97);
    expect(tally.fixed / tally.hinted).toBeGreaterThan(0.97);
  });
});
