import type { Host } from '../app/host';
import { deliverFile, type SavedFiles } from '../exports/deliver';
import { toCsv } from '../exports/csv';
import type { InvitationService } from '../invitations/service';
import type { Handlers } from '../ipc/dispatch';
import type { MemberService } from '../members/service';
import type { DomainService } from './service';

type DomainChannels =
  | 'domains:list'
  | 'domains:get'
  | 'domains:find'
  | 'domains:add'
  | 'domains:remove'
  | 'domains:verify'
  | 'domains:setCapture'
  | 'domains:setLock'
  | 'domains:setSubdomains'
  | 'domains:setDefaultTeam'
  | 'domains:unmanaged'
  | 'domains:claim'
  | 'domains:invite'
  | 'domains:exportUnmanaged';

const EXPORT_LIMIT = 500;

export function domainHandlers(domains: DomainService, members: MemberService, invitations: InvitationService, host: Host, savedFiles: SavedFiles): Pick<Handlers, DomainChannels> {
  return {
    'domains:list': () => domains.list(),
    'domains:get': ({ id }) => domains.get(id),
    'domains:find': ({ domain }) => domains.find(domain),
    'domains:add': ({ domain }, { actor }) => domains.add(domain, actor),
    'domains:remove': ({ id }, { actor }) => domains.remove(id, actor),
    'domains:verify': ({ id, servers }, { actor }) => domains.verify(id, actor, servers),
    'domains:setCapture': ({ id, on }, { actor }) => domains.setCapture(id, on, actor),
    'domains:setLock': ({ id, on }, { actor }) => domains.setLock(id, on, actor),
    'domains:setSubdomains': ({ id, on }, { actor }) => domains.setIncludeSubdomains(id, on, actor),
    'domains:setDefaultTeam': ({ id, teamId }, { actor }) => domains.setDefaultTeam(id, teamId, actor),
    'domains:unmanaged': (input) => domains.unmanaged(input),
    'domains:claim': ({ accountIds }, { actor }) => members.claim(accountIds, actor),
    'domains:invite': ({ accountIds }, { actor }) => invitations.inviteAccounts(accountIds, actor, domains.isUnmanaged),

    /** Every unmanaged account (of one domain, or all), as CSV, a page at a time from the store. */
    async 'domains:exportUnmanaged'({ domainId }) {
      const domain = domainId === undefined ? null : domains.get(domainId);
      if (domain && !domain.ok) return domain;
      const rows: (string | null)[][] = [];
      for (let offset = 0; ; offset += EXPORT_LIMIT) {
        const page = domains.unmanaged({ domainId, waitingOnly: false, search: '', offset, limit: EXPORT_LIMIT });
        if (!page.ok) return page;
        rows.push(...page.value.rows.map((row) => [row.email, row.name, row.domain, row.createdAt, row.lastLoginAt, row.waitingSince, row.invitedUntil]));
        if (page.value.rows.length < EXPORT_LIMIT) break;
      }
      const csv = toCsv(['Email', 'Name', 'Domain', 'Account created', 'Last login', 'Waiting for a seat since', 'Invited until'], rows, { bom: true });
      return deliverFile(host, savedFiles, `roster-unmanaged-${domain ? domain.value.domain : 'all-domains'}.csv`, csv);
    },
  };
}
