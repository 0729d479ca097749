import { randomBytes } from 'node:crypto';
import type { Actor } from '@shared/schemas/audit';
import type { DnsOutcome, Domain, DomainCheck, UnmanagedInput } from '@shared/schemas/domains';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { SettingsService } from '../settings/service';
import type { TeamRepository } from '../teams/repository';
import { lookupTxt, parseDnsServer, type TxtLookup } from './dns';
import { displayDomain, normaliseDomain } from './normalise';
import type { DomainRepository, DomainRow } from './repository';
import { challengeName, describeLookup, expectedRecord, isVerified, provesLoss } from './verify';

export interface DomainServiceDeps {
  db: Db;
  domains: DomainRepository;
  teams: TeamRepository;
  settings: SettingsService;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  now: () => Date;
  /** How long one DNS query may take. */
  dnsTimeoutMs?: number;
}

/** A token for the TXT record: 20 random bytes, lower-case base32, so DNS cannot mangle it. */
function newToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(20)].map((byte) => alphabet[byte % 32]).join('');
}

/** Domains: claimed, proven by DNS, then capturing new accounts or locking them out. */
export function createDomainService({ db, domains, teams, settings, enterprise, audit, now, dnsTimeoutMs = 3000 }: DomainServiceDeps) {
  function toDomain(row: DomainRow, counts = domains.counts()): Domain {
    return {
      id: row.id,
      domain: row.domain,
      display: displayDomain(row.domain),
      verified: row.verifiedAt !== null,
      verifiedAt: row.verifiedAt,
      verifiedBy: row.verifiedBy,
      record: { name: challengeName(row.domain), value: expectedRecord(row.token) },
      lastCheck: row.lastCheck,
      capture: row.capture,
      lock: row.lock,
      includeSubdomains: row.includeSubdomains,
      defaultTeam: row.defaultTeam,
      unmanagedCount: counts.get(row.id)?.unmanaged ?? 0,
      waitingCount: counts.get(row.id)?.waiting ?? 0,
      createdAt: row.createdAt,
    };
  }

  function findDomain(id: number): Result<DomainRow> {
    const required = enterprise.require();
    if (!required.ok) return required;
    const row = domains.find(id);
    return row ? ok(row) : fail('NOT_FOUND', `There is no domain with id ${id}; it may have been removed meanwhile.`);
  }

  /** Capture and lock act on new accounts, so they need the domain proven first. */
  function setGuardedSwitch(which: 'capture' | 'lock', id: number, on: boolean, actor: Actor): Result<Domain> {
    return inWriteTransaction(db, () => {
      const found = findDomain(id);
      if (!found.ok) return found;
      const row = found.value;
      const label = which === 'capture' ? 'Domain capture' : 'Domain lock';
      if (on && !row.verifiedAt) {
        return fail<Domain>('FORBIDDEN', `${label} needs a verified domain: verify ${displayDomain(row.domain)} by DNS first.`);
      }
      if (row[which] !== on) {
        const at = now();
        domains.setSwitch(id, which, on, at.toISOString());
        audit.record(at, actor, { action: `domain.${which}`, targetType: 'domain', targetId: id, targetLabel: row.domain, before: { [which]: row[which] }, after: { [which]: on } });
      }
      return ok(toDomain(domains.find(id)!));
    });
  }

  /** Which switches a lost record turned off, as a sentence, or nothing when both were off. */
  function switchedOff(row: DomainRow): string {
    if (row.capture && row.lock) return ' Domain capture and lock were switched off.';
    if (row.capture) return ' Domain capture was switched off.';
    if (row.lock) return ' Domain lock was switched off.';
    return '';
  }

  /**
   * Keeps a check's outcome: verifies the domain, or notices it lost its record
   * (capture and lock go off), audited. `checked` is the domain as it was when
   * the lookup began: a DNS check takes time, and meanwhile the domain may have
   * been removed and its id given to another, or removed and added again with a
   * new token. The result is saved only onto that same domain and token.
   */
  function recordCheck(checked: DomainRow, check: Omit<DomainCheck, 'at' | 'servers'>, by: 'dns' | 'parent', servers: string[], actor: Actor): Result<Domain> {
    return inWriteTransaction(db, () => {
      const { id, domain: label } = checked;
      const current = domains.find(id);
      if (!current || current.domain !== checked.domain || current.token !== checked.token) {
        return fail<Domain>('NOT_FOUND', `${displayDomain(label)} was removed or changed while it was being checked; nothing was saved.`);
      }
      const at = now();
      const iso = at.toISOString();
      const record: DomainCheck = { at: iso, ...check, servers };
      if (isVerified(record)) {
        if (!current.verifiedAt) {
          domains.setVerified(id, by, iso);
          audit.record(at, actor, { action: 'domain.verify', targetType: 'domain', targetId: id, targetLabel: label, after: { verifiedBy: by, found: record.found } });
        } else if (current.verifiedBy !== by) {
          // Still verified since the same day, now by its own record or by its parent's.
          domains.setVerifiedBy(id, by, iso);
          audit.record(at, actor, { action: 'domain.verify', targetType: 'domain', targetId: id, targetLabel: label, before: { verifiedBy: current.verifiedBy }, after: { verifiedBy: by, found: record.found } });
        }
      } else if (current.verifiedAt && !provesLoss(record)) {
        record.message = `${record.message} The domain stays verified: a failed lookup does not show the record is gone.`;
      } else if (current.verifiedAt) {
        record.message = `${record.message} The domain is no longer verified.${switchedOff(current)}`;
        domains.clearVerified(id, iso);
        audit.record(at, actor, {
          action: 'domain.unverify',
          targetType: 'domain',
          targetId: id,
          targetLabel: label,
          before: { verified: true, capture: current.capture, lock: current.lock },
          after: { verified: false, capture: false, lock: false, outcome: record.outcome },
        });
      }
      domains.setCheck(id, record);
      return ok(toDomain(domains.find(id)!));
    });
  }

  return {
    list(): Result<Domain[]> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const counts = domains.counts();
      return ok(domains.list().map((row) => toDomain(row, counts)));
    },

    get(id: number): Result<Domain> {
      const found = findDomain(id);
      return found.ok ? ok(toDomain(found.value)) : found;
    },

    find(text: string): Result<Domain> {
      const required = enterprise.require();
      if (!required.ok) return required;
      const normalised = normaliseDomain(text);
      const row = normalised.ok ? domains.findByName(normalised.domain) : null;
      return row ? ok(toDomain(row)) : fail('NOT_FOUND', `${text.trim()} is not one of the enterprise's domains.`);
    },

    add(text: string, actor: Actor): Result<Domain> {
      const normalised = normaliseDomain(text);
      if (!normalised.ok) return fail('INVALID_INPUT', normalised.problem, [{ path: 'domain', message: normalised.problem }]);
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        if (domains.findByName(normalised.domain)) {
          return fail<Domain>('CONFLICT', `${normalised.display} is already one of the enterprise's domains.`, [{ path: 'domain', message: 'Already added' }]);
        }
        const at = now();
        const id = domains.insert({ domain: normalised.domain, token: newToken(), at: at.toISOString() });
        audit.record(at, actor, { action: 'domain.add', targetType: 'domain', targetId: id, targetLabel: normalised.domain, after: { domain: normalised.domain } });
        return ok(toDomain(domains.find(id)!));
      });
    },

    remove(id: number, actor: Actor): Result<{ id: number }> {
      return inWriteTransaction(db, () => {
        const found = findDomain(id);
        if (!found.ok) return found;
        const row = found.value;
        domains.remove(id);
        audit.record(now(), actor, {
          action: 'domain.remove',
          targetType: 'domain',
          targetId: id,
          targetLabel: row.domain,
          before: { domain: row.domain, verified: row.verifiedAt !== null, capture: row.capture, lock: row.lock },
        });
        return ok({ id });
      });
    },

    /**
     * Looks the record up in DNS and records what was found. A subdomain of a
     * verified domain is verified by its parent's record too. A domain that
     * was verified and no longer is loses capture and lock, audited.
     */
    async verify(id: number, actor: Actor, asked?: string[]): Promise<Result<Domain>> {
      const found = findDomain(id);
      if (!found.ok) return found;
      const row = found.value;
      const servers = asked ?? settings.current().dnsServers;
      const badServer = servers.find((server) => parseDnsServer(server) === null);
      if (badServer !== undefined) {
        return fail('INVALID_INPUT', `"${badServer}" is not a DNS server address: use an IP address, with a port after a colon if not 53.`);
      }

      const name = challengeName(row.domain);
      let check = describeLookup(name, expectedRecord(row.token), await lookupTxt(name, servers, dnsTimeoutMs), servers);
      let by: 'dns' | 'parent' = 'dns';
      if (!isVerified(check)) {
        // A parent whose DNS could not be asked proves nothing either way: if no
        // parent verifies it, that failure is the outcome, so that it cannot
        // unverify a subdomain its parent's record may well still prove.
        let unanswered: { parent: DomainRow; message: string; outcome: DnsOutcome } | null = null;
        for (const parent of domains.verifiedAncestors(row.domain)) {
          const parentName = challengeName(parent.domain);
          const parentCheck = describeLookup(parentName, expectedRecord(parent.token), await lookupTxt(parentName, servers, dnsTimeoutMs), servers);
          if (isVerified(parentCheck)) {
            check = { outcome: 'verified_by_parent', message: `Verified through ${displayDomain(parent.domain)}: ${parentCheck.message}`, found: parentCheck.found };
            by = 'parent';
            break;
          }
          if (!provesLoss(parentCheck)) unanswered ??= { parent, message: parentCheck.message, outcome: parentCheck.outcome };
        }
        if (unanswered && provesLoss(check)) {
          check = {
            outcome: unanswered.outcome,
            message: `${check.message} Its parent ${displayDomain(unanswered.parent.domain)} could not be checked: ${unanswered.message}`,
            found: check.found,
          };
        }
      }

      return recordCheck(row, check, by, servers, actor);
    },

    /**
     * Records what a TXT lookup made elsewhere found at the domain's own
     * record, just as verify() records a real one. For the demo generator,
     * whose made-up domains no DNS server knows; it is not on the contract, so
     * the app and the command line can only verify by DNS.
     */
    recordLookup(id: number, lookup: TxtLookup, actor: Actor): Result<Domain> {
      const found = findDomain(id);
      if (!found.ok) return found;
      const { domain, token } = found.value;
      return recordCheck(found.value, describeLookup(challengeName(domain), expectedRecord(token), lookup, []), 'dns', [], actor);
    },

    setCapture: (id: number, on: boolean, actor: Actor) => setGuardedSwitch('capture', id, on, actor),
    setLock: (id: number, on: boolean, actor: Actor) => setGuardedSwitch('lock', id, on, actor),

    setIncludeSubdomains(id: number, on: boolean, actor: Actor): Result<Domain> {
      return inWriteTransaction(db, () => {
        const found = findDomain(id);
        if (!found.ok) return found;
        if (found.value.includeSubdomains !== on) {
          const at = now();
          domains.setSwitch(id, 'include_subdomains', on, at.toISOString());
          audit.record(at, actor, { action: 'domain.subdomains', targetType: 'domain', targetId: id, targetLabel: found.value.domain, before: { includeSubdomains: !on }, after: { includeSubdomains: on } });
        }
        return ok(toDomain(domains.find(id)!));
      });
    },

    /** The team captured accounts join. Not a team from the identity provider: SCIM alone sets their members. */
    setDefaultTeam(id: number, teamId: number | null, actor: Actor): Result<Domain> {
      return inWriteTransaction(db, () => {
        const found = findDomain(id);
        if (!found.ok) return found;
        const team = teamId === null ? null : teams.find(teamId);
        if (teamId !== null && !team) return fail<Domain>('NOT_FOUND', `No team has the id ${teamId}; it may have been deleted meanwhile.`);
        if (team?.source === 'scim') {
          return fail<Domain>('FORBIDDEN', `${team.name} is managed by your identity provider: its members are set there, so captured accounts cannot join it.`);
        }
        if ((found.value.defaultTeam?.id ?? null) === teamId) return ok(toDomain(found.value));
        const at = now();
        domains.setDefaultTeam(id, teamId, at.toISOString());
        audit.record(at, actor, {
          action: 'domain.team',
          targetType: 'domain',
          targetId: id,
          targetLabel: found.value.domain,
          before: { defaultTeam: found.value.defaultTeam?.name ?? null },
          after: { defaultTeam: team?.name ?? null },
        });
        return ok(toDomain(domains.find(id)!));
      });
    },

    /** Whether the account is on a verified domain and holds no seat. */
    isUnmanaged: (accountId: number): boolean => domains.unmanagedDomainOf(accountId) !== null,

    unmanaged(input: UnmanagedInput) {
      const required = enterprise.require();
      return required.ok ? ok(domains.unmanaged(input, now().toISOString())) : required;
    },
  };
}

export type DomainService = ReturnType<typeof createDomainService>;
