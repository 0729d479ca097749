import type { ActorType } from '@shared/schemas/audit';

export const ACTOR_TYPE_LABEL: Record<ActorType, string> = { app: 'App', cli: 'CLI', scim: 'SCIM', import: 'Import', system: 'System' };

/** Who an actor type is, said for the filter menu. */
export const ACTOR_TYPE_PLURAL: Record<ActorType, string> = {
  app: 'Everyone in the app',
  cli: 'Every command-line user',
  scim: 'Every SCIM token',
  import: 'Every import file',
  system: 'Roster itself',
};

/** The actions Roster records, in words; an action not listed here is shown as it is recorded. */
const WORDS: Record<string, string> = {
  'enterprise.create': 'Set up the enterprise',
  'enterprise.rename': 'Renamed the enterprise',
  'enterprise.seats': 'Changed the seat count',
  'settings.update': 'Changed settings',
  'org.create': 'Created an organization',
  'org.rename': 'Renamed an organization',
  'org.remove': 'Deleted an organization',
  'org.member.add': 'Added to an organization',
  'org.member.remove': 'Removed from an organization',
  'org.member.role': 'Changed an organization role',
  'member.add': 'Added a member',
  'member.remove': 'Removed a member',
  'account.create': 'Created an account',
  'account.rename': 'Renamed an account',
  'account.email': 'Changed an email address',
  'invitation.create': 'Sent an invitation',
  'invitation.resend': 'Resent an invitation',
  'invitation.revoke': 'Revoked an invitation',
  'invitation.accept': 'Accepted an invitation',
  'team.create': 'Created a team',
  'team.rename': 'Renamed a team',
  'team.remove': 'Deleted a team',
  'team.role': "Changed a team's role",
  'team.link': 'Linked a team',
  'team.unlink': 'Unlinked a team',
  'team.adopt': 'Linked a team to a SCIM group',
  'team.externalId': "Set a team's SCIM id",
  'team.member.add': 'Added to a team',
  'team.member.remove': 'Removed from a team',
  'domain.add': 'Added a domain',
  'domain.remove': 'Removed a domain',
  'domain.verify': 'Verified a domain',
  'domain.unverify': 'A domain lost verification',
  'domain.capture': 'Switched domain capture',
  'domain.lock': 'Switched domain lock',
  'domain.subdomains': 'Switched subdomains',
  'domain.team': "Changed a domain's default team",
  'capture.waiting': 'Waiting for a seat',
  'signup.refused': 'Refused a sign-up',
  'import.run': 'Imported events',
  'import.cancel': 'Stopped an import',
  'import.fail': 'An import failed',
  'activity.prune': 'Deleted old activity',
  'activity.demo': 'Made demo activity',
  'audit.prune': 'Deleted old audit events',
  'scim.token.create': 'Created a SCIM token',
  'scim.token.revoke': 'Revoked a SCIM token',
  'scim.user.create': 'Provisioned a user',
  'scim.user.update': 'Updated a SCIM user',
  'scim.user.delete': 'Deprovisioned a user',
  'admin.add': 'Added an admin',
  'admin.role': "Changed an admin's role",
  'admin.remove': 'Removed an admin',
  'admin.token.create': 'Created an API token',
  'admin.token.role': "Lowered an API token's role",
  'admin.token.revoke': 'Revoked an API token',
  'admin.signin': 'Signed in to the console',
  'admin.signin.fail': 'A console sign-in failed',
  'admin.signout': 'Signed out of the console',
  'admin.session.end': 'Ended a console session',
};

export function actionInWords(action: string): string | null {
  return WORDS[action] ?? null;
}

/** "member.add" → "member.": the group an action belongs to, for the filter menu. */
export function actionGroups(actions: string[]): string[] {
  return [...new Set(actions.filter((action) => action.includes('.')).map((action) => `${action.slice(0, action.indexOf('.'))}.`))];
}
