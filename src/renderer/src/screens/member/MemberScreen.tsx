import { describeReach } from '../../lib/reach';
import { AccessPaths, RoleBadge } from '../../components/AccessPaths';
import { PageHeader } from '../../components/PageHeader';
import { organizationHref, screenHref, teamHref } from '../../lib/route';
import { appErrorOf, useContractQuery } from '../../data/query';
import { NotFoundScreen } from '../../components/ErrorBanner';

/** The Access view: for one member, each organization they reach, the role that applies, and every path there. */
export function MemberScreen({ accountId }: { accountId: number }) {
  const accessQuery = useContractQuery('access:member', { accountId });
  const access = accessQuery.data ?? null;
  const error = appErrorOf(accessQuery.error);

  if (error) {
    return (
      <NotFoundScreen id="member-title" noun="member" error={error} back={{ href: screenHref('licenses'), label: 'Back to Licenses' }} />
    );
  }
  if (!access || access.member.accountId !== accountId) return <div className="screen muted">Loading…</div>;

  const { member, teams, organizations } = access;
  return (
    <section className="screen" aria-labelledby="member-title">
      <a className="back-link" href={screenHref('licenses')}>
        ← Licenses
      </a>
      <PageHeader
        id="member-title"
        title={member.name || member.email}
        description={`${member.name ? `${member.email} · ` : ''}${describeReach(organizations)}`}
      />

      <div className="card team-facts" role="region" aria-labelledby="member-teams-title">
        <h2 id="member-teams-title">Teams</h2>
        <span className="org-chips wrap">
          {teams.length === 0 ? <span className="muted">In no team.</span> : null}
          {teams.map((team) => (
            <a key={team.id} className="chip" href={teamHref(team.id)} title={team.name}>
              <span className="chip-name">{team.name}</span>
              <span className="chip-role">{team.role}</span>
            </a>
          ))}
        </span>
      </div>

      <div className="card" role="region" aria-labelledby="member-access-title">
        <div className="toolbar">
          <h2 id="member-access-title" className="toolbar-title">
            Access
          </h2>
          <span className="toolbar-count">The highest role among all paths applies; the winning path is marked.</span>
        </div>
        <div className="table-scroll">
          <table className="data-table" aria-label={`Access of ${member.email}`}>
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col">Role</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {organizations.length === 0 ? (
                <tr className="empty-row">
                  <td colSpan={3}>They hold a seat but reach no organization yet: add them to a team or an organization.</td>
                </tr>
              ) : (
                organizations.map((entry) => (
                  <tr key={entry.org.id}>
                    <td>
                      <a className="cell-link" href={organizationHref(entry.org.id)}>
                        {entry.org.name}
                      </a>
                    </td>
                    <td>
                      <RoleBadge role={entry.role} />
                    </td>
                    <td>
                      <AccessPaths paths={entry.paths} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
