import type { Organization } from '@shared/schemas/orgs';
import type { Result } from '@shared/result';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface DeleteOrgDialogProps {
  org: Organization;
  onDelete: () => Promise<Result<unknown>>;
  onClose: () => void;
}

export function DeleteOrgDialog({ org, onDelete, onClose }: DeleteOrgDialogProps) {
  return (
    <ConfirmDialog
      title={`Delete “${org.name}”?`}
      body={[
        'Everyone loses the access this organization gave them, directly or through its teams. This cannot be undone.',
        'No seat is freed: members keep their licenses. To free a seat, remove the member from Licenses.',
      ]}
      confirmLabel="Delete organization"
      onConfirm={onDelete}
      onClose={onClose}
    />
  );
}
