import type { MemberAccess } from '@shared/schemas/access';
import type { MemberProfile } from '@shared/schemas/member-profile';
import type { Result } from '@shared/result';
import { countOf } from '@shared/text';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { listNames } from '../../lib/access-after';
import { ROLE_LABEL } from '../../lib/labels';

interface RemoveFromLicensesDialogProps {
  who: string;
  profile: MemberProfile;
  access: MemberAccess;
  onRemove: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks before their seat is released, naming everything they lose with it (docs/RULES.md, L2). */
export function RemoveFromLicensesDialog({ who, profile, access, onRemove, onClose }: RemoveFromLicensesDialogProps) {
  const orgs = access.organizations.map((entry) => `${entry.org.name} (${ROLE_LABEL[entry.role]})`);
  const teams = access.teams.map((team) => team.name);
  const pending = profile.invitations.length;
  return (
    <ConfirmDialog
      title={`Remove ${who} from Licenses?`}
      body={
        <>
          <p>Their seat will be free at once.</p>
          <ul className="consequences">
            <li>{orgs.length === 0 ? 'They reach no organization, so they lose no access.' : `They lose access to ${countOf(orgs.length, 'organization')}: ${listNames(orgs, 5)}.`}</li>
            {teams.length > 0 ? <li>They leave {countOf(teams.length, 'team')}: {listNames(teams, 5, 'teams')}.</li> : null}
            {pending > 0 ? <li>{pending === 1 ? 'Their pending invitation is revoked.' : `Their ${countOf(pending, 'pending invitation')} are revoked.`}</li> : null}
            {profile.scimManaged ? (
              <li>
                <strong>Your identity provider manages them:</strong> unless they are unassigned there too, it can give them a seat again.
              </li>
            ) : null}
            <li>The account stays and can still log in, but sees nothing of the enterprise. Adding them again takes a new seat.</li>
          </ul>
        </>
      }
      confirmLabel="Remove from Licenses"
      onConfirm={onRemove}
      onClose={onClose}
    />
  );
}
