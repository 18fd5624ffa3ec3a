/**
 * Who a name means. One person is one person however their name was typed: evaluator names (and
 * vendor names) are compared by their key, which ignores how the name was encoded, spaced or
 * capitalised, but not which letters it has (José and Jose are two spellings of two names).
 */
import type { Evaluation } from './types.js';

/**
 * Invisible characters a name may carry without anyone seeing them: controls, format characters
 * (zero-width space and joiners, bidi marks, the BOM, soft hyphen) and the other default-ignorable
 * code points (variation selectors, fillers). White space is folded instead, so a tab still
 * separates two words.
 */
const INVISIBLE = /(?!\p{White_Space})[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const SPACES = /\p{White_Space}+/gu;

/**
 * The key two spellings of one name share: Unicode NFKC (canonical composition, so NFC and NFD
 * agree, and compatibility folding, so full-width Ａ is A and a no-break space is a space),
 * invisible characters removed, every run of white space one space, no space at either end, and
 * Unicode's default lower-casing (locale-independent: I and i match; the Turkish dotless ı and
 * dotted İ stay letters of their own, and ß does not match ss, as in vendor ids).
 */
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = PRINTABLE_ASCII.test(name) ? name.replace(/ {2,}/g, ' ').trim().toLowerCase() : unicodeKey(name);
    keys.set(name, key);
  }
  return key;
}

/**
 * Printable ASCII, the usual name: NFKC leaves it as it is, it holds no invisible character and
 * its only white space is the space, so its key is the rule below without the Unicode tables
 * (whose property classes take V8 a fraction of a millisecond to build at a command's start).
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The key by the rule in full, for any text. */
export function unicodeKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').replace(SPACES, ' ').trim().toLowerCase().normalize('NFKC');
}

/** Keys already worked out: a workspace repeats a few names across thousands of files. */
const keys = new Map<string, string>();

/** The text `slugify` starts from: the name without its invisible characters. */
export function withoutInvisible(name: string): string {
  return PRINTABLE_ASCII.test(name) ? name : name.replace(INVISIBLE, '');
}

/** The evaluator an evaluation is by: its `evaluator-id` when the file gives one, else its name's key. */
export function evaluatorKey(e: Pick<Evaluation, 'evaluator' | 'evaluatorId'>): string {
  return e.evaluatorId ?? nameKey(e.evaluator);
}

/**
 * One name per evaluator of these evaluations, by evaluator key, for reports and for keys of
 * per-evaluator maps: the first spelling seen. Two people whose names share a key (told apart by
 * `evaluator-id`) get their id added, "Ann Lee (ann-lee-2)", so no map keyed by name merges them.
 */
export function evaluatorLabels(evaluations: readonly Pick<Evaluation, 'evaluator' | 'evaluatorId'>[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const e of evaluations) {
    const k = evaluatorKey(e);
    if (!first.has(k)) first.set(k, e.evaluator);
  }
  const byName = new Map<string, number>();
  for (const name of first.values()) byName.set(nameKey(name), (byName.get(nameKey(name)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [k, name] of first) out.set(k, byName.get(nameKey(name))! > 1 ? `${name} (${k})` : name);
  return out;
}
