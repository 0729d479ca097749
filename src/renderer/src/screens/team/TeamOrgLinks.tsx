import type { TeamSummary } from '@shared/schemas/teams';
import { organizationHref } from '../../lib/route';

interface TeamOrgLinksProps {
  team: TeamSummary;
  /** The × of a chip: asks before unlinking (the caller's dialog). None where this admin may not unlink. */
  onUnlink?: (org: { id: number; name: string } | 'all') => void;
  /** None where this admin may not link. */
  onLink?: () => void;
}

function OrgChip({ team, org, onUnlink }: { team: TeamSummary; org: { id: number; name: string }; onUnlink?: () => void }) {
  return (
    <span className="chip" role="listitem" title={org.name}>
      <a className="chip-name" href={organizationHref(org.id)}>
        {org.name}
      </a>
      {onUnlink ? (
        <button type="button" className="chip-remove" aria-label={`Unlink ${team.name} from ${org.name}`} onClick={onUnlink}>
          ×
        </button>
      ) : null}
    </span>
  );
}

/**
 * The organizations a team is linked to, as chips with a × each. While it is
 * linked to all organizations, its links by name are listed apart and cannot
 * be removed one by one: "all" covers them, so unlinking one would take
 * nothing away (the service refuses it too). They stay for when "all" goes.
 */
export function TeamOrgLinks({ team, onUnlink, onLink }: TeamOrgLinksProps) {
  const link = onLink ? (
    <button type="button" className="button small" onClick={onLink}>
      Link organizations
    </button>
  ) : null;
  if (!team.allOrgs) {
    return (
      <div className="fact-row">
        <span className="fact-label">Organizations</span>
        {/* A list holds list items only: the note and the button sit beside it. */}
        <span className="org-chips wrap">
          {team.organizations.length > 0 ? (
            <span className="org-chips wrap" role="list" aria-label={`Organizations ${team.name} is linked to`}>
              {team.organizations.map((org) => (
                <OrgChip key={org.id} team={team} org={org} onUnlink={onUnlink ? () => onUnlink(org) : undefined} />
              ))}
            </span>
          ) : (
            <span className="muted">Not linked yet: it gives no access.</span>
          )}
          {link}
        </span>
      </div>
    );
  }
  return (
    <>
      <div className="fact-row">
        <span className="fact-label">Organizations</span>
        <span className="org-chips wrap">
          <span className="org-chips wrap" role="list" aria-label={`Organizations ${team.name} is linked to`}>
            <span className="chip chip-all" role="listitem">
              <span className="chip-name">All organizations</span>
              {onUnlink ? (
                <button type="button" className="chip-remove" aria-label={`Unlink ${team.name} from all organizations`} onClick={() => onUnlink('all')}>
                  ×
                </button>
              ) : null}
            </span>
          </span>
          {link}
        </span>
      </div>
      {team.organizations.length > 0 ? (
        <div className="fact-row">
          <span className="fact-label">Also linked by name</span>
          <span className="org-chips wrap">
            <span className="org-chips wrap" role="list" aria-label={`Organizations ${team.name} is also linked to by name`}>
              {team.organizations.map((org) => (
                <OrgChip key={org.id} team={team} org={org} />
              ))}
            </span>
            <span className="muted">Kept if “All organizations” is switched off.</span>
          </span>
        </div>
      ) : null}
    </>
  );
}
