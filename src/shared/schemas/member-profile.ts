import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { invitationSchema } from './invitations';
import { memberSchema } from './members';

export const getMemberInput = z.strictObject({ accountId: idSchema });

/**
 * One member's seat, as their page shows it: how and since when they hold it,
 * Last Active by the activity report's rule, whether the identity provider
 * manages them, and the invitations still pending to their address.
 */
export const memberProfileSchema = memberSchema.extend({
  /** The report's value (docs/RULES.md, A3): a day (YYYY-MM-DD), '' for the blank span, 'N/A', or a legacy login's day. */
  lastActive: z.string(),
  /** The day shown is a login from before activity was tracked (the legacy rule). */
  lastActiveLegacy: z.boolean(),
  /** Whole days since that activity (never active: since the seat was taken). */
  idleDays: z.int(),
  lastLoginAt: timestampSchema.nullable(),
  /**
   * The identity provider manages them: it gave them their seat, or it has
   * written them as a SCIM user. It may change their seat, name and address,
   * and give them a seat again after it is released.
   */
  scimManaged: z.boolean(),
  /** Pending invitations to their address (expired ones too, until revoked), oldest first. They hold no second seat. */
  invitations: z.array(invitationSchema),
});
export type MemberProfile = z.infer<typeof memberProfileSchema>;
