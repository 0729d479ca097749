import type { Invitation } from '@shared/schemas/invitations';
import type { MemberProfile } from '@shared/schemas/member-profile';
import { seatSourceLabels } from '@shared/schemas/members';
import { countOf } from '@shared/text';
import { LastActiveCell } from '../../components/LastActiveCell';
import { formatDate, formatDateTime } from '../../lib/format';
import { ROLE_LABEL } from '../../lib/labels';
import { organizationHref, teamHref } from '../../lib/route';

/** Where an invitation would put them, linked: "Dev, Engineering (Admin)". */
function InvitationPlaces({ invitation }: { invitation: Invitation }) {
  const places = [
    ...invitation.teams.map((team) => ({ key: `team-${team.id}`, href: teamHref(team.id), name: team.name })),
    ...invitation.organizations.map((org) => ({ key: `org-${org.id}`, href: organizationHref(org.id), name: org.name })),
  ];
  if (places.length === 0) return <span className="muted">no team or organization</span>;
  return (
    <>
      into{' '}
      {places.map((place, index) => (
        <span key={place.key}>
          {index > 0 ? ', ' : ''}
          <a href={place.href}>{place.name}</a>
        </span>
      ))}{' '}
      as {ROLE_LABEL[invitation.role]}
    </>
  );
}

function Invitations({ invitations }: { invitations: Invitation[] }) {
  if (invitations.length === 0) return <span className="muted">None pending.</span>;
  return (
    <ul className="member-invitations" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <li key={invitation.id}>
          {invitation.status === 'expired' ? <span className="badge badge-expired">Expired</span> : <span className="badge badge-pending">Pending</span>}{' '}
          Sent {formatDate(invitation.sentAt)},{' '}
          <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
            {invitation.status === 'expired' ? 'expired' : 'expires'} {formatDate(invitation.expiresAt)}
          </time>
          , <InvitationPlaces invitation={invitation} />. It takes no second seat.
        </li>
      ))}
    </ul>
  );
}

/** The seat: how and since when they hold it, Last Active by the report's rule, SCIM, and invitations still pending. */
export function SeatCard({ profile, rule }: { profile: MemberProfile; rule: { shownDays: number; blankDays: number } | null }) {
  const blankTitle = rule ? `Left empty: last active ${rule.shownDays + 1}–${rule.blankDays} days ago` : 'Left empty: last active too long ago for the date to be kept';
  return (
    <div className="card team-facts" role="region" aria-labelledby="member-seat-title">
      <h2 id="member-seat-title">Seat</h2>
      <dl className="member-facts">
        <div>
          <dt>How</dt>
          <dd>{seatSourceLabels[profile.source]}</dd>
        </div>
        <div>
          <dt>Since</dt>
          <dd>
            <time dateTime={profile.seatSince} title={formatDateTime(profile.seatSince)}>
              {formatDate(profile.seatSince)}
            </time>
          </dd>
        </div>
        <div>
          <dt>Last active</dt>
          <dd>
            <LastActiveCell value={profile.lastActive} legacy={profile.lastActiveLegacy} exactAt={profile.lastActiveAt} blankTitle={blankTitle} />
            {profile.lastActive === 'N/A' || profile.lastActive === '' ? (
              <span className="muted"> · {profile.lastActiveAt === null ? 'never active' : `idle ${countOf(profile.idleDays, 'day')}`}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Identity provider</dt>
          <dd>
            {profile.scimManaged ? (
              <span title="Their seat, name and address come from your identity provider.">
                <strong>Managed over SCIM.</strong>
              </span>
            ) : (
              <span className="muted">Not managed over SCIM.</span>
            )}
          </dd>
        </div>
        <div className="fact-wide">
          <dt>Invitations</dt>
          <dd>
            <Invitations invitations={profile.invitations} />
          </dd>
        </div>
      </dl>
    </div>
  );
}
