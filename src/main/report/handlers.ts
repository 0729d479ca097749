import { ok } from '@shared/result';
import type { Host } from '../app/host';
import { deliverFile, type SavedFiles } from '../exports/deliver';
import type { Db } from '../db/open';
import type { Handlers } from '../ipc/dispatch';
import type { Jobs } from '../jobs/jobs';
import type { MemberService } from '../members/service';
import { exportReport } from './export-job';
import type { ReportService } from './service';

type ReportChannels = 'report:page' | 'report:summary' | 'report:inactive' | 'report:releaseInactive' | 'report:export' | 'report:exportInactive';

export interface ReportExportContext {
  db: Db;
  nativeBinding?: string;
  jobs: Jobs;
}

/** The Activity screen's reads: all the store's members each, so `roster server` answers them in its read workers. */
export function reportQueryHandlers(reports: ReportService): Pick<Handlers, 'report:page' | 'report:summary' | 'report:inactive'> {
  return {
    'report:page': (input) => reports.page(input),
    'report:summary': ({ asOf }) => reports.summary(asOf),
    /** The list to review before a release (docs/RULES.md, A5): counts, every id, one page of members. */
    'report:inactive': (input) => reports.reclaim.review(input),
  };
}

export function reportHandlers(reports: ReportService, members: MemberService, host: Host, savedFiles: SavedFiles, context: ReportExportContext): Pick<Handlers, ReportChannels> {
  return {
    ...reportQueryHandlers(reports),
    /**
     * Releases exactly the members the admin confirmed from the review, each
     * checked again as it goes (report/reclaim.ts); those that changed since are
     * skipped and named. Seats go as Licenses releases them, audited per member.
     */
    'report:releaseInactive': (input, { actor }) => reports.reclaim.release(input, (accountIds) => members.release({ accountIds, invitationIds: [] }, actor)),
    /** The reviewed list as CSV, with who is not to be released marked: a download in browser mode, a save dialog in the desktop app. */
    async 'report:exportInactive'(input) {
      const csv = reports.reclaim.csv(input);
      const delivered = await deliverFile(host, savedFiles, csv.fileName, csv.content);
      return delivered.ok && delivered.value.kind !== 'cancelled' ? ok({ ...delivered.value, rows: csv.rows }) : delivered;
    },
    /** A job: members written of all of them as progress, and Cancel, which leaves no file (report/export-job.ts). */
    'report:export': ({ asOf, bom, selection }) => {
      const at = reports.moment(asOf);
      return context.jobs.run({ label: 'Saving the activity report', unit: 'members', cancellable: true, showFromFirstProgress: true }, (job) =>
        exportReport({ db: context.db, nativeBinding: context.nativeBinding, host, savedFiles }, at, { bom, selection }, job),
      );
    },
  };
}
