import type { Actor } from '@shared/schemas/audit';
import { defaultEnterpriseSettings, settingSchemas, type EnterpriseSettings, type UpdateSettingsInput } from '@shared/schemas/settings';
import { ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { EnterpriseService } from '../enterprise/service';
import type { SettingsRepository } from './repository';

export interface SettingsServiceDeps {
  db: Db;
  settings: SettingsRepository;
  enterprise: EnterpriseService;
  audit: AuditRepository;
  now: () => Date;
}

type Key = keyof EnterpriseSettings;
const KEYS = Object.keys(settingSchemas) as Key[];

/** Enterprise settings: stored values over the defaults; a stored value that no longer passes its rule falls back to the default. */
export function createSettingsService({ db, settings, enterprise, audit, now }: SettingsServiceDeps) {
  const current = (): EnterpriseSettings => {
    const stored = settings.all();
    const read = <K extends Key>(key: K): EnterpriseSettings[K] => {
      const parsed = settingSchemas[key].safeParse(stored[key]);
      return parsed.success ? (parsed.data as EnterpriseSettings[K]) : defaultEnterpriseSettings[key];
    };
    return Object.fromEntries(KEYS.map((key) => [key, read(key)])) as EnterpriseSettings;
  };

  return {
    current,

    get(): Result<EnterpriseSettings> {
      return ok(current());
    },

    update(input: UpdateSettingsInput, actor: Actor): Result<EnterpriseSettings> {
      return inWriteTransaction(db, () => {
        const required = enterprise.require();
        if (!required.ok) return required;
        const before = current();
        const changed = KEYS.filter((key) => input[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(input[key]));
        if (changed.length === 0) return ok(before);
        for (const key of changed) settings.set(key, input[key]);
        audit.record(now(), actor, {
          action: 'settings.update',
          targetType: 'settings',
          targetLabel: changed.join(', '),
          before: Object.fromEntries(changed.map((key) => [key, before[key]])),
          after: Object.fromEntries(changed.map((key) => [key, input[key]])),
        });
        return ok(current());
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
