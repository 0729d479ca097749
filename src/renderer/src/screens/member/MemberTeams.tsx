import type { MemberAccess } from '@shared/schemas/access';
import type { TeamSummary } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { ROLE_LABEL } from '../../lib/labels';
import { teamHref } from '../../lib/route';

/** What a team reaches, in a few words: "All organizations", "Engineering, Product", "No organization yet". */
export function teamReach(team: TeamSummary | undefined): string {
  if (!team) return '';
  if (team.allOrgs) return 'All organizations';
  if (team.organizations.length === 0) return 'No organization yet';
  if (team.organizations.length > 3) return countOf(team.organizations.length, 'organization');
  return team.organizations.map((org) => org.name).join(', ');
}

interface MemberTeamsProps {
  email: string;
  teams: MemberAccess['teams'];
  /** Their teams as teams:get gives them, by id, for what each reaches and who manages it (a SCIM team's members are set by the identity provider); one not read yet shows nothing there. */
  known: ReadonlyMap<number, TeamSummary>;
  // Each left out where this admin may not (the server's console, by role): its control is not shown.
  onAdd?: () => void;
  onRemove?: (team: { id: number; name: string }) => void;
}

/** The teams they are in: the role each gives where it reaches; leave one, or join another. */
export function MemberTeams({ email, teams, known, onAdd, onRemove }: MemberTeamsProps) {
  return (
    <div className="card" role="region" aria-labelledby="member-teams-title">
      <div className="toolbar">
        <h2 id="member-teams-title" className="toolbar-title">
          Teams
        </h2>
        <span className="toolbar-count">{countOf(teams.length, 'team')}</span>
        {onAdd ? (
          <button type="button" className="button" onClick={onAdd}>
            Add to team…
          </button>
        ) : null}
      </div>
      <div className="table-scroll">
        <table className="data-table" aria-label={`Teams of ${email}`}>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Role it gives</th>
              <th scope="col">Where</th>
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={4}>In no team.</td>
              </tr>
            ) : (
              teams.map((team) => {
                const summary = known.get(team.id);
                const managed = summary?.source === 'scim';
                return (
                  <tr key={team.id}>
                    <td>
                      <a className="cell-link" href={teamHref(team.id)}>
                        {team.name}
                      </a>
                    </td>
                    <td>{ROLE_LABEL[team.role]}</td>
                    <td className="muted">{teamReach(summary)}</td>
                    <td className="col-actions">
                      {managed ? (
                        <span className="muted small" title="Its members are set by your identity provider, over SCIM.">
                          Set by your identity provider
                        </span>
                      ) : onRemove ? (
                        <button
                          type="button"
                          className="button subtle small danger-text"
                          aria-label={`Remove ${email} from ${team.name}`}
                          onClick={() => onRemove(team)}
                        >
                          Remove
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
