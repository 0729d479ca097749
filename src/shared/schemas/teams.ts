import { z } from 'zod';
import { idSchema, offsetSchema, timestampSchema } from './common';
import { invitationRoles } from './members';
import { nameSchema } from './names';

export const teamSources = ['manual', 'scim'] as const;
export type TeamSource = (typeof teamSources)[number];

export const teamNameSchema = nameSchema('Team name');
const teamRoleSchema = z.enum(invitationRoles, { error: 'A team\'s role is "admin" or "member"' });

export const teamSchema = z.object({
  id: z.int().positive(),
  name: z.string(),
  role: z.enum(invitationRoles),
  source: z.enum(teamSources),
  /** Linked to every organization, present and future. */
  allOrgs: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Team = z.infer<typeof teamSchema>;

/** A team as lists show it: with its member count and the organizations it is linked to. */
export const teamSummarySchema = teamSchema.extend({
  memberCount: z.int(),
  organizations: z.array(z.object({ id: z.int(), name: z.string() })),
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const createTeamInput = z.strictObject({ name: teamNameSchema, role: teamRoleSchema.default('member') });
export type CreateTeamInput = z.output<typeof createTeamInput>;
export const renameTeamInput = z.strictObject({ id: idSchema, name: teamNameSchema });
export const setTeamRoleInput = z.strictObject({ id: idSchema, role: teamRoleSchema });
export const teamIdInput = z.strictObject({ id: idSchema });
export const findTeamInput = z.strictObject({ name: z.string({ error: 'Team name must be text' }).max(1000) });

export const MAX_TEAM_MEMBERS_PAGE = 500;

export const teamMemberSchema = z.object({ accountId: z.int(), email: z.string(), name: z.string(), since: timestampSchema });
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamMembersInput = z.strictObject({
  teamId: idSchema,
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
  offset: offsetSchema,
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(MAX_TEAM_MEMBERS_PAGE, { error: `Limit is at most ${MAX_TEAM_MEMBERS_PAGE}` }).default(100),
});
export type TeamMembersInput = z.output<typeof teamMembersInput>;
export const teamMemberPageSchema = z.object({ rows: z.array(teamMemberSchema), total: z.int() });
export type TeamMemberPage = z.infer<typeof teamMemberPageSchema>;

/** How many people teams:withoutSeat lists at most (the total is counted in full). */
export const WITHOUT_SEAT_LIMIT = 100;
export const teamWithoutSeatInput = z.strictObject({ teamId: idSchema });
/**
 * People the identity provider put in a SCIM team who hold no seat: the team
 * applies to them again when they get one. `since` is when the provider put them in.
 */
export const teamWithoutSeatSchema = teamMemberPageSchema;

export const changeTeamMembersInput = z.strictObject({
  teamId: idSchema,
  accountIds: z.array(idSchema).min(1, { error: 'Choose at least one member' }).max(10_000, { error: 'At most 10,000 at once' }),
});

/** Link to some organizations, or to all of them (present and future). */
export const linkTeamInput = z.union([
  z.strictObject({ teamId: idSchema, orgIds: z.array(idSchema).min(1, { error: 'Choose at least one organization' }).max(10_000) }),
  z.strictObject({ teamId: idSchema, allOrgs: z.literal(true) }),
]);
export type LinkTeamInput = z.output<typeof linkTeamInput>;
export const unlinkTeamInput = linkTeamInput;
