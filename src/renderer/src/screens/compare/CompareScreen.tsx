import { useState } from 'react';
import type { CompareInput, DiffFileEntry, DiffSource } from '@shared/schemas/diff';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { formatDateTime } from '../../lib/format';
import { CompareResult } from './CompareResult';

/** A <select>'s value for a source: "live", "folder:NAME" or "chosen:ID". */
const keyOf = (source: DiffSource) => (source.kind === 'live' ? 'live' : source.kind === 'folder' ? `folder:${source.name}` : `chosen:${source.id}`);

function sourceOf(key: string): DiffSource {
  if (key.startsWith('folder:')) return { kind: 'folder', name: key.slice('folder:'.length) };
  if (key.startsWith('chosen:')) return { kind: 'chosen', id: key.slice('chosen:'.length) };
  return { kind: 'live' };
}

const fileLabel = (file: DiffFileEntry) => `${file.name} (${file.kind === 'backup' ? 'backup' : 'copy'}, ${formatDateTime(file.modifiedAt)})`;

interface SidePickerProps {
  label: string;
  value: string;
  onChange: (key: string) => void;
  files: DiffFileEntry[];
  chosen: { id: string; name: string }[];
  onChoose?: () => void;
}

/** One side: the live store, a file of the backups folder, or (desktop) one chosen in an open dialog. */
function SidePicker({ label, value, onChange, files, chosen, onChoose }: SidePickerProps) {
  const id = `compare-${label.toLowerCase()}`;
  return (
    <div className="field compare-side">
      <label htmlFor={id}>{label}</label>
      <div className="compare-side-controls select-field">
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Choose a file…</option>
          <option value="live">Live store (as of now)</option>
          {files.length > 0 ? (
            <optgroup label="Backups folder">
              {files.map((file) => (
                <option key={file.name} value={`folder:${file.name}`}>
                  {fileLabel(file)}
                </option>
              ))}
            </optgroup>
          ) : null}
          {chosen.length > 0 ? (
            <optgroup label="Chosen files">
              {chosen.map((file) => (
                <option key={file.id} value={`chosen:${file.id}`}>
                  {file.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        {onChoose ? (
          <button type="button" className="button" onClick={onChoose}>
            Open a file…
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * What changed between two Roster files (docs/OFFLINE-COPIES.md, "What changed between two copies"): offline copies,
 * backups, or one of them and the live store. The files are only read.
 */
export function CompareScreen() {
  const filesQuery = useContractQuery('diff:files', undefined);
  const files = filesQuery.data?.files ?? [];
  const chooseFile = useContractMutation('diff:chooseFile').run;
  const exportDiff = useContractMutation('diff:export', { errors: 'inline' }).run;
  const [chosen, setChosen] = useState<{ id: string; name: string }[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [compared, setCompared] = useState<CompareInput | null>(null);
  const diffQuery = useContractQuery('diff:compare', compared ?? { from: { kind: 'live' }, to: { kind: 'live' } }, { enabled: compared !== null });
  const error = appErrorOf(diffQuery.error) ?? appErrorOf(filesQuery.error);

  const choose = (set: (key: string) => void) => async () => {
    const picked = await chooseFile();
    if (!picked.ok || !picked.value) return;
    const file = picked.value;
    setChosen((current) => [...current, file]);
    set(`chosen:${file.id}`);
  };
  const canChoose = filesQuery.data?.canChooseFiles === true;
  const ready = from !== '' && to !== '';
  const shown = compared && keyOf(compared.from) === from && keyOf(compared.to) === to;

  return (
    <section className="screen" aria-labelledby="compare-title">
      <PageHeader
        id="compare-title"
        title="Compare"
        description="What changed between two copies of the enterprise — offline copies, backups, or one of them and the live store: seats, members who joined and left, access gained and lost, invitations, domains and SCIM tokens. Neither file is changed."
        actions={
          compared && diffQuery.data ? (
            <ExportButton label="Export CSV" busyLabel="Exporting…" what="the changes" unit="change" exportFile={() => exportDiff(compared)} />
          ) : null
        }
      />
      <div className="card">
        <form
          className="compare-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!ready) return;
            // The same two again (the live store may have moved on): read them again.
            if (shown) void diffQuery.refetch();
            else setCompared({ from: sourceOf(from), to: sourceOf(to) });
          }}
        >
          <SidePicker label="Old" value={from} onChange={setFrom} files={files} chosen={chosen} onChoose={canChoose ? () => void choose(setFrom)() : undefined} />
          <SidePicker label="New" value={to} onChange={setTo} files={files} chosen={chosen} onChoose={canChoose ? () => void choose(setTo)() : undefined} />
          <button type="submit" className="button primary" disabled={!ready || (shown === true && diffQuery.isFetching)}>
            {shown && diffQuery.isFetching ? 'Comparing…' : 'Compare'}
          </button>
        </form>
        <p className="card-note">
          {canChoose
            ? 'Open an offline copy or a backup anywhere on this computer, or pick one in the backups folder.'
            : 'The files in the backups folder are listed: put an offline copy there (a name ending in .roster or .db) to compare it.'}
        </p>
      </div>
      {error ? <ErrorBanner message={error.message} /> : null}
      {compared && statusOf(diffQuery) === 'loading' ? <p className="muted">Comparing…</p> : null}
      {compared && diffQuery.data ? <CompareResult diff={diffQuery.data} /> : null}
    </section>
  );
}
