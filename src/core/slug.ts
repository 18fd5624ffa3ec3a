import { withoutInvisible } from './identity.js';

/**
 * A name's slug (docs/files.md#evaluation): diacritics removed, lower-cased, runs of anything
 * other than a–z and 0–9 replaced by one '-', no leading or trailing '-'. Invisible characters
 * go first, so a zero-width space inside a word does not split it: two spellings with the same
 * name key (identity.ts) have the same slug.
 */
export function slugify(name: string): string {
  // ASCII has no diacritics to remove: NFKD leaves it as it is, with no combining mark.
  const letters = /^[\0-\x7f]*$/.test(name) ? withoutInvisible(name) : withoutInvisible(name).normalize('NFKD').replace(/\p{M}+/gu, '');
  return letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
