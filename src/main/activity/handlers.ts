import { fail, ok } from '@shared/result';
import type { Host } from '../app/host';
import type { Handlers } from '../ipc/dispatch';
import type { ImportRunner } from './runner';

export function activityHandlers(runner: ImportRunner, host: Host): Pick<Handlers, 'activity:import' | 'activity:cancelImport' | 'activity:importStatus'> {
  // One dialog at a time: a second click while it is open (or an import runs) is refused.
  let choosing = false;
  return {
    /** The desktop app: main asks for the file with a native dialog (null: cancelled). Browser mode uploads it instead. */
    async 'activity:import'() {
      if (!host.chooseImportFile) return fail('UNSUPPORTED', 'In browser mode, choose the file in the page: it is uploaded to Roster as it is read.');
      if (runner.busy || choosing) return fail('CONFLICT', 'An import is running already; wait for it to finish or cancel it first.');
      choosing = true;
      let file: string | undefined;
      try {
        file = await host.chooseImportFile();
      } finally {
        choosing = false;
      }
      if (!file) return ok(null);
      return runner.runFile(file);
    },
    'activity:cancelImport': () => runner.cancel(),
    'activity:importStatus': () => ok(runner.status()),
  };
}
