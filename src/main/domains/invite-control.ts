import type { SettingsService } from '../settings/service';
import { displayDomain, isWithin } from './normalise';
import type { DomainRepository } from './repository';

/**
 * Invite control (Settings): invitations may go anywhere, to verified domains
 * only (or their subdomains), or to a list of domains. One rule for refusing
 * new invitations and for flagging seats that a newer rule would not allow.
 */
export function createInviteControl({ settings, domains }: { settings: SettingsService; domains: DomainRepository }) {
  return {
    /** Why an invitation to this address is not allowed, or null when it is. */
    refusal(email: string): string | null {
      const rule = settings.current().inviteControl;
      const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
      // Addresses and list entries are kept in punycode; people read the Unicode name.
      if (rule.mode === 'verified' && !domains.verifiedCovering(domain)) {
        return `Invitations go to verified domains only, and ${displayDomain(domain)} is not one of them. An admin can change this in Settings.`;
      }
      if (rule.mode === 'list' && !rule.domains.some((allowed) => isWithin(domain, allowed))) {
        const allowed = rule.domains.map(displayDomain).join(', ') || 'no domain yet';
        return `Invitations go only to ${allowed}, and ${displayDomain(domain)} is not among them. An admin can change this in Settings.`;
      }
      return null;
    },
  };
}

export type InviteControl = ReturnType<typeof createInviteControl>;
