import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { isScalar } from 'yaml';
import { nodeAt, positionOf, problemAt, type PathSegment, type SourceFile } from '../io/yaml.js';
import { clip, quote } from '../text/sanitize.js';
import { didYouMean } from './suggest.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Validates a parsed file; every issue becomes a located, readable problem. */
export function validateSource<S extends AnySchema>(
  src: SourceFile,
  schema: S,
  parse: (data: unknown) => z.ZodSafeParseResult<z.output<S>>,
): { value?: z.output<S>; problems: Problem[] } {
  const result = parse(src.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of flatten(result.error.issues, src.data)) {
    problems.push(...toProblems(src, schema, issue));
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { problems };
}

/** Unions report one issue list per branch; keep the branch that matches the value's kind. */
function flatten(issues: readonly Issue[], data: unknown): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const value = valueAt(data, issue.path as PathSegment[]);
      const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      const branch = issue.errors.find((errs) => errs.some((e) => !(e.code === 'invalid_type' && e.path.length === 0)));
      if (isObject && branch) {
        out.push(...flatten(branch.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as Issue), data));
        continue;
      }
    }
    out.push(issue);
  }
  return out;
}

export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan (not a number)' : 'an infinite number';
  return `${typeof v} ${String(v)}`;
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  boolean: 'true or false',
  null: 'null',
};

function label(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'the file' : path.map((seg) => clip(String(seg))).join('.');
}

function typeHint(expected: string, value: unknown): string {
  if (expected === 'number' && typeof value === 'string') {
    const n = Number(value.trim());
    if (value.trim() !== '' && Number.isFinite(n)) return ` (write ${clip(value.trim())} without quotes)`;
  }
  if (expected === 'number' && typeof value === 'number' && !Number.isFinite(value)) return ' (use a finite number on the scale)';
  if (expected === 'string' && typeof value === 'number') return ` (put it in quotes, "${String(value)}", to keep it as text)`;
  return '';
}

function toProblems(src: SourceFile, schema: AnySchema, issue: Issue): Problem[] {
  const path = issue.path as PathSegment[];
  const at = (p: readonly PathSegment[], key = false) => positionOf(src, p, key);
  const value = valueAt(src.data, path);
  const where = label(path);
  const numeric = numberProblem(src, issue, path, value);
  if (numeric) return [problemAt(src.file, at(path), numeric, 'number')];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeysAt(schema, path);
      return issue.keys.map((k) => {
        const hint = didYouMean(k, allowed);
        const known = allowed.length > 0 ? `; expected one of: ${allowed.join(', ')}` : '';
        const msg = `unknown key ${quote(k)}${path.length ? ` in ${where}` : ''}${hint ? ` (did you mean ${quote(hint)}?)` : known}`;
        return problemAt(src.file, at([...path, k], true), msg, 'unknown-key');
      });
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [problemAt(src.file, at(path), `missing required key ${quote(String(path[path.length - 1] ?? ''))}${path.length > 1 ? ` in ${label(path.slice(0, -1))}` : ''}`, 'missing-key')];
      }
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return [problemAt(src.file, at(path), `${where} must be ${expected}, not ${describe(value)}${typeHint(issue.expected, value)}`, 'wrong-type')];
    }
    case 'invalid_union':
      return [problemAt(src.file, at(path), `${where} has an invalid value: ${describe(value)}${unionHint(path)}`, 'wrong-type')];
    case 'invalid_value':
      return [problemAt(src.file, at(path), `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describe(value)}`, 'invalid-value')];
    default:
      return [problemAt(src.file, at(path), `${where} ${issue.message}${value !== undefined && issue.code !== 'custom' ? ` (got ${describe(value)})` : ''}`, issue.code === 'custom' ? 'rule' : 'invalid-value')];
  }
}

/** The scalar at `path` as written in the file, and whether it was quoted. */
function written(src: SourceFile, path: readonly PathSegment[]): { text: string; quoted: boolean } | undefined {
  const node = nodeAt(src, path);
  if (!isScalar(node) || typeof node.source !== 'string') return undefined;
  return { text: node.source, quoted: node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' };
}

/** What a number at `path` is for, so the hint can say what to write instead. */
function numberRole(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === 'weight') return 'a weight is a positive number such as 1 or 20';
  if (path[0] === 'answers') return "a score is a number on the rubric's scale";
  if (last === 'step') return 'a step is a positive number such as 1 or 0.5';
  if (last === 'below') return "a knockout threshold is a number on the rubric's scale";
  return 'write an ordinary number';
}

const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Numbers that YAML reads differently from what the writer meant: .inf, .nan and 1e400 (not
 * finite), "4" (quoted, so text), 1.10 (a float, so 1.1). One clear sentence with a hint, or
 * undefined when the issue is not about such a number.
 */
function numberProblem(src: SourceFile, issue: Issue, path: readonly PathSegment[], value: unknown): string | undefined {
  if (issue.code !== 'invalid_type' && issue.code !== 'invalid_union') return undefined;
  const where = label(path);
  const expectsNumber = issue.code === 'invalid_type' ? issue.expected === 'number' : path[0] === 'answers' && path.length === 2;
  const w = written(src, path);
  if (typeof value === 'number' && !Number.isFinite(value) && (expectsNumber || issue.code === 'invalid_union')) {
    const as = clip(w?.text ?? String(value));
    const why = Number.isNaN(value) ? 'YAML reads it as "not a number"' : /^[-+]?\.inf$/i.test(as) ? 'YAML reads it as infinity' : 'it is too large to be a number, so it reads as infinity';
    return `${where} must be a finite number, not ${as} (${why}); ${numberRole(path)}`;
  }
  if (expectsNumber && typeof value === 'string' && w?.quoted && NUMBER_TEXT.test(value.trim()) && Number.isFinite(Number(value))) {
    return `${where} must be a number, not the quoted text ${quote(value)} (write ${clip(value.trim())} without quotes)`;
  }
  if (typeof value === 'number' && w && !w.quoted && w.text !== String(value) && !/^[-+]?\.(?:inf|nan)$/i.test(w.text)) {
    const wantsText = (issue.code === 'invalid_type' && issue.expected === 'string') || (issue.code === 'invalid_union' && path[0] === 'version' && path.length === 1);
    if (wantsText) return `${where}: ${clip(w.text)} is read as the number ${value}; put it in quotes (${quote(w.text)}) to keep it as written`;
  }
  return undefined;
}

function unionHint(path: readonly PathSegment[]): string {
  if (path[0] === 'answers' && path.length === 2) return ' (an answer is a score, null, or a mapping with score, notes and evidence)';
  if (path[path.length - 1] === 'evidence') return ' (evidence is a document name or link, or a list of them)';
  if (path[0] === 'version') return ' (use an integer such as 2, or a quoted semver string such as "1.1.0")';
  return '';
}

/** The keys an object schema accepts at `path`, for did-you-mean hints. */
export function objectKeysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let s: AnySchema | undefined = schema;
  const step = (x: AnySchema | undefined, seg?: PathSegment): AnySchema | undefined => {
    // Unwrap wrappers until we reach an object (or a container we can descend into).
    for (let guard = 0; x && guard < 20; guard++) {
      const def = (x as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      switch (def.type) {
        case 'optional':
        case 'nullable':
        case 'default':
        case 'prefault':
        case 'readonly':
          x = def.innerType as AnySchema;
          continue;
        case 'pipe':
          x = def.in as AnySchema;
          continue;
        case 'union': {
          const opts = def.options as AnySchema[];
          const obj = opts.find((o) => (o as unknown as { _zod: { def: { type: string } } })._zod.def.type === 'object');
          x = obj ?? opts[0];
          continue;
        }
        default:
          if (seg === undefined) return x;
          if (def.type === 'object') return (def.shape as Record<string, AnySchema>)[String(seg)];
          if (def.type === 'array') return def.element as AnySchema;
          if (def.type === 'record') return def.valueType as AnySchema;
          return undefined;
      }
    }
    return x;
  };
  for (const seg of path) s = step(s, seg);
  s = step(s);
  const def = s && (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def && def.type === 'object' ? Object.keys(def.shape as object) : [];
}
