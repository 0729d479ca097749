import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { orgRoles } from './members';

export const orgMemberSchema = z.object({
  accountId: z.int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(orgRoles),
  since: timestampSchema,
});
export type OrgMember = z.infer<typeof orgMemberSchema>;

const roleSchema = z.enum(orgRoles, { error: 'Role must be "owner", "admin" or "member"' });

export const orgMembersInput = z.strictObject({ orgId: idSchema });

export const addOrgMembersInput = z.strictObject({
  orgId: idSchema,
  accountIds: z.array(idSchema).min(1, { error: 'Choose at least one member' }).max(10_000),
  role: roleSchema,
});

export const setOrgMemberRoleInput = z.strictObject({ orgId: idSchema, accountId: idSchema, role: roleSchema });
export const removeOrgMemberInput = z.strictObject({ orgId: idSchema, accountId: idSchema });
