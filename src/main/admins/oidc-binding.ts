import type { Admin } from '@shared/schemas/admins';
import { emailKey, normaliseEmail } from '@shared/schemas/email';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { AdminRepository, AdminRow } from './repository';

/** Who the identity provider says signed in: from its ID token (and userinfo), already validated. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The email claim as sent, or null when there was none. */
  email: string | null;
  /** The email_verified claim: true only when the provider says so, null when it does not say. */
  emailVerified: boolean | null;
}

/** Why the binding rule refused a sign-in (the sign-in page's codes, SIGN_IN_ERRORS). */
export type OidcRefusal = 'unknown_admin' | 'unverified_email';

export type OidcSignIn =
  | { ok: true; admin: Admin; bound: boolean }
  /** `detail` says why for the log and the audit event (never shown to the person, who gets the code's sentence). */
  | { ok: false; reason: OidcRefusal; detail: string; adminId: number | null };

export interface OidcBindingDeps {
  db: Db;
  admins: AdminRepository;
  audit: AuditRepository;
  /** Whether an address's domain is, or is under, one of the enterprise's verified domains. */
  onVerifiedDomain: (emailDomain: string) => boolean;
  now: () => Date;
}

const toAdmin = (row: AdminRow): Admin => ({ id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at });

/**
 * The binding rule for signing in with the enterprise's identity provider
 * (docs/SERVER.md, "Signing in with your identity provider"):
 *
 * - An admin bound to this issuer and subject is who signed in, whatever the
 *   email claim says now (addresses change and are reused; iss + sub are not).
 * - Otherwise the first sign-in binds the admin the email claim names, only
 *   when that admin is live, not bound to another subject of this same issuer,
 *   and the address is verified: email_verified is true, or its domain is one
 *   of the enterprise's verified domains. Some providers let a person type any
 *   address into their profile without proving it, so an unverified claim on a
 *   domain the enterprise has not proven would let anyone become any admin.
 * - Anyone else is refused, and no admin is ever created here.
 *
 * A binding to another issuer (the enterprise moved providers) does not stop
 * a first sign-in with this one, which replaces it.
 */
export function createOidcBinding({ db, admins, audit, onVerifiedDomain, now }: OidcBindingDeps) {
  return {
    signIn(identity: OidcIdentity): OidcSignIn {
      return inWriteTransaction(db, (): OidcSignIn => {
        const bound = admins.liveAdminByIdentity(identity.issuer, identity.subject);
        if (bound) return { ok: true, admin: toAdmin(bound), bound: false };

        const email = identity.email === null ? null : normaliseEmail(identity.email);
        if (email === null) {
          const detail = identity.email === null ? 'the identity provider sent no email claim' : `the email claim "${identity.email}" is not an address`;
          return { ok: false, reason: 'unknown_admin', detail, adminId: null };
        }
        const row = admins.liveAdminByKey(emailKey(email));
        if (!row) return { ok: false, reason: 'unknown_admin', detail: `${email} is not an admin`, adminId: null };
        const current = admins.identityOf(row.id);
        if (current?.issuer === identity.issuer && current.subject !== null) {
          return { ok: false, reason: 'unknown_admin', detail: `${row.email} is bound to another account of this identity provider`, adminId: row.id };
        }
        const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
        if (identity.emailVerified !== true && !onVerifiedDomain(domain)) {
          return { ok: false, reason: 'unverified_email', detail: `the provider has not verified ${email}, and ${domain} is not a verified domain`, adminId: row.id };
        }

        const at = now();
        admins.bindIdentity(row.id, identity.issuer, identity.subject);
        // The admin binds themselves by signing in; their session's sign-in event follows.
        audit.record(at, { type: 'app', name: row.email, admin: row.email }, {
          action: 'admin.bind',
          targetType: 'admin',
          targetId: row.id,
          targetLabel: row.email,
          before: current?.subject ? { issuer: current.issuer, subject: current.subject } : null,
          after: { issuer: identity.issuer, subject: identity.subject, verifiedBy: identity.emailVerified === true ? 'email_verified' : 'domain' },
          subject: row.email,
        });
        return { ok: true, admin: toAdmin(row), bound: true };
      });
    },
  };
}

export type OidcBinding = ReturnType<typeof createOidcBinding>;
