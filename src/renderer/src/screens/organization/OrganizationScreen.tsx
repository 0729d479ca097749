import { useState } from 'react';
import { orgRoles, type OrgRole } from '@shared/schemas/members';
import type { OrgMember } from '@shared/schemas/org-members';
import { countOf } from '@shared/text';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { RoleChooser } from '../../components/RoleChooser';
import { formatDate } from '../../lib/format';
import { ROLE_LABEL } from '../../lib/labels';
import { screenHref } from '../../lib/route';
import { useNoticesStore } from '../../stores/notices-store';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useLastPageClamp, useSearchPaging } from '../../data/paging';
import { DeleteOrgDialog } from '../orgs/DeleteOrgDialog';
import { OrgNameDialog } from '../orgs/OrgNameDialog';
import { MemberPickerDialog } from '../../components/pickers/MemberPickerDialog';
import { OrgAccessSection } from './OrgAccessSection';
import { OrgTeamsSection } from './OrgTeamsSection';
import { MemberLastActive } from '../../components/MemberLastActive';
import { SortableHeader, type ListSort } from '../../components/SortableHeader';
import { RemoveOrgMemberDialog } from './RemoveOrgMemberDialog';
import { SearchField } from '../../components/SearchField';
import { NotFoundScreen } from '../../components/ErrorBanner';

type Dialog = { kind: 'add' } | { kind: 'rename' } | { kind: 'delete' } | { kind: 'remove'; member: OrgMember } | null;

const PAGE_SIZE = 100;
const EMPTY_PAGE = { rows: [], total: 0 };

/** One organization: its direct members and their roles. */
export function OrganizationScreen({ orgId }: { orgId: number }) {
  const { searchText, setSearchText, search, pageIndex, setPageIndex: setPage } = useSearchPaging(250, `org:${orgId}`);
  const pageSize = PAGE_SIZE;
  const orgQuery = useContractQuery('orgs:get', { id: orgId });
  const [sort, setSort] = useState<ListSort<'role' | 'lastActive'>>({ by: 'role', desc: false });
  const sortBy = (next: ListSort<'role' | 'lastActive'>) => {
    setSort(next);
    setPage(0);
  };
  const pageQuery = useContractQuery('orgs:members', { orgId, search, sort, offset: pageIndex * pageSize, limit: pageSize }, { keepPrevious: true });
  const org = orgQuery.data ?? null;
  const page = pageQuery.data ?? EMPTY_PAGE;
  const error = appErrorOf(orgQuery.error ?? pageQuery.error);
  useLastPageClamp(pageQuery.data?.total, pageSize, pageIndex, setPage);
  const members = page.rows;
  const addMembers = useContractMutation('orgs:addMembers', { errors: 'inline' }).run;
  const setRole = useContractMutation('orgs:setMemberRole', { errors: 'inline' }).run;
  const removeMember = useContractMutation('orgs:removeMember', { errors: 'inline' }).run;
  const rename = useContractMutation('orgs:rename', { errors: 'inline' }).run;
  const remove = useContractMutation('orgs:remove', { errors: 'inline' }).run;
  // What this admin may change here (in the server's console, by role); the rest is not shown.
  const may = {
    add: useMayCall('orgs:addMembers'),
    setRole: useMayCall('orgs:setMemberRole'),
    removeMember: useMayCall('orgs:removeMember'),
    rename: useMayCall('orgs:rename'),
    remove: useMayCall('orgs:remove'),
  };
  const notify = useNoticesStore((state) => state.push);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [newRole, setNewRole] = useState<OrgRole>('member');

  if (error) {
    return (
      <NotFoundScreen id="org-title" noun="organization" error={error} back={{ href: screenHref('organizations'), label: 'All organizations' }} />
    );
  }
  if (!org) return <div className="screen muted">Loading…</div>;

  const changeRole = async (member: OrgMember, role: OrgRole) => {
    const result = await setRole({ orgId, accountId: member.accountId, role });
    notify(result.ok ? `${member.name || member.email} is now ${ROLE_LABEL[role].toLowerCase()} of ${org.name}.` : result.error.message, result.ok ? 'success' : 'error');
  };

  return (
    <section className="screen" aria-labelledby="org-title">
      <a className="back-link" href={screenHref('organizations')}>
        ← Organizations
      </a>
      <PageHeader
        id="org-title"
        title={org.name}
        description={`${countOf(org.memberCount, 'direct member')}, ${countOf(org.ownerCount, 'owner')}. Removing someone here never frees their seat.`}
        actions={
          may.rename || may.remove || may.add ? (
            <>
              {may.rename ? (
                <button type="button" className="button" onClick={() => setDialog({ kind: 'rename' })}>
                  Rename
                </button>
              ) : null}
              {may.remove ? (
                <button type="button" className="button danger-outline" onClick={() => setDialog({ kind: 'delete' })}>
                  Delete
                </button>
              ) : null}
              {may.add ? (
                <button type="button" className="button primary" onClick={() => setDialog({ kind: 'add' })}>
                  Add members
                </button>
              ) : null}
            </>
          ) : undefined
        }
      />

      {org.ownerCount === 0 ? (
        <div className="banner banner-warning" role="status">
          <span>
            <strong>{org.name} has no owner.</strong> Every organization needs at least one{may.setRole ? ': give a direct member the owner role' : ''}.
          </span>
        </div>
      ) : null}

      <OrgTeamsSection orgId={org.id} orgName={org.name} />

      <div className="card" role="region" aria-labelledby="org-members-title">
        <div className="toolbar">
          <h2 id="org-members-title" className="toolbar-title">
            Direct members
          </h2>
          <SearchField label={`Search the members of ${org.name}`} placeholder="Search by name or email" value={searchText} onChange={setSearchText} />
          <span className="toolbar-count">{search ? `${countOf(page.total, 'match', 'matches')}` : countOf(org.memberCount, 'direct member')}</span>
        </div>
        <div className="table-scroll">
        <table className="data-table" aria-label={`Members of ${org.name}`}>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <SortableHeader label="Role" by="role" sort={sort} onSort={sortBy} hint="Sort by role: owners first" />
              <th scope="col">Member since</th>
              <SortableHeader label="Last active" by="lastActive" sort={sort} onSort={sortBy} hint="Sort by Last Active: the most idle first, then the most recent first" />
              {may.removeMember ? (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={may.removeMember ? 5 : 4}>
                  {search ? (
                    <>No direct member matches “{search}”.</>
                  ) : (
                    <div className="empty-state">
                      <strong>No direct members yet</strong>
                      {may.add ? <span>Add members to give them access to {org.name}.</span> : null}
                    </div>
                  )}
                </td>
              </tr>
            ) : (
              members.map((member) => (
                <tr key={member.accountId}>
                  <td>
                    <div className="person">
                      <span className="person-name">{member.name || member.email}</span>
                      {member.name ? <span className="person-email">{member.email}</span> : null}
                    </div>
                  </td>
                  <td>
                    <RoleChooser
                      label={`Role of ${member.email}`}
                      value={member.role}
                      roles={orgRoles}
                      labels={ROLE_LABEL}
                      mayChange={may.setRole}
                      warn={(next) =>
                        member.role === 'owner' && next !== 'owner' && org.ownerCount === 1 ? `${org.name} will have no owner left.` : null
                      }
                      onSave={(role) => changeRole(member, role)}
                    />
                  </td>
                  <td className="muted">{formatDate(member.since)}</td>
                  <td>
                    <MemberLastActive member={member} />
                  </td>
                  {may.removeMember ? (
                    <td className="col-actions">
                      <button
                        type="button"
                        className="button subtle small danger-text"
                        aria-label={`Remove ${member.email} from ${org.name}`}
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
        <Pager label={`Pages of the members of ${org.name}`} total={page.total} pageIndex={pageIndex} pageSize={pageSize} onPage={setPage} />
      </div>

      <OrgAccessSection orgId={org.id} orgName={org.name} />

      {dialog?.kind === 'add' ? (
        <MemberPickerDialog
          title={`Add members to ${org.name}`}
          description="Only members (people who hold a seat) can join. Adding them here takes no seat."
          place={{ orgId: org.id }}
          onClose={() => setDialog(null)}
          onAdd={async (accountIds) => {
            const result = await addMembers({ orgId, accountIds, role: newRole });
            if (result.ok) {
              const already = result.value.alreadyMembers > 0 ? ` ${countOf(result.value.alreadyMembers, 'was', 'were')} there already.` : '';
              notify(`Added ${countOf(result.value.added, 'member')} to ${org.name}.${already}`);
            }
            return result;
          }}
        >
          <label className="field inline-field">
            <span>Role</span>
            <select value={newRole} onChange={(event) => setNewRole(event.target.value as OrgRole)}>
              {orgRoles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABEL[role]}
                </option>
              ))}
            </select>
          </label>
        </MemberPickerDialog>
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveOrgMemberDialog
          accountId={dialog.member.accountId}
          who={dialog.member.name || dialog.member.email}
          org={org}
          onClose={() => setDialog(null)}
          onRemove={async (remains) => {
            const result = await removeMember({ orgId, accountId: dialog.member.accountId });
            if (result.ok) notify(`Removed ${dialog.member.email} from ${org.name}.${remains ? ` ${remains}` : ''} Their seat is not freed.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'rename' ? (
        <OrgNameDialog
          org={org}
          onClose={() => setDialog(null)}
          onSave={async (name, version) => {
            const result = await rename({ id: org.id, name, version });
            if (result.ok) notify(`Renamed “${org.name}” to “${result.value.name}”.`);
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
        <DeleteOrgDialog
          org={org}
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const result = await remove({ id: org.id });
            if (result.ok) {
              notify(`Deleted organization “${org.name}”. No seat was freed.`);
              window.location.hash = screenHref('organizations');
            }
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
