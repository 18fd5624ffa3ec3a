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

describe('closeVendorId', () => {
  it('finds another spelling of a vendor in the folder, and nothing for a vendor of its own', async () => {
    const { closeVendorId } = await import('../../src/interview/target.js');
    expect(closeVendorId('acme-ai-labs-inc', ['acme-ai-labs', 'brightloop'])).toBe('acme-ai-labs');
    expect(closeVendorId('acme-ai', ['acme-ai-labs'])).toBe('acme-ai-labs');
    expect(closeVendorId('acme-ai-labs', ['acme-ai-labs'])).toBeUndefined();
    expect(closeVendorId('acme', ['acmeco', 'brightloop'])).toBeUndefined();
  });
});
