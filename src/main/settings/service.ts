import type { Actor } from '@shared/schemas/audit';
import { defaultEnterpriseSettings, type EnterpriseSettings, type UpdateSettingsInput } from '@shared/schemas/settings';
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

/** Enterprise settings: stored values over the defaults. */
export function createSettingsService({ db, settings, enterprise, audit, now }: SettingsServiceDeps) {
  const current = (): EnterpriseSettings => {
    const stored = settings.all();
    return {
      invitationExpiryDays:
        typeof stored.invitationExpiryDays === 'number' ? stored.invitationExpiryDays : defaultEnterpriseSettings.invitationExpiryDays,
    };
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
        const changed = Object.entries(input).filter(([key, value]) => value !== undefined && before[key as keyof EnterpriseSettings] !== value);
        if (changed.length === 0) return ok(before);
        for (const [key, value] of changed) settings.set(key, value);
        const after = current();
        audit.record(now(), actor, {
          action: 'settings.update',
          targetType: 'settings',
          targetLabel: changed.map(([key]) => key).join(', '),
          before: Object.fromEntries(changed.map(([key]) => [key, before[key as keyof EnterpriseSettings]])),
          after: Object.fromEntries(changed),
        });
        return ok(after);
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
