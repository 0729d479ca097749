import { useState } from 'react';
import type { TeamInvitation, TeamSummary } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Pager } from '../../components/Pager';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useLastPageClamp } from '../../data/paging';
import { formatDate, formatDateTime } from '../../lib/format';
import { useNoticesStore } from '../../stores/notices-store';

const PAGE_SIZE = 50;

/** "Design and Engineering": what else the invitation names, which revoking it takes away too. */
function alsoNamed(invitation: TeamInvitation): string[] {
  return [...invitation.otherTeams.map((team) => `team ${team.name}`), ...invitation.organizations.map((org) => org.name)];
}

function Status({ invitation }: { invitation: TeamInvitation }) {
  if (invitation.status === 'expired') return <span className="badge badge-expired">Expired</span>;
  return (
    <span>
      <span className="badge badge-pending">Pending</span>
      {invitation.holdsSeat ? null : <span className="badge-note"> · holds a seat already</span>}
    </span>
  );
}

/**
 * The pending invitations that will put their invitee in this team when
 * accepted (expired ones too: they can be resent), each with its expiry, and
 * resend and revoke (docs/RULES.md, T7).
 */
export function TeamInvitations({ team }: { team: TeamSummary }) {
  const [pageIndex, setPageIndex] = useState(0);
  const query = useContractQuery('teams:invitations', { teamId: team.id, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE }, { keepPrevious: true });
  const resend = useContractMutation('invitations:resend').run;
  const revoke = useContractMutation('invitations:revoke', { errors: 'inline' }).run;
  const mayResend = useMayCall('invitations:resend');
  const mayRevoke = useMayCall('invitations:revoke');
  const acts = mayResend || mayRevoke;
  const notify = useNoticesStore((state) => state.push);
  const [revoking, setRevoking] = useState<TeamInvitation | null>(null);
  useLastPageClamp(query.data?.total, PAGE_SIZE, pageIndex, setPageIndex);
  const page = query.data;
  const error = appErrorOf(query.error);
  const managed = team.source === 'scim';

  // Shown above the members while there are any; "Invite…" (in the page's heading) sends the first.
  if (!error && (page?.total ?? 0) === 0) return null;

  return (
    <div className="card" role="region" aria-labelledby="team-invitations-title">
      <div className="toolbar">
        <h2 id="team-invitations-title" className="toolbar-title">
          Pending invitations
        </h2>
        <span className="toolbar-count">{page ? countOf(page.total, 'invitation') : null}</span>
      </div>
      <p className="card-note">
        {managed
          ? `These were sent before your identity provider took ${team.name} over; they still put their invitee in it when accepted.`
          : `Each invitee joins ${team.name} when they accept, and gets its role wherever it is linked. A pending invitation holds a seat; an expired one holds none until it is resent.`}
      </p>
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>Could not load the invitations: {error.message}</span>
          <button type="button" className="button small" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="data-table" aria-label={`Pending invitations to ${team.name}`}>
          <thead>
            <tr>
              <th scope="col">Invited</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col">Expires</th>
              {acts ? (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {!page || page.rows.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={acts ? 5 : 4}>{!page ? 'Not loaded.' : 'No pending invitations.'}</td>
              </tr>
            ) : (
              page.rows.map((invitation) => {
                const also = alsoNamed(invitation);
                return (
                  <tr key={invitation.id}>
                    <td>
                      <div className="person">
                        <span className="person-name">{invitation.email}</span>
                        {also.length > 0 ? <span className="person-email">Also into {also.join(', ')}</span> : null}
                      </div>
                    </td>
                    <td>
                      <Status invitation={invitation} />
                    </td>
                    <td className="muted">
                      <time dateTime={invitation.sentAt} title={formatDateTime(invitation.sentAt)}>
                        {formatDate(invitation.sentAt)}
                      </time>
                    </td>
                    <td>
                      <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
                        {invitation.status === 'expired' ? `Expired ${formatDate(invitation.expiresAt)}` : formatDate(invitation.expiresAt)}
                      </time>
                    </td>
                    {acts ? (
                      <td className="col-actions">
                        <span className="row-actions">
                          {mayResend ? (
                            <button
                              type="button"
                              className="button subtle small"
                              aria-label={`Resend the invitation to ${invitation.email}`}
                              onClick={async () => {
                                const result = await resend({ id: invitation.id });
                                if (result.ok) notify(`Resent the invitation to ${invitation.email}; it now expires ${formatDate(result.value.expiresAt)}.`);
                              }}
                            >
                              Resend
                            </button>
                          ) : null}
                          {mayRevoke ? (
                            <button
                              type="button"
                              className="button subtle small danger-text"
                              aria-label={`Revoke the invitation to ${invitation.email}`}
                              onClick={() => setRevoking(invitation)}
                            >
                              Revoke
                            </button>
                          ) : null}
                        </span>
                      </td>
                    ) : null}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {page ? <Pager label={`Pages of the invitations to ${team.name}`} total={page.total} pageIndex={pageIndex} pageSize={PAGE_SIZE} onPage={setPageIndex} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke the invitation to ${revoking.email}?`}
          body={[
            alsoNamed(revoking).length > 0
              ? `They will not join ${team.name}, nor ${alsoNamed(revoking).join(', ')}: the whole invitation is revoked.`
              : `They will not join ${team.name}.`,
            revoking.holdsSeat ? 'The seat it holds is free at once.' : 'It holds no seat, so none is freed.',
          ]}
          confirmLabel="Revoke invitation"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const result = await revoke({ id: revoking.id });
            if (result.ok) notify(`Revoked the invitation to ${revoking.email}.`);
            return result;
          }}
        />
      ) : null}
    </div>
  );
}
