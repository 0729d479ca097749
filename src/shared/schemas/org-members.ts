import { z } from 'zod';
import { idSchema, offsetSchema, timestampSchema } from './common';
import { lastActiveFields } from './last-active';
import { orgRoles } from './members';

export const orgMemberSchema = z.object({
  accountId: z.int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(orgRoles),
  since: timestampSchema,
  ...lastActiveFields,
});
export type OrgMember = z.infer<typeof orgMemberSchema>;

const roleSchema = z.enum(orgRoles, { error: 'Role must be "owner", "admin" or "member"' });

export const MAX_ORG_MEMBERS_PAGE = 500;

export const orgMemberSortColumns = ['role', 'lastActive'] as const;

/** A page of an organization's direct members, owners first (or by Last Active), optionally those matching a search. */
export const orgMembersInput = z.strictObject({
  orgId: idSchema,
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
  offset: offsetSchema,
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(MAX_ORG_MEMBERS_PAGE, { error: `Limit is at most ${MAX_ORG_MEMBERS_PAGE}` }).default(100),
  /** By role (owners first, then by name), or by Last Active (oldest first is most idle first, never active leading: as on Licenses). */
  sort: z
    .strictObject({ by: z.enum(orgMemberSortColumns, { error: 'Sort by "role" or "lastActive"' }), desc: z.boolean({ error: 'desc must be true or false' }) })
    .default({ by: 'role', desc: false }),
});
export type OrgMembersInput = z.output<typeof orgMembersInput>;

export const orgMemberPageSchema = z.object({ rows: z.array(orgMemberSchema), total: z.int() });
export type OrgMemberPage = z.infer<typeof orgMemberPageSchema>;

export const addOrgMembersInput = z.strictObject({
  orgId: idSchema,
  accountIds: z.array(idSchema).min(1, { error: 'Choose at least one member' }).max(10_000, { error: 'At most 10,000 at once' }),
  role: roleSchema,
});

export const setOrgMemberRoleInput = z.strictObject({ orgId: idSchema, accountId: idSchema, role: roleSchema });
export const removeOrgMemberInput = z.strictObject({ orgId: idSchema, accountId: idSchema });
