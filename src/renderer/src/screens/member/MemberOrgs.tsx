import type { OrgAccess } from '@shared/schemas/access';
import { orgRoles, type OrgRole } from '@shared/schemas/members';
import { countOf } from '@shared/text';
import { AccessPaths, RoleBadge } from '../../components/AccessPaths';
import { RoleChooser } from '../../components/RoleChooser';
import { roleWarning } from '../../lib/access-after';
import { ROLE_LABEL } from '../../lib/labels';
import { organizationHref } from '../../lib/route';

interface MemberOrgsProps {
  email: string;
  who: string;
  organizations: OrgAccess[];
  /** Owners each organization has among its direct members, to warn before the last one steps down. */
  ownerCounts: ReadonlyMap<number, number>;
  // Each left out where this admin may not (the server's console, by role): its control is not shown.
  onAdd?: () => void;
  onRemove?: (org: { id: number; name: string }) => void;
  onSetRole?: (org: { id: number; name: string }, role: OrgRole) => Promise<unknown>;
}

/** Every organization they reach, the role that applies and why; their direct memberships are changed here. */
export function MemberOrgs({ email, who, organizations, ownerCounts, onAdd, onRemove, onSetRole }: MemberOrgsProps) {
  return (
    <div className="card" role="region" aria-labelledby="member-access-title">
      <div className="toolbar">
        <h2 id="member-access-title" className="toolbar-title">
          Organizations
        </h2>
        <span className="toolbar-count">{countOf(organizations.length, 'organization')}</span>
        {onAdd ? (
          <button type="button" className="button" onClick={onAdd}>
            Add to organization…
          </button>
        ) : null}
      </div>
      <p className="card-note">The highest role among all paths applies. A direct membership is changed here; what a team gives, on the team's page.</p>
      <div className="table-scroll">
        <table className="data-table" aria-label={`Access of ${email}`}>
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Role</th>
              <th scope="col">Why</th>
              <th scope="col">Direct role</th>
              {onRemove ? (
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {organizations.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={onRemove ? 5 : 4}>They hold a seat but reach no organization yet: add them to a team or an organization.</td>
              </tr>
            ) : (
              organizations.map((entry) => {
                const direct = entry.paths.find((path) => path.kind === 'direct');
                return (
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
                    <td>
                      {direct ? (
                        <RoleChooser
                          label={`Direct role of ${email} in ${entry.org.name}`}
                          value={direct.role}
                          roles={orgRoles}
                          labels={ROLE_LABEL}
                          warn={(next) => roleWarning(entry, who, next, ownerCounts.get(entry.org.id))}
                          mayChange={Boolean(onSetRole)}
                          onSave={(role) => onSetRole!(entry.org, role)}
                        />
                      ) : (
                        <span className="muted">Not a direct member</span>
                      )}
                    </td>
                    {onRemove ? (
                      <td className="col-actions">
                        {direct ? (
                          <button
                            type="button"
                            className="button subtle small danger-text"
                            aria-label={`Remove ${email} from ${entry.org.name}`}
                            onClick={() => onRemove(entry.org)}
                          >
                            Remove
                          </button>
                        ) : null}
                      </td>
                    ) : null}
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
