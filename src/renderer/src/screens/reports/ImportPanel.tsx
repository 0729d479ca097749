import { useEffect, useRef } from 'react';
import type { ImportSummary } from '@shared/schemas/activity';
import { countOf } from '@shared/text';
import { uploadEventFile } from '../../lib/api';
import { cancelImport as cancel, startImport as start } from '../../lib/event-import';
import { importOutcome } from '../../lib/import-outcome';
import { useImportStore } from '../../stores/import-store';
import { useMayCall } from '../../data/may-call';

/** Rejections listed on screen; the command line (roster import) lists every one. */
const SHOWN_REJECTIONS = 20;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

/** "Import events…": a file picker in browser mode; in the desktop app main opens its own dialog. */
export function ImportButton() {
  const { status, pickRequested } = useImportStore();
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const running = status === 'running';
  const mayImport = useMayCall('activity:import');

  // Asked from the palette: open the picker (the key press that asked still lets the page open one),
  // and leave the focus on the button, should the browser not.
  useEffect(() => {
    if (!pickRequested) return;
    useImportStore.setState({ pickRequested: false });
    button.current?.focus();
    input.current?.click();
  }, [pickRequested]);

  if (!mayImport) return null;
  if (!uploadEventFile) {
    return (
      <button type="button" className="button" disabled={running} onClick={() => void start()}>
        Import events…
      </button>
    );
  }
  return (
    <>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        aria-label="Event file to import"
        accept=".ndjson,.jsonl,.json,.csv"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void start(file);
        }}
      />
      <button ref={button} type="button" className="button" disabled={running} onClick={() => input.current?.click()}>
        Import events…
      </button>
    </>
  );
}

function summaryLine(summary: ImportSummary): string {
  const parts = [
    countOf(summary.events.signup, 'signup') + (summary.accountsCreated > 0 ? ` (${countOf(summary.accountsCreated, 'new account')})` : ''),
    countOf(summary.events.login, 'login'),
    countOf(summary.events.open, 'open'),
  ];
  const joined = [
    summary.invitationsAccepted > 0 && `${countOf(summary.invitationsAccepted, 'invitation')} accepted`,
    summary.captured > 0 && `${countOf(summary.captured, 'account')} joined by domain capture`,
    summary.waiting > 0 && `${countOf(summary.waiting, 'account')} waiting for a seat`,
  ].filter(Boolean);
  return `${parts.join(', ')}.${joined.length > 0 ? ` ${joined.join('; ')}.` : ''}`;
}

/** An import under way (progress, cancel) or just finished (totals, rejected lines). */
export function ImportPanel() {
  const { status, fileName, progress, summary, error, cancelling, dismiss } = useImportStore();
  if (status === 'idle') return null;

  if (status === 'running') {
    const total = progress?.totalBytes ?? null;
    return (
      <div className="card import-panel" role="region" aria-label="Import">
        <div className="import-head">
          <strong>{cancelling ? 'Stopping after this batch…' : `Importing ${fileName ?? 'events'}…`}</strong>
          <button type="button" className="button small" disabled={cancelling} onClick={() => void cancel()}>
            Cancel import
          </button>
        </div>
        <progress aria-label="Import progress" max={total ?? undefined} value={total ? (progress?.bytesRead ?? 0) : undefined} />
        <p className="muted" aria-live="polite">
          {progress
            ? `${total ? `${megabytes(progress.bytesRead)} of ${megabytes(total)} · ` : ''}${countOf(progress.lines, 'line')} read · ${countOf(progress.rejected, 'line')} rejected`
            : 'Starting…'}
        </p>
      </div>
    );
  }

  if (status === 'error' && error) {
    return (
      <div className="banner banner-error" role="alert">
        <span>{error.message}</span>
        <button type="button" className="button small" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }

  if (!summary) return null;
  const hidden = summary.rejected - Math.min(summary.rejections.length, SHOWN_REJECTIONS);
  const outcome = importOutcome(summary);
  return (
    <div className={`card import-panel import-${outcome.tone}`} role="status" aria-label="Import result">
      <div className="import-head">
        <strong className="import-title">{outcome.title}</strong>
        <button type="button" className="button small subtle" onClick={dismiss}>
          Dismiss
        </button>
      </div>
      <p>{summaryLine(summary)}</p>
      {summary.rejected > 0 ? (
        <>
          <p className="import-rejected">
            {countOf(summary.rejected, 'line was', 'lines were')} rejected
            {outcome.tone === 'failed' ? ', so nothing was imported' : '; the good lines were imported'}, for the reasons below. Fix them and import the file
            again (what is already imported is not imported twice):
          </p>
          <ul className="rejections" aria-label="Rejected lines">
            {summary.rejections.slice(0, SHOWN_REJECTIONS).map((rejection) => (
              <li key={rejection.line}>
                <span className="rejection-line">Line {rejection.line.toLocaleString()}</span> {rejection.reason}
              </li>
            ))}
          </ul>
          {hidden > 0 ? <p className="muted">…and {countOf(hidden, 'more line')}. The command line (roster import FILE) lists every one.</p> : null}
        </>
      ) : null}
    </div>
  );
}
