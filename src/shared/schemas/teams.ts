import { z } from 'zod';
import { expectedVersionSchema, idSchema, offsetSchema, timestampSchema } from './common';
import { emailSchema } from './email';
import { lastActiveFields } from './last-active';
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
  /** Goes up by one with every change to the team's name, role, source or link to all organizations (docs/RULES.md, V6). */
  version: z.int(),
});
export type Team = z.infer<typeof teamSchema>;

/** A team as lists show it: with its member count and the organizations it is linked to. */
export const teamSummarySchema = teamSchema.extend({
  memberCount: z.int(),
  organizations: z.array(z.object({ id: z.int(), name: z.string() })),
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const MAX_TEAMS_PAGE = 500;
/** The Teams screen's columns that sort: as the table names them. */
export const teamSortColumns = ['name', 'role', 'source', 'memberCount'] as const;
export type TeamSortColumn = (typeof teamSortColumns)[number];

/**
 * A page of the teams, for the Teams screen: the teams whose name contains
 * `search` (case and accents ignored, as everywhere), in the order asked
 * (ties by name), `limit` of them from `offset`.
 */
export const teamPageInput = z
  .strictObject({
    search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
    sort: z
      .strictObject({
        by: z.enum(teamSortColumns, { error: 'Sort by "name", "role", "source" or "memberCount"' }),
        desc: z.boolean({ error: 'desc must be true or false' }),
      })
      .default({ by: 'name', desc: false }),
    offset: offsetSchema,
    limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(MAX_TEAMS_PAGE, { error: `Limit is at most ${MAX_TEAMS_PAGE}` }).default(50),
  })
  .prefault({});
export type TeamPageInput = z.output<typeof teamPageInput>;
/** `total`: the teams the search matches; `all`: every team, search or not. */
export const teamPageSchema = z.object({ rows: z.array(teamSummarySchema), total: z.int(), all: z.int() });
export type TeamPage = z.infer<typeof teamPageSchema>;

export const createTeamInput = z.strictObject({ name: teamNameSchema, role: teamRoleSchema.default('member') });
export type CreateTeamInput = z.output<typeof createTeamInput>;
/** `version`: the team's version the page showed; left out (the command line), the change applies whatever it is. */
export const renameTeamInput = z.strictObject({ id: idSchema, name: teamNameSchema, version: expectedVersionSchema });
export const setTeamRoleInput = z.strictObject({ id: idSchema, role: teamRoleSchema, version: expectedVersionSchema });
export const teamIdInput = z.strictObject({ id: idSchema });
export const findTeamInput = z.strictObject({ name: z.string({ error: 'Team name must be text' }).max(1000) });

export const MAX_TEAM_MEMBERS_PAGE = 500;

/** Someone in a team (or in its SCIM group): `since` is when they were put in it. */
const teamPersonSchema = z.object({ accountId: z.int(), email: z.string(), name: z.string(), since: timestampSchema });
export type TeamPerson = z.infer<typeof teamPersonSchema>;

/** A member of a team, with their Last Active by the report's rule. */
export const teamMemberSchema = teamPersonSchema.extend(lastActiveFields);
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamMemberSortColumns = ['name', 'lastActive'] as const;

export const teamMembersInput = z.strictObject({
  teamId: idSchema,
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
  offset: offsetSchema,
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(MAX_TEAM_MEMBERS_PAGE, { error: `Limit is at most ${MAX_TEAM_MEMBERS_PAGE}` }).default(100),
  /** By name, or by Last Active (oldest first is most idle first, never active leading: as on Licenses). */
  sort: z
    .strictObject({ by: z.enum(teamMemberSortColumns, { error: 'Sort by "name" or "lastActive"' }), desc: z.boolean({ error: 'desc must be true or false' }) })
    .default({ by: 'name', desc: false }),
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
export const teamWithoutSeatSchema = z.object({ rows: z.array(teamPersonSchema), total: z.int() });
export type TeamWithoutSeatPage = z.infer<typeof teamWithoutSeatSchema>;

export const MAX_TEAM_INVITATIONS_PAGE = 500;

/** A page of the pending invitations that name a team (expired ones too: they can be resent). */
export const teamInvitationsInput = z.strictObject({
  teamId: idSchema,
  offset: offsetSchema,
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(MAX_TEAM_INVITATIONS_PAGE, { error: `Limit is at most ${MAX_TEAM_INVITATIONS_PAGE}` }).default(100),
});
export type TeamInvitationsInput = z.output<typeof teamInvitationsInput>;

export const teamInvitationSchema = z.object({
  id: z.int().positive(),
  email: z.string(),
  /** "expired": past its expiry, holding no seat, and can be resent. */
  status: z.enum(['pending', 'expired']),
  sentAt: timestampSchema,
  expiresAt: timestampSchema,
  /** False when it has expired, or its address holds a seat already (it then takes none). */
  holdsSeat: z.boolean(),
  /** The other teams and the organizations the same invitation names: revoking it takes them away too. */
  otherTeams: z.array(z.object({ id: z.int(), name: z.string() })),
  organizations: z.array(z.object({ id: z.int(), name: z.string() })),
});
export type TeamInvitation = z.infer<typeof teamInvitationSchema>;
/** Live ones first, the soonest to expire first; then expired ones, the most recently expired first. */
export const teamInvitationPageSchema = z.object({ rows: z.array(teamInvitationSchema), total: z.int() });
export type TeamInvitationPage = z.infer<typeof teamInvitationPageSchema>;

/** Invite an address into a team, from its page. */
export const teamInviteInput = z.strictObject({ teamId: idSchema, email: emailSchema });
/**
 * "added": the address holds a seat already, so they joined the team at once;
 * "invited": an invitation naming the team was sent, holding a seat until it is accepted;
 * "addedToInvitation": the address had a pending invitation already, which now names the team too.
 */
export const teamInviteResultSchema = z.object({
  outcome: z.enum(['added', 'invited', 'addedToInvitation']),
  email: z.string(),
  accountId: z.int().nullable(),
  invitationId: z.int().nullable(),
  expiresAt: timestampSchema.nullable(),
});
export type TeamInviteResult = z.infer<typeof teamInviteResultSchema>;

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
