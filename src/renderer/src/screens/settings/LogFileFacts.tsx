import { useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';

/**
 * Where Roster writes its log, for a support request; the desktop app can show
 * it in the file manager. Nothing is shown where it keeps none.
 */
export function LogFileFacts({ canShow }: { canShow: boolean }) {
  const path = useContractQuery('app:logFile', undefined, { staleTime: Infinity }).data?.path ?? null;
  const { run, busy } = useContractMutation('app:showLogFile');
  if (!path) return null;
  return (
    <>
      <dt>Log</dt>
      <dd className="log-file">
        <code className="path">{path}</code>
        {canShow ? (
          <button type="button" className="button subtle small" disabled={busy} onClick={() => void run()}>
            Show in folder
          </button>
        ) : null}
      </dd>
    </>
  );
}
