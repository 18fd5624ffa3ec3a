import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src/io/json-syntax.js';

describe('jsonSyntaxError', () => {
  it('finds nothing wrong in what JSON.parse accepts', () => {
    for (const ok of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}} ', '"text"', '0']) {
      expect(JSON.parse(ok)).toBeDefined();
      expect(jsonSyntaxError(ok), ok).toBeUndefined();
    }
  });

  it('names where and how the text goes wrong, without quoting it', () => {
    const cases: Array<[string, number, string]> = [
      ['DB_PASSWORD=hunter2', 0, 'expected a value here (quoted text, a number, true, false, null, a list or an object)'],
      ['{"rubric":', 10, 'the text ends before the value is complete'],
      ['{"a": 1,}', 8, 'expected a quoted key here'],
      ['{"a" 1}', 5, 'expected ":" after the key'],
      ['[1 2]', 3, 'expected "," or "]" here'],
      ['{"a": "b\nc"}', 8, 'a line break or control character inside quoted text (write it as an escape such as \\n)'],
      ['["\\q"]', 2, 'an invalid escape sequence inside quoted text'],
      ['["never closed]', 1, 'quoted text is never closed (a " is missing)'],
      ['{} {}', 3, 'more text after the end of the value'],
      ['[01]', 2, 'expected "," or "]" here'],
    ];
    for (const [text, offset, message] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonSyntaxError(text), text).toEqual({ offset, message });
    }
  });

  it('any depth of nesting is safe', () => {
    expect(jsonSyntaxError('['.repeat(200_000))).toEqual({ offset: 200_000, message: 'the text ends before the value is complete' });
  });
});
