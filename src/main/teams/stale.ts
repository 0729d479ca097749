import type { Actor } from '@shared/schemas/audit';
import type { Team } from '@shared/schemas/teams';
import type { Result } from '@shared/result';
import type { AuditEvent } from '../audit/event-row';
import { staleEdit, type LatestChange } from '../audit/latest-change';

/** The audit actions that change a team's own row, and so its version (teams/repository.ts). */
const VERSION_ACTIONS = ['team.rename', 'team.role', 'team.adopt', 'team.link', 'team.unlink'];

const ROLE_SAID: Record<string, string> = { admin: 'Admin', member: 'Member' };

const field = (value: unknown, key: string): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);

/** A link or unlink moves the version only for "all organizations", which is on the team's row; links by name are rows of their own. */
const movesVersion = (event: AuditEvent) =>
  (event.action !== 'team.link' && event.action !== 'team.unlink') || field(event.action === 'team.link' ? event.after : event.before, 'allOrgs') === true;

/** What the event did, said after who did it, and what the admin should look at again. */
function said(event: AuditEvent, team: Team): { what: string; review: string } {
  const label = event.targetLabel ?? team.name;
  switch (event.action) {
    case 'team.role': {
      const role = field(event.after, 'role');
      return { what: `changed ${label}'s role to ${ROLE_SAID[String(role)] ?? String(role)}`, review: 'the new role' };
    }
    case 'team.rename':
      return { what: `renamed ${String(field(event.before, 'name') ?? label)} to ${String(field(event.after, 'name') ?? team.name)}`, review: 'the new name' };
    case 'team.adopt':
      return { what: `took over ${label} (its name and members now come from the identity provider)`, review: 'the team' };
    case 'team.link':
      return { what: `linked ${label} to all organizations`, review: 'where it applies' };
    default:
      return { what: `unlinked ${label} from all organizations`, review: 'where it applies' };
  }
}

/** The refusal of an edit made from a page that showed an older version of the team (docs/RULES.md, V6). */
export function staleTeam(latest: LatestChange, team: Team, caller: Actor, now: Date): Result<never> {
  const event = latest.ofTarget('team', team.id, VERSION_ACTIONS, movesVersion);
  if (!event) return staleEdit(null, now, team.name, 'the team');
  const { what, review } = said(event, team);
  return staleEdit({ who: latest.who(event.actor, caller), what, at: event.at }, now, team.name, review);
}
