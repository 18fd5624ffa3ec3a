/**
 * Evidence items on one line of the interview's evidence prompt, and back. Items are separated by
 * commas, semicolons or line breaks (inside a link, only when a space follows); an item that holds one of those (`https://x/a?x=1,2`,
 * `report, v2.pdf`), a double quote, or space at either end is written in double quotes (a quote
 * inside doubled, as in CSV), so a list shown for editing reads back item for item.
 */

const NEEDS_QUOTES = /[,;\n\r"]|^\s|\s$/;

export function joinEvidence(items: readonly string[]): string {
  return items.map((i) => (NEEDS_QUOTES.test(i) ? `"${i.replace(/"/g, '""')}"` : i)).join(', ');
}

/** The items of a typed line; empty items and a lone "-" are dropped. A quote never closed runs to the end. */
export function splitEvidence(line: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i <= line.length) {
    while (i < line.length && /[ \t]/.test(line[i]!)) i++;
    let item = '';
    let quoted = false;
    if (line[i] === '"') {
      quoted = true;
      i++;
      for (; i < line.length; i++) {
        if (line[i] !== '"') item += line[i];
        else if (line[i + 1] === '"') item += line[i++];
        else break;
      }
      i++;
      // Anything between the closing quote and the next separator belongs to the item.
      let rest = '';
      while (i < line.length && !/[,;\n]/.test(line[i]!)) rest += line[i++];
      item += rest.trimEnd();
    } else {
      // Inside a link a comma or semicolon with no space after it is part of it (https://x/a?x=1,2).
      const inLink = () => /^[a-z][a-z0-9+.-]*:\/\//i.test(item) && line[i] !== '\n' && i + 1 < line.length && !/[\s,;]/.test(line[i + 1]!);
      while (i < line.length && (!/[,;\n]/.test(line[i]!) || inLink())) item += line[i++];
      item = item.trim();
    }
    if (quoted ? item !== '' : item !== '' && item !== '-') items.push(item);
    i++;
  }
  return items;
}
