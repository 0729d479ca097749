import { useState } from 'react';
import { useContractQuery } from '../../data/query';
import type { SeatQuery } from '../../stores/licenses-store';

/** "Inactive for over N days" choices, by the activity report's rule. */
const INACTIVE_DAYS = [30, 60, 90, 180] as const;

const numberOrNull = (value: string) => (value === '' ? null : Number(value));

/**
 * Licenses narrowed to a team, an organization (directly or through a team), or members idle too long.
 * The teams and organizations are read, and listed as choices, once the admin reaches for one of these
 * filters (pointer over it, or focus on it), or when one is chosen already: at 1,000,000 members they
 * are 20,000 teams and 5,000 organizations, and rendering them as options took Licenses from 0.2 s to
 * 1.9 s to show its rows (docs/PERFORMANCE.md, "The UI").
 */
export function LicensesFilters({ query, setQuery }: { query: SeatQuery; setQuery: (change: Partial<SeatQuery>) => void }) {
  const [reached, setReached] = useState(false);
  const listed = reached || query.teamId !== null || query.orgId !== null;
  const reach = () => setReached(true);
  // Not even cached lists are rendered before then (Teams leaves all of them in the cache).
  const teamsQuery = useContractQuery('teams:list', undefined, { enabled: listed });
  const orgsQuery = useContractQuery('orgs:list', undefined, { enabled: listed });
  const teams = (listed ? teamsQuery.data : undefined) ?? [];
  const orgs = (listed ? orgsQuery.data : undefined) ?? [];
  return (
    <>
      <label className="select-field">
        <span className="visually-hidden">Team</span>
        <select aria-label="Team" value={query.teamId ?? ''} onFocus={reach} onPointerEnter={reach} onChange={(event) => setQuery({ teamId: numberOrNull(event.target.value) })}>
          <option value="">Any team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label className="select-field">
        <span className="visually-hidden">Organization</span>
        <select aria-label="Organization" value={query.orgId ?? ''} onFocus={reach} onPointerEnter={reach} onChange={(event) => setQuery({ orgId: numberOrNull(event.target.value) })}>
          <option value="">Any organization</option>
          {orgs.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </select>
      </label>
      <label className="select-field">
        <span className="visually-hidden">Inactive</span>
        <select aria-label="Inactive" value={query.inactiveDays ?? ''} onChange={(event) => setQuery({ inactiveDays: numberOrNull(event.target.value) })}>
          <option value="">Any activity</option>
          {INACTIVE_DAYS.map((days) => (
            <option key={days} value={days}>
              Inactive over {days} days
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
