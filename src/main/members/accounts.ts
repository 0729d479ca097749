import type { Actor } from '@shared/schemas/audit';
import { emailKey } from '@shared/schemas/email';
import type { AuditRepository } from '../audit/repository';
import type { AccountRow, MemberRepository } from './repository';

/**
 * The account for an address, created (and audited) when there is none; a
 * name is filled in when the account has none yet, never overwritten. Runs
 * inside the caller's transaction. The address must be normalised already.
 */
export function ensureAccount(
  deps: { members: MemberRepository; audit: AuditRepository },
  email: string,
  name: string,
  actor: Actor,
  at: Date,
  /** When the account came to be, if earlier than `at` (an imported sign-up). */
  createdAt: Date = at,
): AccountRow {
  const key = emailKey(email);
  const existing = deps.members.findAccountByKey(key);
  if (existing) {
    if (existing.name || !name) return existing;
    deps.members.renameAccount(existing.id, name, key);
    deps.audit.record(at, actor, { action: 'account.rename', targetType: 'account', targetId: existing.id, targetLabel: existing.email, before: { name: '' }, after: { name } });
    return { ...existing, name };
  }
  const account = deps.members.insertAccount({ email, key, name, at: createdAt.toISOString() });
  deps.audit.record(at, actor, { action: 'account.create', targetType: 'account', targetId: account.id, targetLabel: email, after: { email, name } });
  return account;
}
