/**
 * What a YAML syntax error says. The parser's own messages sometimes quote the file (an escape
 * sequence, a token, `Unexpected scalar: "…"`), and a file that is not YAML at all (a .env file,
 * a key) would have its secrets printed that way. So a parser message is shown only when it is
 * one of the fixed sentences below, which quote nothing; any other gets our sentence for its code.
 */

const FIXED = new Set([
  '%TAG directive should contain exactly two parts',
  '%YAML directive should contain exactly one part',
  'A block sequence may not be used as an implicit map key',
  'A node can have at most one anchor',
  'A node can have at most one tag',
  'Alias cannot be an empty string',
  'Alias ending in : is ambiguous',
  'All mapping items must start at the same column',
  'All sequence items must start at the same column',
  'An alias node must not specify any properties',
  'Anchor cannot be an empty string',
  'Anchor ending in : is ambiguous',
  'Block collection cannot start on same line with directives-end marker',
  'Block collections are not allowed within flow collections',
  'Block scalar header not found',
  'Block scalar lines must not be less indented than their explicit indentation indicator',
  'Block scalar lines must not be less indented than their first line',
  'Block scalar values in collections must be indented',
  'Block scalars with more-indented leading empty lines must use an explicit indentation indicator',
  'Comments must be separated from other tokens by white space characters',
  'Each pair must have its own sequence indicator',
  'Flow end indicator should be more indented than parent',
  'Implicit keys need to be on a single line',
  'Implicit keys of flow sequence pairs need to be on a single line',
  'Implicit map keys need to be followed by map values',
  'Map keys must be unique',
  'Missing directives-end indicator line',
  'Missing directives-end/doc-start indicator line',
  'Missing newline after block sequence props',
  'Nested mappings are not allowed in compact mappings',
  'Sequence item without - indicator',
  'Tabs are not allowed as indentation',
  'Tags and anchors must be separated from the next token by white space',
  'The : indicator must be at most 1024 chars after the start of an implicit block mapping key',
  'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key',
  'Unexpected block-seq-ind on same line with key',
  'Unexpected doc-end without preceding document',
  'Verbatim tags must end with a >',
  "Missing closing 'quote",
  'Missing closing "quote',
]);

/** Sentences whose only variable part is a name the parser chose (a collection kind, a token type), never file content. */
const FIXED_FORMS = [
  /^(?:Missing , (?:or : )?between flow (?:map|sequence) items|Missing space after : in flow (?:map|sequence)|Unexpected (?:,|empty item) in flow (?:map|sequence))$/,
  /^Flow (?:map|sequence) (?:in block collection must be sufficiently indented and )?(?:must )?end with a [\]}]$/,
  /^Unexpected [a-z-]+ (?:token(?: in YAML (?:stream|document))?|at node end)$/,
];

const BY_CODE: Record<string, string> = {
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted value; write \\\\ for a backslash, or use single quotes',
  BAD_SCALAR_START: 'a plain value cannot start with this character; put the value in quotes',
  BAD_PROP_ORDER: 'anchors and tags must come after the "-", "?" or ":" indicator',
  BAD_DIRECTIVE: 'unknown or malformed % directive; remove the line',
  BAD_COLLECTION_TYPE: 'this tag does not fit the value; remove the tag',
  TAG_RESOLVE_FAILED: 'unknown tag; tags are not allowed, write a plain value',
  NON_STRING_KEY: 'keys must be plain text',
  RESOURCE_EXHAUSTION: 'too complex to parse; simplify this part of the file',
  UNEXPECTED_TOKEN: 'unexpected text here; check the indentation, or put the value in quotes',
};

const DEFAULT = 'is not valid YAML here';

/**
 * The parser's sentences about layout, in words for someone who has never heard of "implicit
 * keys". Used when the layout walk (yaml-layout.ts) cannot point at the line to move.
 */
const PLAIN: Record<string, string> = {
  'Tabs are not allowed as indentation': 'a tab is used for indentation here; YAML allows only spaces: replace the tab with spaces',
  'All mapping items must start at the same column': 'this line does not line up with the keys above it; indent it exactly like the key it belongs with',
  'All sequence items must start at the same column': 'this list item does not line up with the items above it; indent it exactly like them',
  'Implicit keys need to be on a single line': 'a key must fit on one line; check the indentation of the line below, and that a space follows each colon',
  'Nested mappings are not allowed in compact mappings': 'a colon and a space inside a value start another key; put the value in quotes, or check the indentation of the line below',
  'Implicit map keys need to be followed by map values': 'this line has no colon (key: value); add one, or indent the line as part of the value above it',
  'A block sequence may not be used as an implicit map key': 'a list item stands where a key belongs; indent it exactly like the list items above it',
};

const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
/** "like line 10", or for a line that starts with "- key:", where its key starts. */
const like = (line: number, key = false) => (key ? `to line up with the key on line ${line}` : `like line ${line}`);
export const indentIt = (n: number) => (n === 0 ? 'remove its indentation' : `indent it with ${spaces(n)}`);

/** What the layout walk says, one sentence a line: where it is, what is wrong, what to do. */
export const LAYOUT = {
  tab: (line: number) => `line ${line} is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces, as on the lines around it`,
  mixed: (line: number) => `line ${line} mixes spaces and a tab in its indentation; YAML allows only spaces: replace the tab with spaces, as on the lines around it`,
  more: (line: number, above: number, col: number, key: boolean) =>
    `line ${line} is indented more than the line above, but line ${above} already has a value; ${indentIt(col)}, ${like(above, key)}`,
  under: (line: number, opener: number, col: number, like?: number) =>
    `line ${line} is not indented under line ${opener}, which ends with a colon and expects its value below it; ${indentIt(col)}${like === undefined ? '' : `, like line ${like}`}`,
  less: (line: number, col: number, like: number) => `line ${line} is indented less than the lines around it; ${indentIt(col)}, like line ${like}`,
  between: (line: number, col: number, options: readonly { spaces: number; line: number; key?: boolean }[]) =>
    `line ${line} is indented ${spaces(col)}, which lines up with none of the lines above; ${options.map((o, i) => `${i === 0 ? indentIt(o.spaces) : `or ${o.spaces === 0 ? 'with none' : `with ${spaces(o.spaces)}`}`}, ${like(o.line, o.key)}`).join(', ')}`,
  item: (line: number, col: number, like: number) => `line ${line} is a list item (it starts with "-") that does not line up with the item above it; ${indentIt(col)}, like line ${like}`,
  first: (line: number) => `line ${line} starts the file but is indented more than the lines below it; remove its indentation`,
  align: (line: number, col: number, like: number) => `line ${line} does not line up with line ${like}, the next line of the same block; ${indentIt(col)}, like line ${like}`,
  blockLess: (line: number, first: number) =>
    `line ${line} is indented less than line ${first}, the first line of the text it belongs to; YAML takes the first line's indentation for the whole text: indent them alike`,
  notKey: (line: number, col: number, how: string) => `line ${line} is not a key (it has no colon) and is indented too little to be part of the text above; ${indentIt(col)}, ${how}`,
  keyAtDash: (line: number, col: number, above: number, key: boolean) => `line ${line} lines up with the "-" of the list item above it, not with its keys; ${indentIt(col)}, ${like(above, key)}`,
  noSpace: (line: number) => `line ${line} needs a space after the colon: YAML reads key: value only with a space after the colon (score: 4, not score:4)`,
};

/** The layout sentences as patterns, for isYamlSyntaxSentence: numbers vary, words do not. */
const N = '\\d+';
const INDENT = `(?:remove its indentation|indent it with ${N} spaces?)`;
const LIKE = `(?:like line ${N}|to line up with the key on line ${N})`;
const LAYOUT_FORMS = [
  new RegExp(`^line ${N} (?:is indented with a tab|mixes spaces and a tab in its indentation); YAML allows only spaces(?: for indentation)?: replace the tab with spaces, as on the lines around it$`),
  new RegExp(`^line ${N} is indented more than the line above, but line ${N} already has a value; ${INDENT}, ${LIKE}$`),
  new RegExp(`^line ${N} is indented less than the lines around it; ${INDENT}, like line ${N}$`),
  new RegExp(`^line ${N} is not indented under line ${N}, which ends with a colon and expects its value below it; ${INDENT}(?:, like line ${N})?$`),
  new RegExp(`^line ${N} does not line up with line ${N}, the next line of the same block; ${INDENT}, like line ${N}$`),
  new RegExp(`^line ${N} is indented ${N} spaces?, which lines up with none of the lines above; ${INDENT}, ${LIKE}(?:, or with (?:none|${N} spaces?), ${LIKE})?$`),
  new RegExp(`^line ${N} is a list item \\(it starts with "-"\\) that does not line up with the item above it; ${INDENT}, like line ${N}$`),
  new RegExp(`^line ${N} starts the file but is indented more than the lines below it; remove its indentation$`),
  new RegExp(`^line ${N} is indented less than line ${N}, the first line of the text it belongs to; YAML takes the first line's indentation for the whole text: indent them alike$`),
  new RegExp(`^line ${N} is not a key \\(it has no colon\\) and is indented too little to be part of the text above; ${INDENT}, (?:like line|to go on with the value on line) ${N}$`),
  new RegExp(`^line ${N} lines up with the "-" of the list item above it, not with its keys; ${INDENT}, ${LIKE}$`),
  new RegExp(`^line ${N} needs a space after the colon: YAML reads key: value only with a space after the colon \\(score: 4, not score:4\\)$`),
];

/** parseYaml's own sentences for what the parser cannot say well. */
export const YAML_SYNTAX = {
  openQuote: 'this quote is never closed (missing its closing quote)',
  unparsable: 'cannot be parsed as YAML',
  unreadable: 'cannot be read as data',
} as const;

const OURS = new Set<string>([...Object.values(BY_CODE), ...Object.values(YAML_SYNTAX), ...Object.values(PLAIN), DEFAULT]);

/** The message for one parser error: ours in plain words for layout, the parser's own when it quotes nothing, else ours. */
export function yamlErrorMessage(code: string, message: string): string {
  const plain = PLAIN[message];
  if (plain) return plain;
  if (isFixed(message)) return message;
  return BY_CODE[code] ?? DEFAULT;
}

const isFixed = (message: string) => FIXED.has(message) || FIXED_FORMS.some((re) => re.test(message));

/** Is this one of the finite set of sentences a YAML syntax problem can say? (The fuzz run checks every one.) */
export function isYamlSyntaxSentence(message: string): boolean {
  return OURS.has(message) || isFixed(message) || LAYOUT_FORMS.some((re) => re.test(message));
}
