import { foldText } from '@shared/text';

/**
 * A LIKE pattern matching `text` anywhere, folded as names are (case and
 * accents ignored; compare with folded columns such as accounts.name_fold and
 * the lower-case email_key), with %, _ and \ in the text matched literally.
 * Use with `ESCAPE '\'`.
 */
export function containsPattern(text: string): string {
  return `%${foldText(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
