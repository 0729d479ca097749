import { orgNameSchema, type Organization } from '@shared/schemas/orgs';
import type { Result } from '@shared/result';
import { NameDialog } from '../../components/NameDialog';

interface OrgNameDialogProps {
  /** The organization being renamed; absent when creating one. */
  org?: Organization;
  onSave: (name: string) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Create or rename an organization. */
export function OrgNameDialog({ org, onSave, onClose }: OrgNameDialogProps) {
  return (
    <NameDialog
      title={org ? `Rename “${org.name}”` : 'New organization'}
      description={org ? undefined : 'An organization is a workspace that members and teams get access to.'}
      initial={org?.name}
      schema={orgNameSchema}
      submitLabel={org ? 'Rename' : 'Create organization'}
      onSave={onSave}
      onClose={onClose}
    />
  );
}
