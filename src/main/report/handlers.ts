import type { Host } from '../app/handlers';
import { deliverFile, type SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { ReportService } from './service';

type ReportChannels = 'report:page' | 'report:summary' | 'report:inactive' | 'report:export';

export function reportHandlers(reports: ReportService, host: Host, savedFiles: SavedFiles): Pick<Handlers, ReportChannels> {
  return {
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
