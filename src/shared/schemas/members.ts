import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { emailSchema } from './email';
import { seatCountSchema } from './enterprise';

/** Why a seat is held: how the member came to hold it. */
export const seatSources = ['manual', 'invitation', 'domain_capture', 'scim', 'import'] as const;
export type SeatSource = (typeof seatSources)[number];

export const seatSourceLabels: Record<SeatSource, string> = {
  manual: 'Added by hand',
  invitation: 'Invitation',
  domain_capture: 'Domain capture',
  scim: 'SCIM',
  import: 'Import',
};

/** Organization roles, highest first. Teams and invitations never give `owner`. */
export const orgRoles = ['owner', 'admin', 'member'] as const;
export type OrgRole = (typeof orgRoles)[number];
export const invitationRoles = ['admin', 'member'] as const;
export type InvitationRole = (typeof invitationRoles)[number];

export const MAX_PERSON_NAME_LENGTH = 200;

/** A person's display name: optional (the email stands in), trimmed, one line. */
export const personNameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .max(MAX_PERSON_NAME_LENGTH, { error: `Name must be at most ${MAX_PERSON_NAME_LENGTH} characters` })
  .refine((value) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(value), {
    error: 'Name must be one line, without control characters',
  })
  .refine((value) => value === '' || /[\p{L}\p{N}\p{S}\p{P}]/u.test(value), { error: 'Name must contain a visible character' });

export const memberSchema = z.object({
  accountId: z.int().positive(),
  email: z.string(),
  name: z.string(),
  source: z.enum(seatSources),
  seatSince: timestampSchema,
  lastActiveAt: timestampSchema.nullable(),
});

export type Member = z.infer<typeof memberSchema>;

export const addMemberInput = z.strictObject({
  email: emailSchema,
  name: personNameSchema.optional(),
});
export type AddMemberInput = z.output<typeof addMemberInput>;

export const removeMemberInput = z.strictObject({ accountId: idSchema });

/** The seats, counted: in use = members + pending invitations to people who hold no seat yet. */
export const seatUsageSchema = z.object({
  seats: z.int(),
  members: z.int(),
  pendingInvitations: z.int(),
  inUse: z.int(),
  free: z.int(),
  /** Seats taken beyond the seat count; only ever more than 0 if clocks of two processes disagreed about an expiry. */
  overbookedBy: z.int(),
  /** When the next pending invitation expires and frees its seat. */
  nextExpiry: timestampSchema.nullable(),
});
export type SeatUsage = z.infer<typeof seatUsageSchema>;

export const setSeatsInput = z.strictObject({ seats: seatCountSchema });

export const findMemberInput = z.strictObject({ email: emailSchema });

export const searchMembersInput = z.strictObject({
  text: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }),
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(200, { error: 'Limit is at most 200' }).default(50),
  /** Also say each one's role in this organization (null: not a direct member). */
  orgId: idSchema.optional(),
  /** Also say whether each one is in this team. */
  teamId: idSchema.optional(),
});

export const memberSearchResultSchema = memberSchema.extend({ orgRole: z.enum(orgRoles).nullable(), inTeam: z.boolean() });
export type MemberSearchResult = z.infer<typeof memberSearchResultSchema>;
