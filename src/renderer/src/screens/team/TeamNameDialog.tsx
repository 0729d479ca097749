import { teamNameSchema } from '@shared/schemas/teams';
import type { Result } from '@shared/result';
import { NameDialog } from '../../components/NameDialog';

export function TeamNameDialog({ name, onSave, onClose }: { name: string; onSave: (name: string) => Promise<Result<unknown>>; onClose: () => void }) {
  return <NameDialog title={`Rename “${name}”`} initial={name} schema={teamNameSchema} submitLabel="Rename" onSave={onSave} onClose={onClose} />;
}
