/**
 * The YAML parser quotes the file in some of its messages (an escape sequence, a token, a block
 * scalar header); a file that is not ours would have its secrets printed that way. Each such
 * message is replaced by a sentence of ours, at the parser's position.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/io/yaml.js';
import { isYamlSyntaxSentence, yamlErrorMessage } from '../../src/io/yaml-messages.js';

const problems = (text: string) => parseYaml('f.yaml', text).problems.map((p) => `${p.line}:${p.col}: ${p.message}`);

describe('YAML syntax messages quote nothing from the file', () => {
  it('replaces the parser messages that would quote it', () => {
    expect(problems('a: "x \\q SECRET"\n')).toEqual(['1:7: invalid escape sequence in a double-quoted value; write \\\\ for a backslash, or use single quotes']);
    // One message a file: the first; what the parser says after it is guesswork.
    expect(problems('a: |x SECRET\n  t\n')).toEqual(['1:5: unexpected text here; check the indentation, or put the value in quotes']);
    expect(problems('[a, b]] SECRET\n')).toEqual(['1:7: unexpected text here; check the indentation, or put the value in quotes']);
    expect(problems('a: `SECRET`\n')).toEqual(['1:4: a plain value cannot start with this character; put the value in quotes']);
  });

  it('keeps the fixed sentences that name the rule, and says what a scalar at the top is, not what it says', () => {
    expect(problems('a:\n\t- b\n')).toEqual(['2:1: line 2 is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces, as on the lines around it']);
    expect(problems('DB_PASSWORD=SECRET\n')).toEqual(['1:1: the top level must be a mapping of key: value lines, not a single value']);
    expect(yamlErrorMessage('MISSING_CHAR', 'Missing , or : between flow map items')).toBe('Missing , or : between flow map items');
    expect(yamlErrorMessage('UNEXPECTED_TOKEN', 'Unexpected scalar token in YAML stream: "SECRET"')).not.toContain('SECRET');
    expect(yamlErrorMessage('NEW_CODE', 'Something new: SECRET')).toBe('is not valid YAML here');
  });

  it('isYamlSyntaxSentence accepts every sentence yamlErrorMessage returns and no file content', () => {
    for (const m of ['Implicit keys need to be on a single line', 'is not valid YAML here', yamlErrorMessage('BAD_DQ_ESCAPE', 'Invalid escape sequence \\q')]) expect(isYamlSyntaxSentence(m), m).toBe(true);
    expect(isYamlSyntaxSentence('Not a YAML token: SECRET')).toBe(false);
  });
});
