import { useState } from 'react';
import { orgNameSchema, type Organization } from '@shared/schemas/orgs';
import type { Result } from '@shared/result';
import { NameDialog } from '../../components/NameDialog';

interface OrgNameDialogProps {
  /** The organization being renamed; absent when creating one. */
  org?: Organization;
  /** `version`: the organization's when the dialog opened (docs/RULES.md, V6); absent when creating one. */
  onSave: (name: string, version: number | undefined) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Create or rename an organization. */
export function OrgNameDialog({ org, onSave, onClose }: OrgNameDialogProps) {
  // Kept from when it opened: a rename made elsewhere meanwhile refuses this one rather than being undone by it.
  const [version] = useState(org?.version);
  return (
    <NameDialog
      title={org ? `Rename “${org.name}”` : 'New organization'}
      description={org ? undefined : 'An organization is a workspace that members and teams get access to.'}
      initial={org?.name}
      schema={orgNameSchema}
      submitLabel={org ? 'Rename' : 'Create organization'}
      onSave={(name) => onSave(name, version)}
      onClose={onClose}
    />
  );
}
