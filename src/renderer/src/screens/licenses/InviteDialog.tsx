import { useMemo, useState } from 'react';
import { emailSchema } from '@shared/schemas/email';
import type { InvitationRole } from '@shared/schemas/members';
import { issueFor, type Result } from '@shared/result';
import { includesFolded } from '@shared/text';
import { CheckGrid } from '../../components/CheckGrid';
import { Dialog } from '../../components/Dialog';
import { EmailField } from '../../components/TextField';
import { useContractQuery } from '../../data/query';
import { useSubmit } from '../../lib/use-submit';

interface InviteDialogProps {
  expiryDays: number | null;
  onInvite: (input: { email: string; role: InvitationRole; orgIds: number[]; teamIds: number[] }) => Promise<Result<unknown>>;
  onClose: () => void;
}

export function InviteDialog({ expiryDays, onInvite, onClose }: InviteDialogProps) {
  const listedOrgs = useContractQuery('orgs:list', undefined);
  const orgs = useMemo(() => listedOrgs.data ?? [], [listedOrgs.data]);
  // Teams from the identity provider take their members from it, not from invitations.
  const teams = (useContractQuery('teams:list', undefined).data ?? []).filter((team) => team.source === 'manual');
  const [chosenTeams, setChosenTeams] = useState<Set<number>>(new Set());
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitationRole>('member');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [orgFilter, setOrgFilter] = useState('');
  const [teamFilter, setTeamFilter] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { run, busy, error: serverError, reset } = useSubmit({ errors: 'inline' });

  const shownOrgs = useMemo(() => (orgFilter.trim() ? orgs.filter((org) => includesFolded(org.name, orgFilter)) : orgs), [orgs, orgFilter]);
  const shownTeams = teamFilter.trim() ? teams.filter((team) => includesFolded(team.name, teamFilter)) : teams;

  const checked = emailSchema.safeParse(email);
  const emailError = submitted && !checked.success ? checked.error.issues[0]?.message : issueFor(serverError, 'email');

  const invite = async () => {
    setSubmitted(true);
    if (!checked.success) return;
    const result = await run(() => onInvite({ email, role, orgIds: [...chosen], teamIds: [...chosenTeams] }));
    if (result?.ok) onClose();
  };

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  return (
    <Dialog
      title="Invite someone"
      description={`The invitation holds a seat until it is accepted or revoked${expiryDays ? `, or expires after ${expiryDays} days` : ''}.`}
      onClose={onClose}
      onSubmit={() => void invite()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Send invitation
          </button>
        </>
      }
    >
      <EmailField
        value={email}
        error={emailError}
        onChange={(value) => {
          setEmail(value);
          reset();
        }}
      />
      <fieldset className="field">
        <legend>Role in the organizations named below</legend>
        <div className="radio-row">
          {(['member', 'admin'] as const).map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="role" value={value} checked={role === value} onChange={() => setRole(value)} />
              {value === 'member' ? 'Member' : 'Admin'}
            </label>
          ))}
        </div>
      </fieldset>
      {teams.length > 0 ? (
        <fieldset className="field">
          <legend>Teams {chosenTeams.size > 0 ? <span className="muted">({chosenTeams.size} chosen)</span> : null}</legend>
          {teams.length > 8 ? (
            <input
              type="search"
              className="search-input compact"
              placeholder="Filter teams"
              aria-label="Filter the teams to invite into"
              value={teamFilter}
              onChange={(event) => setTeamFilter(event.target.value)}
            />
          ) : null}
          {shownTeams.length === 0 ? (
            <p className="muted">None match.</p>
          ) : (
            <CheckGrid
              label="Teams to invite into"
              className="short"
              columns={2}
              items={shownTeams.map((team) => ({ id: team.id, label: team.name, checked: chosenTeams.has(team.id) }))}
              onToggle={(id) => {
                const next = new Set(chosenTeams);
                if (next.has(id)) next.delete(id);
                else next.add(id);
                setChosenTeams(next);
              }}
            />
          )}
        </fieldset>
      ) : null}
      <fieldset className="field">
        <legend>Organizations {chosen.size > 0 ? <span className="muted">({chosen.size} chosen)</span> : null}</legend>
        {orgs.length > 8 ? (
          <input
            type="search"
            className="search-input compact"
            placeholder="Filter organizations"
            aria-label="Filter the organizations to invite into"
            value={orgFilter}
            onChange={(event) => setOrgFilter(event.target.value)}
          />
        ) : null}
        {shownOrgs.length === 0 ? (
          <p className="muted">{orgs.length === 0 ? 'No organizations yet.' : 'None match.'}</p>
        ) : (
          <CheckGrid
            label="Organizations to invite into"
            columns={2}
            items={shownOrgs.map((org) => ({ id: org.id, label: org.name, checked: chosen.has(org.id) }))}
            onToggle={toggle}
          />
        )}
      </fieldset>
      {serverError && !issueFor(serverError, 'email') ? (
        <p className="form-error" role="alert">
          {serverError.message}
        </p>
      ) : null}
    </Dialog>
  );
}
