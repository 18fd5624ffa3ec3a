/**
 * A name's slug (SPEC §1.2): diacritics removed, lower-cased, runs of anything
 * other than a–z and 0–9 replaced by one '-', no leading or trailing '-'.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
