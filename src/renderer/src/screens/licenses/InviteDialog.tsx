import { useMemo, useState } from 'react';
import { emailSchema } from '@shared/schemas/email';
import type { InvitationRole } from '@shared/schemas/members';
import { issueFor, type Result } from '@shared/result';
import { includesFolded } from '@shared/text';
import { CheckGrid } from '../../components/CheckGrid';
import { Dialog } from '../../components/Dialog';
import { EmailField } from '../../components/TextField';
import { useContractQuery } from '../../data/query';
import { useSearchPaging } from '../../data/paging';
import { TEAM_CHOICES } from '../../components/pickers/TeamPickerDialog';

/** How long typing must pause before the teams are searched, as on the Teams screen. */
const SEARCH_PAUSE_MS = 150;
import { useSubmit } from '../../lib/use-submit';

interface InviteDialogProps {
  expiryDays: number | null;
  onInvite: (input: { email: string; role: InvitationRole; orgIds: number[]; teamIds: number[] }) => Promise<Result<unknown>>;
  onClose: () => void;
}

export function InviteDialog({ expiryDays, onInvite, onClose }: InviteDialogProps) {
  const listedOrgs = useContractQuery('orgs:list', undefined);
  const orgs = useMemo(() => listedOrgs.data ?? [], [listedOrgs.data]);
  // The teams are searched in main as the admin types (never all 20,000 at a million members): the first
  // TEAM_CHOICES that match, and the teams already ticked, which stay ticked whatever is typed.
  const { searchText: teamFilter, setSearchText: setTeamFilter, search: teamSearch } = useSearchPaging(SEARCH_PAUSE_MS);
  const listedTeams = useContractQuery('teams:page', { search: teamSearch, sort: { by: 'name', desc: false }, offset: 0, limit: TEAM_CHOICES }, { keepPrevious: true });
  const found = listedTeams.data?.rows ?? [];
  const [chosenTeams, setChosenTeams] = useState<ReadonlyMap<number, string>>(new Map());
  const moreTeams = Math.max(0, (listedTeams.data?.total ?? 0) - found.length);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitationRole>('member');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [orgFilter, setOrgFilter] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { run, busy, error: serverError, reset } = useSubmit({ errors: 'inline' });

  const shownOrgs = useMemo(() => (orgFilter.trim() ? orgs.filter((org) => includesFolded(org.name, orgFilter)) : orgs), [orgs, orgFilter]);
  // Teams from the identity provider take their members from it, not from invitations: shown, not offered.
  const shownTeams = [
    ...[...chosenTeams].filter(([id]) => !found.some((team) => team.id === id)).map(([id, name]) => ({ id, label: name, checked: true })),
    ...found.map((team) => ({
      id: team.id,
      label: team.source === 'scim' ? `${team.name} (identity provider)` : team.name,
      checked: chosenTeams.has(team.id),
      locked: team.source === 'scim',
    })),
  ];

  const checked = emailSchema.safeParse(email);
  const emailError = submitted && !checked.success ? checked.error.issues[0]?.message : issueFor(serverError, 'email');

  const invite = async () => {
    setSubmitted(true);
    if (!checked.success) return;
    const result = await run(() => onInvite({ email, role, orgIds: [...chosen], teamIds: [...chosenTeams.keys()] }));
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
      {(listedTeams.data?.all ?? 0) > 0 ? (
        <fieldset className="field">
          <legend>Teams {chosenTeams.size > 0 ? <span className="muted">({chosenTeams.size} chosen)</span> : null}</legend>
          {(listedTeams.data?.all ?? 0) > 8 ? (
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
            <p className="muted">No team matches “{teamFilter.trim()}”.</p>
          ) : (
            <CheckGrid
              label="Teams to invite into"
              className="short"
              columns={2}
              items={shownTeams}
              onToggle={(id) => {
                const next = new Map(chosenTeams);
                if (next.has(id)) next.delete(id);
                else next.set(id, found.find((team) => team.id === id)?.name ?? '');
                setChosenTeams(next);
              }}
            />
          )}
          {moreTeams > 0 ? <p className="field-hint picker-more">{moreTeams.toLocaleString('en-US')} more — type to narrow</p> : null}
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
