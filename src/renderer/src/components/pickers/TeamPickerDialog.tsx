import type { ReactNode } from 'react';
import { fail, type Result } from '@shared/result';
import type { TeamSummary } from '@shared/schemas/teams';
import { useSearchPaging } from '../../data/paging';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { PlacePickerDialog } from './PlacePickerDialog';

/** How many teams the picker shows for a search; the rest are counted, to narrow by typing. */
export const TEAM_CHOICES = 50;
/** How long typing must pause before the teams are searched, as on the Teams screen. */
const SEARCH_PAUSE_MS = 150;

interface TeamPickerDialogProps {
  title: string;
  description: string;
  submitLabel: string;
  /** Said beside a team's name. */
  detail?: (team: TeamSummary) => string | undefined;
  /** Why a team cannot be chosen here; it is shown, not offered. */
  unavailable?: (team: TeamSummary) => string | null;
  children?: ReactNode;
  /** The team chosen, as the list showed it. */
  onPick: (team: TeamSummary) => Promise<Result<unknown>>;
  onClose: () => void;
}

/**
 * Choose one team, searched in main (teams:page) once the dialog opens: the first
 * TEAM_CHOICES by name whose name holds what is typed, and how many more match.
 * Never every team at once (20,000 at a million members); every one is reached by typing.
 */
export function TeamPickerDialog({ title, description, submitLabel, detail, unavailable, children, onPick, onClose }: TeamPickerDialogProps) {
  const { searchText, setSearchText, search } = useSearchPaging(SEARCH_PAUSE_MS);
  const listed = useContractQuery('teams:page', { search, sort: { by: 'name', desc: false }, offset: 0, limit: TEAM_CHOICES }, { keepPrevious: true });
  const teams = listed.data?.rows ?? [];
  return (
    <PlacePickerDialog
      title={title}
      description={description}
      noun="team"
      loading={!listed.data && statusOf(listed) === 'loading'}
      loadError={appErrorOf(listed.error)}
      onRetry={() => void listed.refetch()}
      search={{ text: searchText, onText: setSearchText, more: Math.max(0, (listed.data?.total ?? 0) - teams.length) }}
      options={teams.map((team) => ({ id: team.id, name: team.name, detail: detail?.(team), unavailable: unavailable?.(team) ?? null }))}
      submitLabel={submitLabel}
      onPick={(id) => {
        // The choice is dropped when the search changes, so it is among the teams shown, unless it went meanwhile.
        const team = teams.find((candidate) => candidate.id === id);
        return team ? onPick(team) : Promise.resolve(fail('NOT_FOUND', 'That team is no longer listed. Choose again.'));
      }}
      onClose={onClose}
    >
      {children}
    </PlacePickerDialog>
  );
}
