import { useId, useState } from 'react';
import { useSubmit } from '../../lib/use-submit';
import type { Domain } from '@shared/schemas/domains';
import type { Result } from '@shared/result';
import { TeamPickerDialog } from '../../components/pickers/TeamPickerDialog';

interface DefaultTeamChooserProps {
  domain: Domain;
  onSave: (teamId: number | null) => Promise<Result<Domain>>;
  /** Where this admin may not change it (the server's console, by role): the team is named, not chosen. */
  readOnly?: boolean;
}

/**
 * The team that captured and claimed accounts join, changed on purpose: the
 * team is chosen in a dialog that searches the teams when it opens (never
 * every team with the page: 20,000 at a million members), and the choice
 * applies when confirmed there. Teams from the identity provider are shown
 * but cannot be chosen: SCIM alone sets their members.
 */
export function DefaultTeamChooser({ domain, onSave, readOnly = false }: DefaultTeamChooserProps) {
  const labelId = useId();
  const hintId = useId();
  const [choosing, setChoosing] = useState(false);
  const { run, busy, error } = useSubmit({ errors: 'inline' });
  const current = domain.defaultTeam;

  if (readOnly) {
    return (
      <div className="field default-team">
        <span className="field-label">Default team</span>
        <span className="role-static">{current?.name ?? 'No default team'}</span>
      </div>
    );
  }

  return (
    <div className="field default-team" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <span id={labelId} className="field-label">
        Default team
      </span>
      <div className="role-chooser">
        <span className="role-static default-team-name">{current?.name ?? 'No default team'}</span>
        <button type="button" className="button small" onClick={() => setChoosing(true)}>
          {current ? 'Change…' : 'Choose…'}
        </button>
        {current ? (
          <button type="button" className="button small subtle" aria-label="Clear the default team" disabled={busy} onClick={() => void run(() => onSave(null))}>
            Clear
          </button>
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
      {choosing ? (
        <TeamPickerDialog
          title={`Default team for ${domain.display}`}
          description="Accounts that domain capture brings in, or that you claim, also join it."
          unavailable={(team) => (team.id === current?.id ? 'the default team now' : team.source === 'scim' ? 'set by your identity provider' : null)}
          submitLabel="Make default team"
          onPick={(team) => onSave(team.id)}
          onClose={() => setChoosing(false)}
        />
      ) : null}
    </div>
  );
}
