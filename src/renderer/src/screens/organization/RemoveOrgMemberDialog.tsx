import type { Result } from '@shared/result';
import { AccessAfterNote, useAccessAfter } from '../../components/AccessAfter';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface RemoveOrgMemberDialogProps {
  accountId: number;
  who: string;
  org: { id: number; name: string };
  /** Given what access remains, in a sentence for the notice (null if it could not be worked out). */
  onRemove: (remains: string | null) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks first, says what access remains through their teams, and says plainly that this does not free their seat. */
export function RemoveOrgMemberDialog({ accountId, who, org, onRemove, onClose }: RemoveOrgMemberDialogProps) {
  const after = useAccessAfter(accountId, who, { kind: 'leaveOrg', orgId: org.id });
  return (
    <ConfirmDialog
      title={`Remove ${who} from ${org.name}?`}
      body={
        <>
          <p>They lose the access this direct membership gave them in {org.name}.</p>
          <AccessAfterNote {...after} />
          <p>
            <strong>This does not free their seat.</strong> To free it, remove them from Licenses.
          </p>
        </>
      }
      confirmLabel={`Remove from ${org.name}`}
      onConfirm={() => onRemove(after.sentence)}
      onClose={onClose}
    />
  );
}
