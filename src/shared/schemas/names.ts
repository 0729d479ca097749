import { z } from 'zod';

export const MAX_NAME_LENGTH = 100;

// C0 and C1 control characters (tab and newline included): never part of a name.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

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
      }
    });
}

/**
 * The key two names are compared by when they must be unique "ignoring case".
 * NFKC folds look-alike forms (full-width letters, ligatures); upper- then
 * lower-casing folds the cases that lower-casing alone misses (ß and SS).
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase();
}
