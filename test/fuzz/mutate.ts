/**
 * Seeded mutation of valid vendorscore files: bytes, keys, types and structure. The same seed
 * gives the same mutants on every machine (FUZZ_SEED overrides the default to explore).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

/** mulberry32: small, fast, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Seedling {
  name: string;
  kind: 'rubric' | 'evaluation';
  bytes: Buffer;
}

/** The valid files mutants grow from: the bundled rubric, every example, the valid catalogue files. */
export function corpus(): Seedling[] {
  const out: Seedling[] = [{ name: 'ai-vendor.yaml', kind: 'rubric', bytes: readFileSync(path.join(ROOT, 'rubrics', 'ai-vendor.yaml')) }];
  const ex = path.join(ROOT, 'examples', 'evaluations');
  for (const vendor of readdirSync(ex).sort()) {
    for (const f of readdirSync(path.join(ex, vendor)).sort()) out.push({ name: `${vendor}-${f}`, kind: 'evaluation', bytes: readFileSync(path.join(ex, vendor, f)) });
  }
  for (const f of ['bom-crlf.yaml', 'hostile-text.yaml', 'formula-cells.yaml', 'yaml-1.1-directive.yaml']) {
    out.push({ name: f, kind: 'evaluation', bytes: readFileSync(path.join(ROOT, 'test', 'fixtures', 'bad', f)) });
  }
  return out;
}

const VALUES = [
  '.inf', '-.inf', '.nan', '1e400', '-1e400', '"4"', "'3'", '[]', '{}', '~', 'null', '-1', '7', '2.5', '1.10', '0x1F', '0o7', 'yes', 'true',
  '!!binary aGVsbG8=', '!custom x', '*ref', '&anchor 3', '"\\e[2J\\e]0;pwned\\a"', '"\\u202egnp.exe"', '"=HYPERLINK(\\"x\\")"', '@SUM(A1)',
  '[[[[[[[[[[[[[[[[[[[[', '{a: {b: {c: {d: 1}}}}', '- a\n- b', '|\n  block\n  text', '>-\n  folded', '"unterminated', "'unterminated",
  '2026-11-20', '__proto__', 'x'.repeat(3000), '"' + '\\x00\\x07\\x1b'.repeat(20) + '"',
];
const KEYS = ['__proto__', 'constructor', 'prototype', '<<', '? [a, b]', '"1"', '1', 'score', 'notes', 'evidence', 'vendor', 'answers', 'weight', 'areas', 'questions', 'scale', 'id', 'prompt-logging', 'scroe', 'evaluater'];
const TOKENS = ['\t', '\r', '\n', '\u0000', '\ufeff', ':', ': ', '- ', '? ', '#', '&a ', '*a', '!!str ', '<<: ', '---\n', '...\n', '%YAML 1.1\n', '[', ']', '{', '}', ',', '"', "'", '|', '>', '\\', '\u202e', '\u001b[31m', 'é', '🚀'];

/** The same text in a wide encoding, as editors on Windows save it ("Unicode"). */
export function reencode(buf: Buffer, encoding: 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be', bom: boolean): Buffer<ArrayBuffer> {
  const cps = [...(bom ? '\ufeff' : '') + buf.toString('utf8')].map((c) => c.codePointAt(0)!);
  if (encoding.startsWith('utf16')) {
    const le = Buffer.from(String.fromCodePoint(...cps), 'utf16le');
    return encoding === 'utf16le' ? le : Buffer.from(le.swap16());
  }
  const out = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (encoding === 'utf32le' ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)));
  return out;
}

/** One mutant: one to four operations on a copy of the bytes. */
export function mutate(src: Buffer, next: () => number): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const int = (n: number) => Math.floor(next() * n);
  let buf = Buffer.from(src);
  const ops = 1 + int(4);
  for (let k = 0; k < ops; k++) {
    const text = () => buf.toString('latin1');
    const lines = () => text().split('\n');
    const setLines = (ls: string[]) => (buf = Buffer.from(ls.join('\n'), 'latin1'));
    switch (int(15)) {
      case 0: // flip bytes (may break UTF-8)
        for (let j = 0, n = 1 + int(8); j < n && buf.length > 0; j++) buf[int(buf.length)] = int(256);
        break;
      case 1: {
        // insert a token
        const at = int(buf.length + 1);
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(pick(TOKENS)), buf.subarray(at)]);
        break;
      }
      case 2: {
        // delete a range
        const at = int(buf.length + 1);
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(Math.min(buf.length, at + 1 + int(200)))]);
        break;
      }
      case 3: {
        // duplicate a line (duplicate keys)
        const ls = lines();
        const i = int(ls.length);
        ls.splice(i, 0, ls[i] ?? '');
        setLines(ls);
        break;
      }
      case 4: {
        // swap two lines
        const ls = lines();
        const i = int(ls.length);
        const j = int(ls.length);
        [ls[i], ls[j]] = [ls[j]!, ls[i]!];
        setLines(ls);
        break;
      }
      case 5: {
        // re-indent a line
        const ls = lines();
        const i = int(ls.length);
        ls[i] = pick(['', ' ', '  ', '\t', '      ']) + (ls[i] ?? '').trimStart();
        setLines(ls);
        break;
      }
      case 6: {
        // change a value's type
        const ls = lines();
        const candidates = ls.map((l, i) => (/:\s+\S/.test(l) ? i : -1)).filter((i) => i >= 0);
        if (candidates.length === 0) break;
        const i = pick(candidates);
        ls[i] = ls[i]!.replace(/(:\s+).*$/, (_m, sep: string) => sep + pick(VALUES));
        setLines(ls);
        break;
      }
      case 7: {
        // rename a key
        const ls = lines();
        const candidates = ls.map((l, i) => (/^\s*[\w-]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
        if (candidates.length === 0) break;
        const i = pick(candidates);
        ls[i] = ls[i]!.replace(/^(\s*)[\w-]+:/, (_m, ind: string) => `${ind}${pick(KEYS)}:`);
        setLines(ls);
        break;
      }
      case 8: // the whole file inside a list, or after a directive, or doubled as two documents
        buf = Buffer.from(pick([(t: string) => t.split('\n').map((l) => `  ${l}`).join('\n').replace(/^ {2}/, '- '), (t: string) => `%YAML 1.1\n---\n${t}`, (t: string) => `${t}\n---\n${t}`])(text()), 'latin1');
        break;
      case 9: // truncate
        buf = buf.subarray(0, int(buf.length + 1));
        break;
      case 10: {
        // nest deeply at a random line
        const ls = lines();
        const d = 1 + int(60);
        ls.splice(int(ls.length + 1), 0, pick([`deep: ${'['.repeat(d)}${']'.repeat(d)}`, `deep:${' - '.repeat(d)}x`, `deep: ${'{a: '.repeat(d)}1${'}'.repeat(d)}`]));
        setLines(ls);
        break;
      }
      case 11: {
        // an unresolved git merge conflict around a few lines (with or without the diff3 base)
        const ls = lines();
        const i = int(ls.length + 1);
        const ours = ls.slice(i, i + 1 + int(3));
        const base = next() < 0.3 ? ['||||||| base', ...ours] : [];
        ls.splice(i, ours.length, '<<<<<<< HEAD', ...ours, ...base, '=======', ...ours.map((l) => l.replace(/\d/, '4')), '>>>>>>> feature/other');
        setLines(ls);
        break;
      }
      case 12: {
        // CR line endings: every line (classic Mac OS), or one lone CR mid-line
        const at = int(buf.length + 1);
        buf = next() < 0.5 ? Buffer.from(text().replace(/\r?\n/g, '\r'), 'latin1') : Buffer.concat([buf.subarray(0, at), Buffer.from('\r'), buf.subarray(at)]);
        break;
      }
      case 13: // saved by an editor in UTF-16 or UTF-32, with or without a byte-order mark
        buf = reencode(buf, pick(['utf16le', 'utf16be', 'utf32le', 'utf32be'] as const), next() < 0.5);
        break;
      default: {
        // an alias bomb or a merge key at the top
        buf = Buffer.concat([Buffer.from(pick(['a: &a [x, x, x]\nb: &b [*a, *a, *a]\n', 'base: &base {score: 3}\n', '<<: {x: 1}\n', '? [complex]\n: key\n'])), buf]);
      }
    }
  }
  return buf;
}
