import type { Actor } from '@shared/schemas/audit';
import { defaultEnterpriseSettings, settingSchemas, type EnterpriseSettings, type SettingsView, type SettingVersions, type UpdateSettingsInput } from '@shared/schemas/settings';
import { fail, ok, type Result } from '@shared/result';
import type { LatestChange } from '../audit/latest-change';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import { normaliseDomain } from '../domains/normalise';
import type { EnterpriseService } from '../enterprise/service';
import type { SettingsRepository } from './repository';
import { staleSetting } from './stale';

export interface SettingsServiceDeps {
  db: Db;
  settings: SettingsRepository;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  latest: LatestChange;
  now: () => Date;
}

type Key = keyof EnterpriseSettings;
const KEYS = Object.keys(settingSchemas) as Key[];

/** Enterprise settings: stored values over the defaults; a stored value that no longer passes its rule falls back to the default. */
export function createSettingsService({ db, settings, enterprise, audit, latest, now }: SettingsServiceDeps) {
  const current = (): EnterpriseSettings => {
    const stored = settings.all();
    const read = <K extends Key>(key: K): EnterpriseSettings[K] => {
      const parsed = settingSchemas[key].safeParse(stored[key]);
      return parsed.success ? (parsed.data as EnterpriseSettings[K]) : defaultEnterpriseSettings[key];
    };
    return Object.fromEntries(KEYS.map((key) => [key, read(key)])) as EnterpriseSettings;
  };

  /** Each setting's version: 0 for one never stored (docs/RULES.md, V6). */
  const versions = (): SettingVersions => {
    const stored = settings.versions();
    return Object.fromEntries(KEYS.map((key) => [key, stored[key] ?? 0])) as SettingVersions;
  };
  const view = (): SettingsView => ({ ...current(), versions: versions() });

  return {
    current,

    get(): Result<SettingsView> {
      return ok(view());
    },

    /**
     * Saves the settings given. A setting given with the version the page
     * showed, which has changed since, refuses the whole update (STALE, nothing
     * saved); other settings' versions are not looked at, so two admins saving
     * two different settings never refuse each other.
     */
    update(given: UpdateSettingsInput, actor: Actor): Result<SettingsView> {
      const normalised = normaliseInviteDomains(given);
      if (!normalised.ok) return normalised;
      const input = normalised.value;
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const stored = versions();
        const stale = KEYS.find((key) => input[key] !== undefined && input.versions?.[key] !== undefined && input.versions[key] !== stored[key]);
        if (stale) return staleSetting(latest, stale, actor, now());
        const before = current();
        const changed = KEYS.filter((key) => input[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(input[key]));
        if (changed.length === 0) return ok(view());
        for (const key of changed) settings.set(key, input[key]);
        audit.record(now(), actor, {
          action: 'settings.update',
          targetType: 'settings',
          targetLabel: changed.join(', '),
          before: Object.fromEntries(changed.map((key) => [key, before[key]])),
          after: Object.fromEntries(changed.map((key) => [key, input[key]])),
        });
        return ok(view());
      });
    },
  };
}

/**
 * The invite-control list holds domains as the domains screen does: lower
 * case, punycode, never a public suffix, each once; an entry that is not a
 * domain is refused by name, so a Unicode or mistyped entry never silently
 * matches nothing.
 */
function normaliseInviteDomains(input: UpdateSettingsInput): Result<UpdateSettingsInput> {
  if (!input.inviteControl) return ok(input);
  const domains: string[] = [];
  for (const [index, entry] of input.inviteControl.domains.entries()) {
    const domain = normaliseDomain(entry, 'listed');
    if (!domain.ok) {
      const message = `Invite control: ${domain.problem}`;
      return fail('INVALID_INPUT', message, [{ path: `inviteControl.domains.${index}`, message: domain.problem }]);
    }
    if (!domains.includes(domain.domain)) domains.push(domain.domain);
  }
  return ok({ ...input, inviteControl: { ...input.inviteControl, domains } });
}

export type SettingsService = ReturnType<typeof createSettingsService>;
