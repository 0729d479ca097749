import type { Host } from '../app/handlers';
import { deliverFile, type SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { MemberService } from '../members/service';
import type { ReportService } from './service';

type ReportChannels = 'report:page' | 'report:summary' | 'report:inactive' | 'report:releaseInactive' | 'report:export';

export function reportHandlers(reports: ReportService, members: MemberService, host: Host, savedFiles: SavedFiles): Pick<Handlers, ReportChannels> {
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
    async 'report:export'({ asOf, bom }) {
      const csv = reports.csv({ asOf, bom });
      if (!csv.ok) return csv;
      return deliverFile(host, savedFiles, csv.value.fileName, csv.value.content);
    },
  };
}
