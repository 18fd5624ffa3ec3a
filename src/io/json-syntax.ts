/**
 * Where a JSON text first goes wrong, and how, without quoting it. JSON.parse says what is wrong
 * by quoting a stretch of the file, which for a file that is not ours (a key, a .env file) would
 * print its secrets; this scanner runs only after JSON.parse has refused the text, and names
 * the position instead. Iterative, so any depth of nesting is safe.
 */

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  const open: string[] = [];
  let i = 0;
  let expect: 'value' | 'key' | 'after' = 'value';
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, message: offset >= n ? 'the text ends before the value is complete' : message });
  for (;;) {
    while (isSpace(text[i])) i++;
    const c = text[i];
    if (expect === 'after') {
      const top = open[open.length - 1];
      if (top === undefined) return i < n ? fail(i, 'more text after the end of the value') : undefined;
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if (c === (top === '{' ? '}' : ']')) {
        i++;
        open.pop();
      } else {
        return fail(i, `expected "," or "${top === '{' ? '}' : ']'}" here`);
      }
      continue;
    }
    if (expect === 'key') {
      if (c !== '"') return fail(i, 'expected a quoted key here');
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return fail(end.offset, end.message);
      i = end;
      while (isSpace(text[i])) i++;
      if (text[i] !== ':') return fail(i, 'expected ":" after the key');
      i++;
      expect = 'value';
      continue;
    }
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      while (isSpace(text[i])) i++;
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        open.pop();
        expect = 'after';
      } else {
        expect = c === '{' ? 'key' : 'value';
      }
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return fail(end.offset, end.message);
      i = end;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail(i, 'expected a value here (quoted text, a number, true, false, null, a list or an object)');
      i = NUMBER.lastIndex;
    }
    expect = 'after';
  }
}

/** Just past the closing quote of the string opening at `i`, or what is wrong with it. */
function stringEnd(text: string, i: number): number | JsonSyntaxError {
  const start = i;
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, message: 'a line break or control character inside quoted text (write it as an escape such as \\n)' };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: i, message: 'an invalid escape sequence inside quoted text' };
      i += e === 'u' ? 5 : 1;
    }
  }
  return { offset: start, message: 'quoted text is never closed (a " is missing)' };
}
