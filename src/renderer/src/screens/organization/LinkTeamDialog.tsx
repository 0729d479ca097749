import { useMemo, useState } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import type { TeamSummary } from '@shared/schemas/teams';
import { countOf, includesFolded } from '@shared/text';
import { Dialog } from '../../components/Dialog';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { ROLE_LABEL } from '../../lib/labels';
import { useSubmit } from '../../lib/use-submit';

interface LinkTeamDialogProps {
  orgName: string;
  /** Teams that reach it already: not offered. */
  reaching: Set<number>;
  onLink: (team: TeamSummary) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Links one team to the organization, from its page: the team's members get its role there. */
export function LinkTeamDialog({ orgName, reaching, onLink, onClose }: LinkTeamDialogProps) {
  const listed = useContractQuery('teams:list', undefined);
  const status = statusOf(listed);
  const loadError = appErrorOf(listed.error);
  const offered = useMemo(() => (listed.data ?? []).filter((team) => !reaching.has(team.id)), [listed.data, reaching]);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [choiceError, setChoiceError] = useState<AppError | null>(null);
  const submit = useSubmit({ errors: 'inline' });
  const error = choiceError ?? submit.error;
  const shown = filter.trim() ? offered.filter((team) => includesFolded(team.name, filter)) : offered;
  const loading = !listed.data && status === 'loading';

  const link = async () => {
    const team = offered.find((candidate) => candidate.id === chosen);
    if (!team) return setChoiceError({ code: 'INVALID_INPUT', message: 'Choose a team to link.' });
    setChoiceError(null);
    const result = await submit.run(() => onLink(team));
    if (result?.ok) onClose();
  };

  return (
    <Dialog
      title={`Link a team to ${orgName}`}
      description={`Its members get the team's role in ${orgName}. Teams linked to all organizations reach it already and are not listed.`}
      onClose={onClose}
      onSubmit={() => void link()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={submit.busy || loading}>
            Link team
          </button>
        </>
      }
    >
      {offered.length > 8 ? (
        <input
          type="search"
          className="search-input compact"
          placeholder="Filter teams"
          aria-label="Filter the teams to link"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      ) : null}
      <div className="check-list" role="radiogroup" aria-label="Team to link" aria-busy={loading}>
        {loading ? <p className="muted">Loading teams…</p> : null}
        {status === 'error' && !listed.data ? (
          <p className="form-error" role="alert">
            Could not load the teams: {loadError?.message}{' '}
            <button type="button" className="button small" onClick={() => void listed.refetch()}>
              Try again
            </button>
          </p>
        ) : null}
        {listed.data && shown.length === 0 ? <p className="muted">{offered.length === 0 ? `Every team reaches ${orgName} already.` : 'None match.'}</p> : null}
        {shown.map((team) => (
          <label key={team.id} className="check">
            <input type="radio" name="team" checked={chosen === team.id} onChange={() => setChosen(team.id)} />
            <span>
              {team.name} <span className="muted">· {ROLE_LABEL[team.role]} · {countOf(team.memberCount, 'member')}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
