import type { Host } from '../app/host';
import type { SavedFiles } from '../exports/deliver';
import type { Db } from '../db/open';
import type { Handlers } from '../ipc/dispatch';
import type { Jobs } from '../jobs/jobs';
import type { MemberService } from '../members/service';
import { exportReport } from './export-job';
import type { ReportService } from './service';

type ReportChannels = 'report:page' | 'report:summary' | 'report:inactive' | 'report:releaseInactive' | 'report:export';

export interface ReportExportContext {
  db: Db;
  nativeBinding?: string;
  jobs: Jobs;
}

export function reportHandlers(reports: ReportService, members: MemberService, host: Host, savedFiles: SavedFiles, context: ReportExportContext): Pick<Handlers, ReportChannels> {
  return {
    /**
     * Releases the seats of members idle over N days, found again at the moment
     * of release (not the dry run's list), so a member who became active in
     * between keeps their seat.
     */
    'report:releaseInactive': ({ asOf, inactiveDays }, { actor }) => reports.releaseInactive(asOf, inactiveDays, (accountIds) => members.release({ accountIds, invitationIds: [] }, actor)),
    'report:page': (input) => reports.page(input),
    'report:summary': ({ asOf }) => reports.summary(asOf),
    'report:inactive': ({ asOf, inactiveDays }) => reports.inactive(asOf, inactiveDays),
    /** A job: members written of all of them as progress, and Cancel, which leaves no file (report/export-job.ts). */
    'report:export': ({ asOf, bom }) => {
      const at = reports.moment(asOf);
      return context.jobs.run({ label: 'Saving the activity report', unit: 'members', cancellable: true, showFromFirstProgress: true }, (job) =>
        exportReport({ db: context.db, nativeBinding: context.nativeBinding, host, savedFiles }, at, bom, job),
      );
    },
  };
}
