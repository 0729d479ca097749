import { useState } from 'react';
import { ExportButton } from '../../components/ExportButton';
import { useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { asOfMoment, pageInput, useReportStore } from '../../stores/report-store';

/**
 * Saves the CSV: a native dialog in the desktop app (then "Show in folder"), a
 * download in browser mode. While a filter, a bucket or a search narrows the
 * report, it offers only the members listed, with the same filter as the page
 * (docs/RULES.md, A4); the whole report stays the default, as without one.
 */
export function SaveReport() {
  const query = useReportStore((state) => state.query);
  const exportReport = useContractMutation('report:export', { errors: 'inline' }).run;
  // The page's own query (the same cache entry): how many members it lists.
  const listed = useContractQuery('report:page', pageInput(query), { keepPrevious: true }).data?.total ?? null;
  const [bom, setBom] = useState(true);
  const [onlyListed, setOnlyListed] = useState(false);
  const filtered = query.filter !== 'all' || query.bucket !== null || query.search !== '';
  const only = filtered && onlyListed;

  const save = () => {
    const { filter, inactiveDays, bucket, search } = query;
    const selection = only ? { filter, inactiveDays, search, ...(bucket ? { bucket } : {}) } : undefined;
    return exportReport({ asOf: asOfMoment(query.asOfDay), bom, ...(selection ? { selection } : {}) });
  };

  return (
    <div className="save-report">
      {filtered ? (
        <label className="toolbar-select">
          <span className="visually-hidden">Members to save</span>
          <select aria-label="Members to save" value={only ? 'listed' : 'all'} onChange={(event) => setOnlyListed(event.target.value === 'listed')}>
            <option value="all">Every member</option>
            <option value="listed">{listed === null ? 'Only the members listed' : `Only the members listed (${listed.toLocaleString()})`}</option>
          </select>
        </label>
      ) : null}
      <label className="check" title="Spreadsheet programs such as Excel need it to read non-Latin names correctly">
        <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
        For Excel (byte-order mark)
      </label>
      <ExportButton
        label="Save CSV…"
        busyLabel="Saving…"
        what={only ? 'the members listed' : 'the activity report'}
        unit="member"
        exportFile={save}
      />
    </div>
  );
}
