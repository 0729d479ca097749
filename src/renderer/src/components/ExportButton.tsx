import { useState } from 'react';
import type { ExportResult } from '@shared/schemas/exports';
import type { Result } from '@shared/result';
import { useContractMutation } from '../data/use-contract-mutation';
import { finishExport } from '../lib/download';
import { useSubmit } from '../lib/use-submit';
import { useNoticesStore } from '../stores/notices-store';

interface ExportButtonProps {
  label: string;
  busyLabel: string;
  /** What is saved, for the notice ("the audit log"). */
  what: string;
  /** What a row is, for the notice's count ("member"); rows when left out. */
  unit?: string;
  exportFile: () => Promise<Result<ExportResult>>;
  /**
   * A small icon button named `label` for screen readers (in a column header):
   * the notice says where the file went, so it offers no "Show in folder" of its own.
   */
  compact?: boolean;
}

/**
 * Saves a CSV: a native dialog in the desktop app, then "Show in folder";
 * a download in browser mode. Says what was saved, or why not, in a notice.
 */
export function ExportButton({ label, busyLabel, what, unit, exportFile, compact = false }: ExportButtonProps) {
  const notify = useNoticesStore((state) => state.push);
  const { run, busy } = useSubmit();
  const show = useContractMutation('app:showSavedFile').run;
  const [saved, setSaved] = useState<Extract<ExportResult, { kind: 'saved' }> | null>(null);

  const save = async () => {
    const result = await run(exportFile);
    if (!result?.ok) return;
    const said = finishExport(result.value, what, unit);
    if (said) notify(said);
    setSaved(result.value.kind === 'saved' ? result.value : null);
  };

  if (compact) {
    return (
      <button type="button" className="icon-button" aria-label={busy ? busyLabel : label} title={label} disabled={busy} onClick={() => void save()}>
        <span aria-hidden="true">⤓</span>
      </button>
    );
  }
  return (
    <>
      <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
        {busy ? busyLabel : label}
      </button>
      {saved ? (
        <button type="button" className="button subtle small" onClick={() => void show({ saveId: saved.saveId })}>
          Show in folder
        </button>
      ) : null}
    </>
  );
}
