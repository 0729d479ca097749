/** "1 member", "2 members", "1,000 members": counts in messages, the same in every process. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/**
 * Text as search and sorting compare it: compatibility forms unfolded, accents
 * dropped, lower case. "Émile" and "emile" are the same; "Ｅ" is "e".
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Orders two strings by Unicode code point, the order SQLite's BINARY collation
 * gives their UTF-8 bytes, and the same on every machine (localeCompare is not).
 * Plain `<` compares UTF-16 units, which puts 😀 before ｚ.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : i < a.length ? 1 : -1;
}

/** Does `text` contain what someone typed, ignoring case and accents ("emile" finds "Émile")? */
export function includesFolded(text: string, typed: string): boolean {
  return foldText(text).includes(foldText(typed.trim()));
}
