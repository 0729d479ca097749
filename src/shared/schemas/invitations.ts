import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { emailSchema } from './email';
import { invitationRoles } from './members';

/** Derived from the stored state and the clock: a pending invitation past its expiry has expired. */
export const invitationStatuses = ['pending', 'expired', 'accepted', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const invitationSchema = z.object({
  id: z.int().positive(),
  email: z.string(),
  role: z.enum(invitationRoles),
  status: z.enum(invitationStatuses),
  sentAt: timestampSchema,
  expiresAt: timestampSchema,
  organizations: z.array(z.object({ id: z.int(), name: z.string() })),
  teams: z.array(z.object({ id: z.int(), name: z.string() })),
});
export type Invitation = z.infer<typeof invitationSchema>;

const MAX_ORGS_PER_INVITATION = 1000;

export const createInvitationInput = z.strictObject({
  email: emailSchema,
  role: z.enum(invitationRoles, { error: 'Role must be "member" or "admin"' }).default('member'),
  orgIds: z
    .array(idSchema, { error: 'Organizations must be a list of ids' })
    .max(MAX_ORGS_PER_INVITATION, { error: `An invitation can name at most ${MAX_ORGS_PER_INVITATION} organizations` })
    .default([]),
  teamIds: z
    .array(idSchema, { error: 'Teams must be a list of ids' })
    .max(MAX_ORGS_PER_INVITATION, { error: `An invitation can name at most ${MAX_ORGS_PER_INVITATION} teams` })
    .default([]),
});
export type CreateInvitationInput = z.output<typeof createInvitationInput>;

export const invitationIdInput = z.strictObject({ id: idSchema });

export const MAX_EXPIRY_DAYS = 365;
export const DEFAULT_EXPIRY_DAYS = 30;

/** The pending invitation (expired or not) to an address, newest first. */
export const findInvitationInput = z.strictObject({ email: emailSchema });
