import { describe, expect, it } from 'vitest';
import { splitKeys } from '../../src/cli/keys.js';

describe('splitKeys', () => {
  it('splits a burst into keys: escape sequences whole, characters alone, an unfinished escape carried', () => {
    expect(splitKeys('4\rno\x1b[Bé😀')).toEqual({ keys: ['4', '\r', 'n', 'o', '\x1b[B', 'é', '😀'], rest: '' });
    expect(splitKeys('a\x1b[1')).toEqual({ keys: ['a'], rest: '\x1b[1' });
    expect(splitKeys('\x1b')).toEqual({ keys: ['\x1b'], rest: '' });
    expect(splitKeys('\x1b[5~\x1bOH')).toEqual({ keys: ['\x1b[5~', '\x1bOH'], rest: '' });
  });
});
