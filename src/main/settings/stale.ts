import type { Actor } from '@shared/schemas/audit';
import type { EnterpriseSettings } from '@shared/schemas/settings';
import type { Result } from '@shared/result';
import { staleEdit, type LatestChange } from '../audit/latest-change';

type Key = keyof EnterpriseSettings;

/** Each setting as a sentence names it, with what its new value says after "changed … to". */
const SETTING_SAID: { [K in Key]: { name: string; value: (value: unknown) => string | null } } = {
  invitationExpiryDays: { name: 'the invitation expiry', value: (days) => `${String(days)} days` },
  dnsServers: {
    name: 'the DNS servers',
    value: (servers) => (Array.isArray(servers) && servers.length > 0 ? servers.join(', ') : "the system's resolver"),
  },
  inviteControl: {
    name: 'the invite rule',
    value: (control) => {
      const { mode, domains } = (control ?? {}) as { mode?: string; domains?: string[] };
      if (mode === 'any') return 'any domain';
      if (mode === 'verified') return 'verified domains only';
      return domains && domains.length > 0 ? `${domains.join(', ')} only` : 'no domain at all';
    },
  },
  reportRule: { name: "the activity report's rule", value: () => null },
  auditRetentionDays: { name: "the audit log's retention", value: (days) => (days === null ? 'for ever' : `${String(days)} days`) },
  backupKeep: { name: 'the number of backups kept', value: (keep) => String(keep) },
};

/** The refusal of a setting saved from a page that showed an older version of it (docs/RULES.md, V6). */
export function staleSetting(latest: LatestChange, key: Key, caller: Actor, now: Date): Result<never> {
  const said = SETTING_SAID[key];
  const event = latest.ofSetting(key);
  if (!event) return staleEdit(null, now, capitalise(said.name), said.name);
  const value = said.value((event.after as Record<string, unknown>)[key]);
  const what = value === null ? `changed ${said.name}` : `changed ${said.name} to ${value}`;
  return staleEdit({ who: latest.who(event.actor, caller), what, at: event.at }, now, capitalise(said.name), said.name);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
