/**
 * A LIKE pattern matching `text` anywhere, ignoring case (the caller compares
 * against lower-cased columns), with %, _ and \ in the text matched literally.
 * Use with `ESCAPE '\'`.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
