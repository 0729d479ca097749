import { useEffect, useState } from 'react';
import { countOf } from '@shared/text';
import { AccessPaths, RoleBadge } from '../../components/AccessPaths';
import { Pager } from '../../components/Pager';
import { memberHref } from '../../lib/route';
import { ACCESS_PAGE_SIZE, useAccessStore } from '../../stores/access-store';
import { SearchField } from '../../components/SearchField';

/** Everyone who reaches the organization, directly or through teams, with the role that applies and why. */
export function OrgAccessSection({ orgId, orgName }: { orgId: number; orgName: string }) {
  const { org, orgStatus, orgError, loadOrg, clearOrg } = useAccessStore();
  const [searchText, setSearchText] = useState('');
  const current = org?.orgId === orgId ? org : null;

  useEffect(() => {
    void loadOrg(orgId, '', 0);
    return clearOrg;
  }, [loadOrg, clearOrg, orgId]);

  useEffect(() => {
    if (!current || searchText === current.search) return;
    const timer = setTimeout(() => void loadOrg(orgId, searchText, 0), 250);
    return () => clearTimeout(timer);
  }, [searchText, current, loadOrg, orgId]);

  return (
    <div className="card" role="region" aria-labelledby="org-access-title">
      <div className="toolbar">
        <h2 id="org-access-title" className="toolbar-title">
          Everyone with access
        </h2>
        <SearchField label={`Search everyone with access to ${orgName}`} placeholder="Search by name or email" value={searchText} onChange={setSearchText} />
        <span className="toolbar-count" aria-live="polite">
          {current ? countOf(current.page.total, 'person', 'people') : orgStatus === 'loading' ? 'Loading…' : null}
        </span>
      </div>
      {orgStatus === 'error' && orgError ? (
        <div className="banner banner-error" role="alert">
          <span>Could not load who has access: {orgError.message}</span>
          <button type="button" className="button small" onClick={() => void loadOrg(orgId, current?.search ?? searchText, current?.pageIndex ?? 0)}>
            Try again
          </button>
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="data-table" aria-label={`Everyone with access to ${orgName}`}>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {!current || current.page.rows.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={3}>
                  {!current ? (
                    orgStatus === 'error' ? 'Not loaded.' : 'Loading everyone with access…'
                  ) : current.search ? (
                    <>Nobody with access matches “{current.search}”.</>
                  ) : (
                    'Nobody reaches this organization yet.'
                  )}
                </td>
              </tr>
            ) : (
              current.page.rows.map((person) => (
                <tr key={person.accountId}>
                  <td>
                    <a className="person cell-link" href={memberHref(person.accountId)}>
                      <span className="person-name">{person.name || person.email}</span>
                      {person.name ? <span className="person-email">{person.email}</span> : null}
                    </a>
                  </td>
                  <td>
                    <RoleBadge role={person.role} />
                  </td>
                  <td>
                    <AccessPaths paths={person.paths} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {current ? (
        <Pager total={current.page.total} pageIndex={current.pageIndex} pageSize={ACCESS_PAGE_SIZE} onPage={(index) => void loadOrg(orgId, current.search, index)} />
      ) : null}
    </div>
  );
}
