import { useMemo, useState } from 'react';
import type { OrgTeam } from '@shared/schemas/orgs';
import { countOf } from '@shared/text';
import { RoleBadge } from '../../components/AccessPaths';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { formatDate, formatDateTime } from '../../lib/format';
import { ROLE_LABEL } from '../../lib/labels';
import { teamHref } from '../../lib/route';
import { useNoticesStore } from '../../stores/notices-store';
import { LinkTeamDialog } from './LinkTeamDialog';

function How({ team }: { team: OrgTeam }) {
  if (team.via === 'allOrgs') return <span>All organizations</span>;
  return team.linkedSince ? (
    <span>
      Linked <time dateTime={team.linkedSince} title={formatDateTime(team.linkedSince)}>{formatDate(team.linkedSince)}</time>
    </span>
  ) : (
    <span>Linked</span>
  );
}

/**
 * The teams that reach an organization (docs/RULES.md, T8): each with its role
 * there and its member count, linked and unlinked from here. A team linked to
 * all organizations is unlinked on its own page: unlinking one organization
 * would take nothing away while "all" covers it.
 */
export function OrgTeamsSection({ orgId, orgName }: { orgId: number; orgName: string }) {
  const query = useContractQuery('orgs:teams', { orgId });
  const link = useContractMutation('teams:link', { errors: 'inline' }).run;
  const unlink = useContractMutation('teams:unlink', { errors: 'inline' }).run;
  const mayLink = useMayCall('teams:link');
  const mayUnlink = useMayCall('teams:unlink');
  const notify = useNoticesStore((state) => state.push);
  const [dialog, setDialog] = useState<{ kind: 'link' } | { kind: 'unlink'; team: OrgTeam } | null>(null);
  const teams = useMemo(() => query.data ?? [], [query.data]);
  const reaching = useMemo(() => new Set(teams.map((team) => team.id)), [teams]);
  const error = appErrorOf(query.error);

  return (
    <div className="card" role="region" aria-labelledby="org-teams-title">
      <div className="toolbar">
        <h2 id="org-teams-title" className="toolbar-title">
          Teams with access
        </h2>
        <span className="toolbar-count">{query.data ? countOf(teams.length, 'team') : null}</span>
        {mayLink ? (
          <button type="button" className="button small" onClick={() => setDialog({ kind: 'link' })}>
            Link a team…
          </button>
        ) : null}
      </div>
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>Could not load the teams: {error.message}</span>
          <button type="button" className="button small" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="data-table" aria-label={`Teams with access to ${orgName}`}>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Role here</th>
              <th scope="col">Members</th>
              <th scope="col">How</th>
              {mayUnlink ? (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {teams.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={mayUnlink ? 5 : 4}>
                  {query.data ? `No team reaches ${orgName} yet.${mayLink ? ' Link one to give its members access.' : ''}` : 'Loading teams…'}
                </td>
              </tr>
            ) : (
              teams.map((team) => (
                <tr key={team.id}>
                  <td>
                    <a className="cell-link" href={teamHref(team.id)}>
                      {team.name}
                    </a>
                    {team.source === 'scim' ? (
                      <>
                        {' '}
                        <span className="badge badge-idp">Identity provider</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <RoleBadge role={team.role} />
                  </td>
                  <td>{team.memberCount.toLocaleString()}</td>
                  <td className="muted">
                    <How team={team} />
                  </td>
                  {mayUnlink ? (
                    <td className="col-actions">
                      {team.via === 'link' ? (
                        <button
                          type="button"
                          className="button subtle small danger-text"
                          aria-label={`Unlink ${team.name} from ${orgName}`}
                          onClick={() => setDialog({ kind: 'unlink', team })}
                        >
                          Unlink
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'link' ? (
        <LinkTeamDialog
          orgName={orgName}
          reaching={reaching}
          onClose={() => setDialog(null)}
          onLink={async (team) => {
            const result = await link({ teamId: team.id, orgIds: [orgId] });
            if (result.ok) {
              const who = team.memberCount === 0 ? 'it has no members yet' : `its ${countOf(team.memberCount, 'member')} ${team.memberCount === 1 ? 'gets' : 'get'} ${ROLE_LABEL[team.role].toLowerCase()} access`;
              notify(`Linked ${team.name} to ${orgName}: ${who}.`);
            }
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'unlink' ? (
        <ConfirmDialog
          title={`Unlink ${dialog.team.name} from ${orgName}?`}
          body={[
            dialog.team.memberCount === 0
              ? `${dialog.team.name} has no members yet, so nobody loses access in ${orgName}.`
              : `Its ${countOf(dialog.team.memberCount, 'member')} ${dialog.team.memberCount === 1 ? 'loses' : 'lose'} the ${ROLE_LABEL[dialog.team.role].toLowerCase()} access ${dialog.team.name} gave them in ${orgName}.`,
            `Access they have in ${orgName} directly or through another team stays. No seat is freed.`,
          ]}
          confirmLabel="Unlink"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { team } = dialog;
            const result = await unlink({ teamId: team.id, orgIds: [orgId] });
            if (result.ok) notify(`Unlinked ${team.name} from ${orgName}.`);
            return result;
          }}
        />
      ) : null}
    </div>
  );
}
