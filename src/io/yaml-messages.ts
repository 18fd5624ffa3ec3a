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

/** parseYaml's own sentences for what the parser cannot say well. */
export const YAML_SYNTAX = {
  openQuote: 'this quote is never closed (missing its closing quote)',
  unparsable: 'cannot be parsed as YAML',
  unreadable: 'cannot be read as data',
} as const;

const OURS = new Set<string>([...Object.values(BY_CODE), ...Object.values(YAML_SYNTAX), DEFAULT]);

/** The message for one parser error: the parser's own when it quotes nothing, else ours. */
export function yamlErrorMessage(code: string, message: string): string {
  if (isFixed(message)) return message;
  return BY_CODE[code] ?? DEFAULT;
}

const isFixed = (message: string) => FIXED.has(message) || FIXED_FORMS.some((re) => re.test(message));

/** Is this one of the finite set of sentences a YAML syntax problem can say? (The fuzz run checks every one.) */
export function isYamlSyntaxSentence(message: string): boolean {
  return OURS.has(message) || isFixed(message);
}
