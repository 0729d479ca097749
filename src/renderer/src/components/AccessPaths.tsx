import type { AccessPath } from '@shared/access';
import type { OrgRole } from '@shared/schemas/members';
import { ROLE_LABEL } from '../lib/labels';
import { teamHref } from '../lib/route';

function PathLabel({ path }: { path: AccessPath }) {
  if (path.kind === 'direct') return <>Direct</>;
  return (
    <>
      via <a href={teamHref(path.teamId)}>{path.teamName}</a>
    </>
  );
}

/**
 * Every path to an organization, the winning one first and, when there are
 * several, marked: "why they have this role". The order comes from
 * resolveAccess in main.
 */
export function AccessPaths({ paths }: { paths: AccessPath[] }) {
  const [winner, ...others] = paths;
  if (!winner) return null;
  return (
    <ul className="access-paths">
      <li className="path path-winner">
        {others.length > 0 ? <span className="path-tag">Wins</span> : null}
        <PathLabel path={winner} /> <span className="path-role">({ROLE_LABEL[winner.role]})</span>
      </li>
      {others.map((path) => (
        <li key={path.kind === 'direct' ? 'direct' : `team-${path.teamId}`} className="path">
          <PathLabel path={path} /> <span className="path-role">({ROLE_LABEL[path.role]})</span>
        </li>
      ))}
    </ul>
  );
}

export function RoleBadge({ role }: { role: OrgRole }) {
  return <span className={`badge badge-role-${role}`}>{ROLE_LABEL[role]}</span>;
}
