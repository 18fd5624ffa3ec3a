/**
 * JSON.stringify(value, null, 2), in pieces: the outer objects and arrays are written here, and
 * everything `depth` levels down is one JSON.stringify call, re-indented. Joined, the pieces are
 * exactly the one call's text (the same keys skipped, the same order, the same escapes), but a
 * report on thousands of vendors never has to sit in memory whole: each vendor is a piece.
 * A string never spans two pieces, so what the sanitiser looks for inside one is never split.
 */
export function* jsonChunks(value: unknown, depth = 2, indent = ''): Generator<string> {
  const inner = `${indent}  `;
  const list = value instanceof MappedList ? value : Array.isArray(value) ? new MappedList(value, (x) => x) : undefined;
  if (depth > 0 && list !== undefined && list.items.length > 0) {
    const { items, f } = list;
    yield '[\n';
    for (let i = 0; i < items.length; i++) {
      const last = i + 1 === items.length;
      if (depth === 1) {
        yield listItem(f(items[i]) ?? null, (indent.length >> 1) + 1, last);
        continue;
      }
      yield inner;
      yield* jsonChunks(f(items[i]) ?? null, depth - 1, inner);
      yield last ? '\n' : ',\n';
    }
    yield `${indent}]`;
    return;
  }
  if (depth > 0 && isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => written(v));
    if (entries.length > 0) {
      yield '{\n';
      for (let i = 0; i < entries.length; i++) {
        const [k, v] = entries[i]!;
        yield `${inner}${JSON.stringify(k)}: `;
        yield* jsonChunks(v, depth - 1, inner);
        yield i + 1 < entries.length ? ',\n' : '\n';
      }
      yield `${indent}}`;
      return;
    }
  }
  yield indented(value, indent.length >> 1);
}

/**
 * JSON.stringify(value, null, 2) as it reads `levels` levels down: the value written inside that
 * many lists, cut out. JSON.stringify then indents it (one pass over the text) instead of a
 * second pass inserting the indentation after every line break.
 */
function indented(value: unknown, levels: number): string {
  if (levels === 0) return JSON.stringify(value, null, 2) ?? 'null';
  const text = JSON.stringify(nested(value, levels), null, 2);
  const [head, tail] = (cuts[levels] ??= cutsFor(levels));
  return text.slice(head, text.length - tail);
}

/**
 * A whole item of a list `levels` deep as JSON.stringify writes it there: its indentation, its
 * text and the `,\n` or `\n` after it, cut out of one call (a 0 after it gives the comma). One
 * string that ends a line, so src/cli/output.ts writes a big item without copying it into a piece.
 */
function listItem(value: unknown, levels: number, last: boolean): string {
  const text = JSON.stringify(nested(last ? [value] : [value, 0], levels - 1), null, 2);
  const [head, tail] = (cuts[levels - 1] ??= cutsFor(levels - 1));
  // After the list's `[\n`; before the list's closing indentation and `]` (and before the 0's line).
  const end = text.length - tail - (levels - 1) * 2 - 1 - (last ? 0 : levels * 2 + 2);
  return text.slice(head + 2, end);
}

const nested = (value: unknown, levels: number): unknown => (levels === 0 ? value : [nested(value, levels - 1)]);

/** How much of `[\n  [\n    …\n  ]\n]` comes before and after the value, by levels. */
const cuts: Array<readonly [number, number]> = [];
function cutsFor(levels: number): readonly [number, number] {
  const probe = JSON.stringify(nested(0, levels), null, 2);
  const at = probe.indexOf('0');
  return [at, probe.length - at - 1];
}

/**
 * `items.map(f)`, made one item at a time as jsonChunks writes it, so the JSON view of a big
 * report is never built whole either. JSON.stringify sees the mapped array (toJSON).
 */
export class MappedList<T = unknown> {
  constructor(
    readonly items: readonly T[],
    readonly f: (item: T) => unknown,
  ) {}

  toJSON(): unknown[] {
    return this.items.map(this.f);
  }
}

/** An object JSON.stringify writes key by key: no toJSON of its own, not an array. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** The values JSON.stringify writes in an object (it leaves out undefined, functions and symbols). */
function written(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}
