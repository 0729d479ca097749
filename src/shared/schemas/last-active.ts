import { z } from 'zod';
import { timestampSchema } from './common';

/**
 * A member's Last Active as the activity report shows it (docs/RULES.md, A3 and
 * A3b), for the lists of people that show it beside other facts: a day
 * (YYYY-MM-DD), '' for the blank span, 'N/A', or a legacy login's day; and the
 * exact last activity on record, as detail.
 */
export const lastActiveFields = {
  lastActive: z.string(),
  /** The latest client open (or login since tracking began) on record, exact; null where there is none. */
  lastActiveAt: timestampSchema.nullable(),
  /** The day shown is a last login from before activity was tracked (the legacy case of A3). */
  lastActiveLegacy: z.boolean(),
};

