import { z } from 'zod';
import { idSchema, offsetSchema } from './common';
import { orgRoles } from './members';

export const accessPathSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), role: z.enum(orgRoles) }),
  z.object({ kind: z.literal('team'), teamId: z.int(), teamName: z.string(), role: z.enum(orgRoles) }),
]);

/** One organization a member can reach: the role that applies, and every path there, the winner first. */
export const orgAccessSchema = z.object({
  org: z.object({ id: z.int(), name: z.string() }),
  role: z.enum(orgRoles),
  paths: z.array(accessPathSchema),
});
export type OrgAccess = z.infer<typeof orgAccessSchema>;

export const memberAccessSchema = z.object({
  member: z.object({ accountId: z.int(), email: z.string(), name: z.string() }),
  teams: z.array(z.object({ id: z.int(), name: z.string(), role: z.enum(orgRoles) })),
  organizations: z.array(orgAccessSchema),
});
export type MemberAccess = z.infer<typeof memberAccessSchema>;

export const memberAccessInput = z.strictObject({ accountId: idSchema });

/** Everyone who can reach one organization, and how; a page at a time. */
export const orgAccessInput = z.strictObject({
  orgId: idSchema,
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
  offset: offsetSchema,
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(500, { error: 'Limit is at most 500' }).default(100),
});
export type OrgAccessInput = z.output<typeof orgAccessInput>;

export const personAccessSchema = z.object({
  accountId: z.int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(orgRoles),
  paths: z.array(accessPathSchema),
});
export type PersonAccess = z.infer<typeof personAccessSchema>;
export const orgAccessPageSchema = z.object({ rows: z.array(personAccessSchema), total: z.int() });
export type OrgAccessPage = z.infer<typeof orgAccessPageSchema>;
