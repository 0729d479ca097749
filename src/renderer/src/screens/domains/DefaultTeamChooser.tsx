import { useId, useState } from 'react';
import { useSubmit } from '../../lib/use-submit';
import type { Domain } from '@shared/schemas/domains';
import type { TeamSummary } from '@shared/schemas/teams';
import type { Result } from '@shared/result';

interface DefaultTeamChooserProps {
  domain: Domain;
  teams: TeamSummary[];
  onSave: (teamId: number | null) => Promise<Result<Domain>>;
  /** Where this admin may not change it (the server's console, by role): the team is named, not chosen. */
  readOnly?: boolean;
}

const NONE = '';

/**
 * The team that captured and claimed accounts join, changed on purpose:
 * picking one only proposes it, Save applies it. Teams from the identity
 * provider are shown but cannot be chosen: SCIM alone sets their members.
 */
export function DefaultTeamChooser({ domain, teams, onSave, readOnly = false }: DefaultTeamChooserProps) {
  const selectId = useId();
  const hintId = useId();
  const value = domain.defaultTeam ? String(domain.defaultTeam.id) : NONE;
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const { run, busy, error, reset } = useSubmit({ errors: 'inline' });
  // Follow the stored team when it changes elsewhere.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  // A default team deleted meanwhile is still named until the page reloads.
  const listed = domain.defaultTeam && !teams.some((team) => team.id === domain.defaultTeam!.id) ? [domain.defaultTeam] : [];

  const save = async () => {
    await run(() => onSave(draft === NONE ? null : Number(draft)));
  };

  if (readOnly) {
    return (
      <div className="field default-team">
        <span className="field-label">Default team</span>
        <span className="role-static">{domain.defaultTeam?.name ?? 'No default team'}</span>
      </div>
    );
  }

  return (
    <div className="field default-team">
      <label htmlFor={selectId}>Default team</label>
      <div className="role-chooser">
        <select
          id={selectId}
          className="role-select"
          aria-describedby={hintId}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            reset();
          }}
        >
          <option value={NONE}>No default team</option>
          {listed.map((team) => (
            <option key={team.id} value={String(team.id)}>
              {team.name}
            </option>
          ))}
          {teams.map((team) => (
            <option key={team.id} value={String(team.id)} disabled={team.source === 'scim'}>
              {team.source === 'scim' ? `${team.name} (identity provider)` : team.name}
            </option>
          ))}
        </select>
        {draft !== value ? (
          <>
            <button type="button" className="button small primary" disabled={busy} onClick={() => void save()}>
              Save
            </button>
            <button type="button" className="button small subtle" onClick={() => setDraft(value)}>
              Cancel
            </button>
          </>
        ) : null}
      </div>
      <p id={hintId} className="field-hint">
        Accounts that domain capture brings in, or that you claim, also join this team. Teams from your identity provider cannot be chosen:
        their members are set there.
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
