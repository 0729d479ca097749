import type { TeamWithoutSeatPage } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { formatDate } from '../../lib/format';

/**
 * People the identity provider put in a SCIM team who hold no seat. The team
 * gives them nothing while they have none, and applies again, with no new
 * request from the provider, as soon as they get one back.
 */
export function WithoutSeatCard({ teamName, people }: { teamName: string; people: TeamWithoutSeatPage }) {
  const shown = people.rows.length;
  return (
    <div className="card" role="region" aria-labelledby="team-without-seat-title">
      <div className="toolbar">
        <h2 id="team-without-seat-title" className="toolbar-title">
          In the group, without a seat
        </h2>
        <span className="toolbar-count">{countOf(people.total, 'person', 'people')}</span>
      </div>
      <p className="card-note">
        Your identity provider put {people.total === 1 ? 'this person' : 'these people'} in {teamName}, but they hold no seat, so the team gives them
        no access. It applies again as soon as they get a seat back.
      </p>
      <div className="table-scroll">
        <table className="data-table" aria-label={`People in ${teamName} without a seat`}>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">In the group since</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {people.rows.map((person) => (
              <tr key={person.accountId}>
                <td>
                  {/* No seat, so no member page to link to. */}
                  <span className="person">
                    <span className="person-name">{person.name || person.email}</span>
                    {person.name ? <span className="person-email">{person.email}</span> : null}
                  </span>
                </td>
                <td className="muted">{formatDate(person.since)}</td>
                <td>
                  <span className="badge badge-warning">No seat: not applied</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown < people.total ? <p className="card-note">The first {shown} of {people.total.toLocaleString()} are shown.</p> : null}
    </div>
  );
}
