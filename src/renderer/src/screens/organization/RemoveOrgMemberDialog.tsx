import type { Result } from '@shared/result';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface RemoveOrgMemberDialogProps {
  who: string;
  orgName: string;
  onRemove: () => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Asks first, and says plainly that this does not free their seat. */
export function RemoveOrgMemberDialog({ who, orgName, onRemove, onClose }: RemoveOrgMemberDialogProps) {
  return (
    <ConfirmDialog
      title={`Remove ${who} from ${orgName}?`}
      body={
        <>
          <p>They lose the access this direct membership gave them in {orgName}.</p>
          <p>
            <strong>This does not free their seat.</strong> To free it, remove them from Licenses.
          </p>
        </>
      }
      confirmLabel={`Remove from ${orgName}`}
      onConfirm={onRemove}
      onClose={onClose}
    />
  );
}
