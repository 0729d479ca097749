import { ok } from '@shared/result';
import type { Host } from '../app/host';
import { deliverFile, type SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import { auditCsv } from './export';
import type { AuditRepository } from './repository';

type AuditChannels = 'audit:list' | 'audit:facets' | 'audit:export' | 'audit:verify';

export function auditHandlers(audit: AuditRepository, now: () => Date, host: Host, savedFiles: SavedFiles): Pick<Handlers, AuditChannels> {
  return {
    'audit:list': ({ filter, offset, limit }) => ok(audit.page(filter, offset, limit)),
    'audit:facets': () => ok(audit.facets()),
    'audit:verify': () => ok(audit.verify()),
    async 'audit:export'({ filter, bom }) {
      const csv = auditCsv(audit, filter, { bom, now: now() });
      return deliverFile(host, savedFiles, csv.fileName, csv.content);
    },
  };
}
