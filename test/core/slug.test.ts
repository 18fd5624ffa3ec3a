import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/core/slug.js';

describe('slugify (docs/files.md#evaluation)', () => {
  it.each([
    ['Société Générale AI', 'societe-generale-ai'],
    ['Acme AI Labs', 'acme-ai-labs'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['Ørsted Ænergy', 'rsted-nergy'], // Ø and Æ have no NFKD decomposition: dropped like any other non a–z character
    ['ﬁne ＡＩ', 'fine-ai'], // compatibility forms fold under NFKD
    ['../x', 'x'],
    ['日本', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
