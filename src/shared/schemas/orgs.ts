import { z } from 'zod';
import { expectedVersionSchema, idSchema, timestampSchema } from './common';
import { invitationRoles } from './members';
import { nameSchema } from './names';
import { teamSources } from './teams';

export const orgNameSchema = nameSchema('Organization name');

export const organizationSchema = z.object({
  id: z.int().positive(),
  name: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** Goes up by one with every rename (docs/RULES.md, V6). */
  version: z.int(),
});

export type Organization = z.infer<typeof organizationSchema>;

/** An organization as lists show it: with its direct members and how many of them own it. */
export const orgSummarySchema = organizationSchema.extend({ memberCount: z.int(), ownerCount: z.int() });
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const getOrgInput = z.strictObject({ id: idSchema });

export const createOrgInput = z.strictObject({ name: orgNameSchema });
/** `version`: the organization's version the page showed; left out (the command line), the rename applies whatever it is. */
export const renameOrgInput = z.strictObject({ id: idSchema, name: orgNameSchema, version: expectedVersionSchema });
export const removeOrgInput = z.strictObject({ id: idSchema });
/** Finds an organization by name, ignoring case as uniqueness does. */
export const findOrgInput = z.strictObject({ name: z.string({ error: 'Organization name must be text' }).max(1000, { error: 'Organization name is far too long' }) });

export type CreateOrgInput = z.output<typeof createOrgInput>;
export type RenameOrgInput = z.output<typeof renameOrgInput>;

export const orgTeamsInput = z.strictObject({ orgId: idSchema });
/**
 * A team that reaches an organization: linked to it by name, or to all
 * organizations ("allOrgs", which covers it whatever its links by name say).
 */
export const orgTeamSchema = z.object({
  id: z.int().positive(),
  name: z.string(),
  role: z.enum(invitationRoles),
  source: z.enum(teamSources),
  memberCount: z.int(),
  via: z.enum(['link', 'allOrgs']),
  /** When it was linked by name; null when only "all organizations" brings it. */
  linkedSince: timestampSchema.nullable(),
});
export type OrgTeam = z.infer<typeof orgTeamSchema>;
