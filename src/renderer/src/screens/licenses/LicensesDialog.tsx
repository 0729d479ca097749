import type { SeatRow } from '@shared/schemas/licenses';
import { countOf } from '@shared/text';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useLicensesStore, type SeatRef } from '../../stores/licenses-store';
import { useNoticesStore } from '../../stores/notices-store';
import { AddMemberDialog } from './AddMemberDialog';
import { InviteDialog } from './InviteDialog';
import { ReleaseSeatsDialog } from './ReleaseSeatsDialog';

export type LicensesDialogKind = { kind: 'add' } | { kind: 'invite' } | { kind: 'release' } | { kind: 'remove'; row: SeatRow };

interface LicensesDialogProps {
  dialog: LicensesDialogKind;
  /** Seats free now. */
  free: number;
  expiryDays: number | null;
  /** The seats chosen, for "Release". */
  chosen: SeatRef[];
  onClose: () => void;
}

/** The Licenses screen's dialogs: add a member, invite, release the chosen seats, remove one member. */
export function LicensesDialog({ dialog, free, expiryDays, chosen, onClose }: LicensesDialogProps) {
  const notify = useNoticesStore((state) => state.push);
  const { clearSelection, unselect } = useLicensesStore();
  const addMember = useContractMutation('members:add', { errors: 'inline' }).run;
  const removeMember = useContractMutation('members:remove', { errors: 'inline' }).run;
  const invite = useContractMutation('invitations:create', { errors: 'inline' }).run;
  const release = useContractMutation('seats:release', { errors: 'inline' }).run;
  const chosenMembers = chosen.filter((ref) => ref.kind === 'member').length;
  const chosenInvitations = chosen.length - chosenMembers;

  return (
    <>
      {dialog?.kind === 'add' ? (
        <AddMemberDialog
          free={free}
          onClose={() => onClose()}
          onAdd={async (email, name) => {
            const result = await addMember({ email, name: name || undefined });
            if (result.ok) notify(`Added ${email.trim()} on a seat.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'invite' ? (
        <InviteDialog
          expiryDays={expiryDays}
          onClose={() => onClose()}
          onInvite={async (input) => {
            const result = await invite(input);
            if (result.ok) notify(`Invited ${input.email.trim()}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'release' ? (
        <ReleaseSeatsDialog
          members={chosenMembers}
          invitations={chosenInvitations}
          onClose={() => onClose()}
          onConfirm={async () => {
            const result = await release({
              accountIds: chosen.filter((ref) => ref.kind === 'member').map((ref) => ref.id),
              invitationIds: chosen.filter((ref) => ref.kind === 'invitation').map((ref) => ref.id),
            });
            if (result.ok) {
              clearSelection();
              const freed = result.value.members + result.value.invitations;
              const already = result.value.alreadyFree > 0 ? ` ${countOf(result.value.alreadyFree, 'was', 'were')} free already.` : '';
              notify(`Released ${countOf(freed, 'seat')}.${already}`);
            }
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <ReleaseSeatsDialog
          members={1}
          invitations={0}
          who={dialog.row.email}
          onClose={() => onClose()}
          onConfirm={async () => {
            const result = await removeMember({ accountId: dialog.row.accountId! });
            if (result.ok) unselect(`member:${dialog.row.accountId}`);
            if (result.ok) notify(`Removed ${dialog.row.email} from Licenses; their seat is free.`);
            return result;
          }}
        />
      ) : null}
    </>
  );
}
