import { countOf } from '@shared/text';
import { AccessPaths, RoleBadge } from '../../components/AccessPaths';
import { Pager } from '../../components/Pager';
import { memberHref } from '../../lib/route';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useLastPageClamp, useSearchPaging } from '../../data/paging';
import { SearchField } from '../../components/SearchField';

const ACCESS_PAGE_SIZE = 100;

/** Everyone who reaches the organization, directly or through teams, with the role that applies and why. */
export function OrgAccessSection({ orgId, orgName }: { orgId: number; orgName: string }) {
  const { searchText, setSearchText, search, pageIndex, setPageIndex } = useSearchPaging(250);
  const pageQuery = useContractQuery(
    'access:org',
    { orgId, search, offset: pageIndex * ACCESS_PAGE_SIZE, limit: ACCESS_PAGE_SIZE },
    { keepPrevious: true },
  );
  // The page shown, and the search it answers (a kept page answers the last one).
  const current = pageQuery.data ? { page: pageQuery.data, search, pageIndex } : null;
  const orgStatus = statusOf(pageQuery);
  const orgError = appErrorOf(pageQuery.error);
  useLastPageClamp(pageQuery.data?.total, ACCESS_PAGE_SIZE, pageIndex, setPageIndex);

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
          <button type="button" className="button small" onClick={() => void pageQuery.refetch()}>
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
        <Pager label={`Pages of everyone with access to ${orgName}`} total={current.page.total} pageIndex={current.pageIndex} pageSize={ACCESS_PAGE_SIZE} onPage={setPageIndex} />
      ) : null}
    </div>
  );
}
