import { z } from 'zod';
import { compareCodePoints } from '../text';

export const MAX_NAME_LENGTH = 100;

// C0 and C1 control characters (tab and newline included): never part of a name.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
// Embeddings, overrides and isolates make text display in another order than it is stored.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// A letter, digit, symbol (emoji included) or punctuation mark: something a person can see.
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;
// Zero-width spaces, joiners, variation selectors ...: invisible, so ignored when names are compared.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Length as a person counts it: code points, so an emoji is one character, not two. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * A display name: trimmed, 1 to 100 characters, no control characters.
 * `label` starts the messages, e.g. "Organization name".
 */
export function nameSchema(label: string) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .superRefine((value, ctx) => {
      if (value.length === 0) {
        ctx.addIssue({ code: 'custom', message: `${label} is required` });
        return;
      }
      const count = characterCount(value);
      if (count > MAX_NAME_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `${label} must be at most ${MAX_NAME_LENGTH} characters (this one has ${count})`,
        });
      }
      if (CONTROL_CHARACTER.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${label} cannot contain control characters such as tabs or line breaks` });
      } else if (BIDI_CONTROL.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${label} cannot contain invisible text-direction controls` });
      } else if (!VISIBLE.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${label} must contain at least one visible character` });
      }
    });
}

/**
 * The key two names are compared by when they must be unique "ignoring case".
 * Invisible characters are dropped; NFKC folds look-alike forms (full-width
 * letters, ligatures); upper- then lower-casing folds the cases that
 * lower-casing alone misses (ß and SS).
 */
export function nameKey(name: string): string {
  return name.replace(IGNORABLE, '').normalize('NFKC').toUpperCase().toLowerCase();
}

/**
 * Orders names as the database lists them (by their key, byte for byte):
 * ignoring case, the same on every machine whatever its locale.
 */
export function compareNames(a: string, b: string): number {
  return compareCodePoints(nameKey(a), nameKey(b));
}
