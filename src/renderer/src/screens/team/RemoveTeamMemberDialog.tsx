import type { Result } from '@shared/result';
import { AccessAfterNote, useAccessAfter } from '../../components/AccessAfter';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface RemoveTeamMemberDialogProps {
  accountId: number;
  who: string;
  team: { id: number; name: string };
  /** Given what access remains, in a sentence for the notice (null if it could not be worked out). */
  onRemove: (remains: string | null) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks first, says what access remains through their other paths, and that their seat stays. */
export function RemoveTeamMemberDialog({ accountId, who, team, onRemove, onClose }: RemoveTeamMemberDialogProps) {
  const after = useAccessAfter(accountId, who, { kind: 'leaveTeam', teamId: team.id });
  return (
    <ConfirmDialog
      title={`Remove ${who} from ${team.name}?`}
      body={
        <>
          <p>They lose only what {team.name} gave them; other teams and direct memberships stay.</p>
          <AccessAfterNote {...after} />
          <p>Their seat stays too: to free it, remove them from Licenses.</p>
        </>
      }
      confirmLabel={`Remove from ${team.name}`}
      onConfirm={() => onRemove(after.sentence)}
      onClose={onClose}
    />
  );
}
