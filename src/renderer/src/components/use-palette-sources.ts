import { useEffect, useMemo, useState } from 'react';
import { useContractQuery } from '../data/query';
import type { PaletteSources } from '../lib/palette-items';

/** How many members main looks up for the palette: it shows a few of them anyway. */
const MEMBER_LIMIT = 6;
/** Waits this long after the last key before asking main for members. */
const SEARCH_DELAY_MS = 120;

/** What the palette can jump to: teams, organizations and domains, and members searched as the admin types. */
export function usePaletteSources(typed: string): PaletteSources {
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearched(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const teams = useContractQuery('teams:list', undefined).data;
  const orgs = useContractQuery('orgs:list', undefined).data;
  const domains = useContractQuery('domains:list', undefined).data;
  const members = useContractQuery('members:search', { text: searched, limit: MEMBER_LIMIT }, { enabled: searched !== '' }).data;
  const shownMembers = searched === '' || typed.trim() === '' ? undefined : members;
  return useMemo(
    () => ({ teams: teams ?? [], orgs: orgs ?? [], domains: domains ?? [], members: shownMembers ?? [] }),
    [teams, orgs, domains, shownMembers],
  );
}
