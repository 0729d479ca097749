import { useState } from 'react';
import { emailSchema } from '@shared/schemas/email';
import type { TeamInviteResult, TeamSummary } from '@shared/schemas/teams';
import { issueFor } from '@shared/result';
import { Dialog } from '../../components/Dialog';
import { EmailField } from '../../components/TextField';
import { useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { formatDate } from '../../lib/format';
import { useNoticesStore } from '../../stores/notices-store';

/** What happened, in the words of the notice. */
function told(result: TeamInviteResult, teamName: string): string {
  switch (result.outcome) {
    case 'added':
      return `${result.email} holds a seat already, so they joined ${teamName} at once.`;
    case 'addedToInvitation':
      return `${result.email} had a pending invitation: it now puts them in ${teamName} too when they accept (it expires ${formatDate(result.expiresAt!)}).`;
    case 'invited':
      return `Invited ${result.email} into ${teamName}. The invitation expires ${formatDate(result.expiresAt!)}.`;
  }
}

/**
 * Invites someone straight into a team (docs/RULES.md, T7): someone who holds
 * a seat joins at once, anyone else gets an invitation naming the team.
 */
function TeamInviteDialog({ team, onClose }: { team: TeamSummary; onClose: () => void }) {
  const expiryDays = useContractQuery('settings:get', undefined).data?.invitationExpiryDays ?? null;
  const notify = useNoticesStore((state) => state.push);
  const [email, setEmail] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { run, busy, error: serverError, reset } = useContractMutation('teams:invite', { errors: 'inline' });
  const checked = emailSchema.safeParse(email);
  const emailError = submitted && !checked.success ? checked.error.issues[0]?.message : issueFor(serverError, 'email');

  const invite = async () => {
    setSubmitted(true);
    if (!checked.success || busy) return;
    const result = await run({ teamId: team.id, email });
    if (result.ok) {
      notify(told(result.value, team.name));
      onClose();
    }
  };

  return (
    <Dialog
      title={`Invite someone to ${team.name}`}
      description={
        <>
          <p>
            They join {team.name} when they accept, and get its role wherever it is linked. The invitation holds a seat until then
            {expiryDays ? `, or until it expires after ${expiryDays} days` : ''}.
          </p>
          <p>Someone who holds a seat already joins at once; someone invited already has {team.name} added to their invitation.</p>
        </>
      }
      onClose={onClose}
      onSubmit={() => void invite()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Invite to {team.name}
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
      {serverError && !issueFor(serverError, 'email') ? (
        <p className="form-error" role="alert">
          {serverError.message}
        </p>
      ) : null}
    </Dialog>
  );
}

/** The team page's "Invite…" button and the dialog it opens. */
export function TeamInviteButton({ team }: { team: TeamSummary }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Invite…
      </button>
      {open ? <TeamInviteDialog team={team} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
