import { useState } from 'react';
import type { InvitationRole } from '@shared/schemas/members';
import { invitationRoles } from '@shared/schemas/members';
import type { TeamMember } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { MemberPickerDialog } from '../../components/pickers/MemberPickerDialog';
import { RoleChooser } from '../../components/RoleChooser';
import { formatDate } from '../../lib/format';
import { ROLE_LABEL } from '../../lib/labels';
import { memberHref, screenHref } from '../../lib/route';
import { useNoticesStore } from '../../stores/notices-store';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useLastPageClamp, useSearchPaging } from '../../data/paging';
import { TeamNameDialog } from './TeamNameDialog';
import { LinkOrgsDialog } from './LinkOrgsDialog';
import { TeamOrgLinks } from './TeamOrgLinks';
import { UnlinkDialog } from './UnlinkDialog';
import { RemoveTeamMemberDialog } from './RemoveTeamMemberDialog';
import { WithoutSeatCard } from './WithoutSeatCard';
import { TeamInvitations } from './TeamInvitations';
import { TeamInviteButton } from './TeamInviteDialog';
import { MemberLastActive } from '../../components/MemberLastActive';
import { SortableHeader, type ListSort } from '../../components/SortableHeader';
import { SearchField } from '../../components/SearchField';
import { NotFoundScreen } from '../../components/ErrorBanner';

type Dialog =
  | { kind: 'add' }
  | { kind: 'link' }
  /** `version`: the team's when the dialog opened, so a rename made meanwhile elsewhere refuses this one (V6). */
  | { kind: 'rename'; version: number }
  | { kind: 'delete' }
  | { kind: 'remove'; member: TeamMember }
  | { kind: 'unlink'; org: { id: number; name: string } | 'all' }
  | null;

type OrgTarget = { orgIds: number[] } | { allOrgs: true };

const PAGE_SIZE = 100;
const EMPTY_PAGE = { rows: [], total: 0 };

/** The changes the team page makes, each to this team. */
function useTeamChanges(teamId: number) {
  const setRole = useContractMutation('teams:setRole', { errors: 'inline' }).run;
  const rename = useContractMutation('teams:rename', { errors: 'inline' }).run;
  const remove = useContractMutation('teams:remove', { errors: 'inline' }).run;
  const addMembers = useContractMutation('teams:addMembers', { errors: 'inline' }).run;
  const removeMembers = useContractMutation('teams:removeMembers', { errors: 'inline' }).run;
  const link = useContractMutation('teams:link', { errors: 'inline' }).run;
  const unlink = useContractMutation('teams:unlink', { errors: 'inline' }).run;
  return {
    // The version the page showed: a save from a page that is out of date is refused (docs/RULES.md, V6).
    setRole: (role: InvitationRole, version: number) => setRole({ id: teamId, role, version }),
    rename: (name: string, version: number) => rename({ id: teamId, name, version }),
    remove: () => remove({ id: teamId }),
    addMembers: (accountIds: number[]) => addMembers({ teamId, accountIds }),
    removeMember: (accountId: number) => removeMembers({ teamId, accountIds: [accountId] }),
    link: (target: OrgTarget) => link({ teamId, ...target }),
    unlink: (target: OrgTarget) => unlink({ teamId, ...target }),
  };
}

/** One team: its role, the organizations it reaches, and its members. */
export function TeamScreen({ teamId }: { teamId: number }) {
  const store = useTeamChanges(teamId);
  const { searchText, setSearchText, search, pageIndex, setPageIndex } = useSearchPaging(150, `team:${teamId}`);
  const pageSize = PAGE_SIZE;
  const teamQuery = useContractQuery('teams:get', { id: teamId });
  const [sort, setSort] = useState<ListSort<'name' | 'lastActive'>>({ by: 'name', desc: false });
  const sortBy = (next: ListSort<'name' | 'lastActive'>) => {
    setSort(next);
    setPageIndex(0);
  };
  const pageQuery = useContractQuery('teams:members', { teamId, search, sort, offset: pageIndex * pageSize, limit: pageSize }, { keepPrevious: true });
  /** People the identity provider put in the team who hold no seat (SCIM teams only). */
  const withoutSeatQuery = useContractQuery('teams:withoutSeat', { teamId });
  const team = teamQuery.data ?? null;
  const page = pageQuery.data ?? EMPTY_PAGE;
  const withoutSeat = withoutSeatQuery.data ?? EMPTY_PAGE;
  const error = appErrorOf(teamQuery.error ?? pageQuery.error ?? withoutSeatQuery.error);
  useLastPageClamp(pageQuery.data?.total, pageSize, pageIndex, setPageIndex);
  const notify = useNoticesStore((state) => state.push);
  const [dialog, setDialog] = useState<Dialog>(null);
  // What this admin may change here (in the server's console, by role); the rest is not shown.
  const may = {
    rename: useMayCall('teams:rename'),
    remove: useMayCall('teams:remove'),
    invite: useMayCall('teams:invite'),
    add: useMayCall('teams:addMembers'),
    removeMember: useMayCall('teams:removeMembers'),
    setRole: useMayCall('teams:setRole'),
    link: useMayCall('teams:link'),
    unlink: useMayCall('teams:unlink'),
  };

  if (error) {
    return (
      <NotFoundScreen id="team-title" noun="team" error={error} back={{ href: screenHref('teams'), label: 'All teams' }} />
    );
  }
  if (!team) return <div className="screen muted">Loading…</div>;

  const managed = team.source === 'scim';
  // A SCIM team's members change at the identity provider; no one removes them here.
  const removable = !managed && may.removeMember;
  const tell = (ok: boolean, text: string) => notify(text, ok ? 'success' : 'error');

  return (
    <section className="screen" aria-labelledby="team-title">
      <a className="back-link" href={screenHref('teams')}>
        ← Teams
      </a>
      <PageHeader
        id="team-title"
        title={team.name}
        description={`${countOf(team.memberCount, 'member')}. Removing someone from this team takes away only what it gave; their seat stays.`}
        actions={
          managed || !(may.rename || may.remove || may.invite || may.add) ? null : (
            <>
              {may.rename ? (
                <button type="button" className="button" onClick={() => setDialog({ kind: 'rename', version: team.version })}>
                  Rename
                </button>
              ) : null}
              {may.remove ? (
                <button type="button" className="button danger-outline" onClick={() => setDialog({ kind: 'delete' })}>
                  Delete
                </button>
              ) : null}
              {may.invite ? <TeamInviteButton team={team} /> : null}
              {may.add ? (
                <button type="button" className="button primary" onClick={() => setDialog({ kind: 'add' })}>
                  Add members
                </button>
              ) : null}
            </>
          )
        }
      />
      {managed ? (
        <div className="banner banner-info" role="note">
          <span>
            <strong>Managed by your identity provider.</strong> Its name and members come from SCIM and change there; its role and organizations
            are set here.
          </span>
        </div>
      ) : null}

      <div className="card team-facts" role="region" aria-labelledby="team-access-title">
        <h2 id="team-access-title">Role and organizations</h2>
        <div className="fact-row">
          <span className="fact-label">Role in linked organizations</span>
          <RoleChooser
            label={`Role of ${team.name}`}
            value={team.role}
            roles={invitationRoles}
            labels={ROLE_LABEL}
            mayChange={may.setRole}
            onSave={async (role) => {
              const result = await store.setRole(role, team.version);
              tell(result.ok, result.ok ? `${team.name} now gives ${ROLE_LABEL[role].toLowerCase()} access.` : result.error.message);
            }}
          />
        </div>
        <TeamOrgLinks
          team={team}
          onUnlink={may.unlink ? (org) => setDialog({ kind: 'unlink', org }) : undefined}
          onLink={may.link ? () => setDialog({ kind: 'link' }) : undefined}
        />
      </div>

      <TeamInvitations team={team} />

      <div className="card" role="region" aria-labelledby="team-members-title">
        <div className="toolbar">
          <h2 id="team-members-title" className="toolbar-title">
            Members
          </h2>
          <SearchField label={`Search the members of ${team.name}`} placeholder="Search by name or email" value={searchText} onChange={setSearchText} />
          <span className="toolbar-count">{search ? countOf(page.total, 'match', 'matches') : countOf(team.memberCount, 'member')}</span>
        </div>
        <div className="table-scroll">
          <table className="data-table" aria-label={`Members of ${team.name}`}>
            <thead>
              <tr>
                <SortableHeader label="Person" by="name" sort={sort} onSort={sortBy} />
                <th scope="col">In the team since</th>
                <SortableHeader label="Last active" by="lastActive" sort={sort} onSort={sortBy} hint="Sort by Last Active: the most idle first, then the most recent first" />
                {removable ? (
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {page.rows.length === 0 ? (
                <tr className="empty-row">
                  <td colSpan={removable ? 4 : 3}>{search ? <>No member matches “{search}”.</> : 'No members yet.'}</td>
                </tr>
              ) : (
                page.rows.map((member) => (
                  <tr key={member.accountId}>
                    <td>
                      <a className="person cell-link" href={memberHref(member.accountId)}>
                        <span className="person-name">{member.name || member.email}</span>
                        {member.name ? <span className="person-email">{member.email}</span> : null}
                      </a>
                    </td>
                    <td className="muted">{formatDate(member.since)}</td>
                    <td>
                      <MemberLastActive member={member} />
                    </td>
                    {removable ? (
                      <td className="col-actions">
                        <button
                          type="button"
                          className="button subtle small danger-text"
                          aria-label={`Remove ${member.email} from ${team.name}`}
                          onClick={() => setDialog({ kind: 'remove', member })}
                        >
                          Remove
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <Pager label={`Pages of the members of ${team.name}`} total={page.total} pageIndex={pageIndex} pageSize={pageSize} onPage={setPageIndex} />
      </div>
      {withoutSeat.total > 0 ? <WithoutSeatCard teamName={team.name} people={withoutSeat} /> : null}

      {dialog?.kind === 'add' ? (
        <MemberPickerDialog
          title={`Add members to ${team.name}`}
          description={`They get ${team.name}'s role in every organization it is linked to. Only people who hold a seat can join.`}
          place={{ teamId: team.id }}
          onClose={() => setDialog(null)}
          onAdd={async (accountIds) => {
            const result = await store.addMembers(accountIds);
            if (result.ok) notify(`Added ${countOf(result.value.added, 'member')} to ${team.name}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'link' ? (
        <LinkOrgsDialog
          teamName={team.name}
          allOrgs={team.allOrgs}
          linked={new Set(team.organizations.map((org) => org.id))}
          onClose={() => setDialog(null)}
          onLink={async (target) => {
            const result = await store.link(target);
            if (result.ok) notify('allOrgs' in target ? `${team.name} now reaches all organizations.` : `Linked ${team.name} to ${countOf(target.orgIds.length, 'organization')}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <TeamNameDialog
          name={team.name}
          onClose={() => setDialog(null)}
          onSave={async (name) => {
            const result = await store.rename(name, dialog.version);
            if (result.ok) notify(`Renamed “${team.name}” to “${result.value.name}”.`);
            // Renamed meanwhile: the dialog's name is out of date, so it closes and the page, read again, shows the new one.
            if (!result.ok && result.error.code === 'STALE') {
              setDialog(null);
              notify(result.error.message, 'error');
            }
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete “${team.name}”?`}
          body={[
            team.memberCount === 0
              ? 'It has no members, so nobody loses access.'
              : team.memberCount === 1
                ? 'Its 1 member loses the access it gave them in its organizations.'
                : `Its ${countOf(team.memberCount, 'member')} lose the access it gave them in its organizations.`,
            'No seat is freed.',
          ]}
          confirmLabel="Delete team"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const result = await store.remove();
            if (result.ok) {
              notify(`Deleted team “${team.name}”. No seat was freed.`);
              window.location.hash = screenHref('teams');
            }
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'unlink' ? (
        <UnlinkDialog
          team={team}
          org={dialog.org}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { org } = dialog;
            const result = await store.unlink(org === 'all' ? { allOrgs: true } : { orgIds: [org.id] });
            if (result.ok) notify(org === 'all' ? `${team.name} is no longer linked to all organizations.` : `Unlinked ${team.name} from ${org.name}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveTeamMemberDialog
          accountId={dialog.member.accountId}
          who={dialog.member.name || dialog.member.email}
          team={team}
          onClose={() => setDialog(null)}
          onRemove={async (remains) => {
            const result = await store.removeMember(dialog.member.accountId);
            if (result.ok) notify(`Removed ${dialog.member.email} from ${team.name}.${remains ? ` ${remains}` : ''} Their seat stays.`);
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
