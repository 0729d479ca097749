import { z } from 'zod';
import { idSchema, offsetSchema, timestampSchema } from './common';

/** What a DNS check found, named for a person: "verified", "no record" ... */
export const dnsOutcomes = ['verified', 'verified_by_parent', 'no_record', 'wrong_record', 'nxdomain', 'servfail', 'timeout', 'dns_error'] as const;
export type DnsOutcome = (typeof dnsOutcomes)[number];

export const domainCheckSchema = z.object({
  at: timestampSchema,
  outcome: z.enum(dnsOutcomes),
  /** One sentence that says exactly what was found. */
  message: z.string(),
  /** The TXT records found at the challenge name, if any. */
  found: z.array(z.string()),
  /** The DNS servers asked; empty for the system's resolver. */
  servers: z.array(z.string()),
});
export type DomainCheck = z.infer<typeof domainCheckSchema>;

export const domainSchema = z.object({
  id: z.int().positive(),
  /** Lower case, ASCII: an internationalised name as punycode. */
  domain: z.string(),
  /** The same name as people write it (Unicode). */
  display: z.string(),
  verified: z.boolean(),
  verifiedAt: timestampSchema.nullable(),
  verifiedBy: z.enum(['dns', 'parent']).nullable(),
  /** The TXT record to create, ready to copy. */
  record: z.object({ name: z.string(), value: z.string() }),
  lastCheck: domainCheckSchema.nullable(),
  capture: z.boolean(),
  lock: z.boolean(),
  includeSubdomains: z.boolean(),
  defaultTeam: z.object({ id: z.int(), name: z.string() }).nullable(),
  unmanagedCount: z.int(),
  waitingCount: z.int(),
  createdAt: timestampSchema,
});
export type Domain = z.infer<typeof domainSchema>;

export const addDomainInput = z.strictObject({
  domain: z.string({ error: 'Domain must be text' }).trim().min(1, { error: 'Domain is required' }).max(253, { error: 'Domain must be at most 253 characters' }),
});
export const domainIdInput = z.strictObject({ id: idSchema });
export const findDomainInput = z.strictObject({ domain: z.string({ error: 'Domain must be text' }).max(300, { error: 'Domain is far too long' }) });

/** Verification may ask particular DNS servers ("host" or "host:port") instead of those in Settings. */
export const verifyDomainInput = z.strictObject({
  id: idSchema,
  servers: z.array(z.string().max(300)).max(5, { error: 'At most 5 DNS servers' }).optional(),
});

export const setDomainSwitchInput = z.strictObject({
  id: idSchema,
  on: z.boolean({ error: 'Say on (true) or off (false)' }),
});

export const setDefaultTeamInput = z.strictObject({ id: idSchema, teamId: idSchema.nullable() });

export const unmanagedAccountSchema = z.object({
  accountId: z.int(),
  email: z.string(),
  name: z.string(),
  /** The domain the account is on (the one it waits on, else the most specific): lower case, punycode. */
  domain: z.string(),
  /** The same domain as people write it (Unicode). */
  display: z.string(),
  createdAt: timestampSchema,
  lastLoginAt: timestampSchema.nullable(),
  /** Waiting for a seat since (domain capture found none free). */
  waitingSince: timestampSchema.nullable(),
  invitedUntil: timestampSchema.nullable(),
});
export type UnmanagedAccount = z.infer<typeof unmanagedAccountSchema>;

/** Accounts on verified domains that hold no seat: for one domain, or all of them. */
export const unmanagedInput = z.strictObject({
  domainId: idSchema.optional(),
  waitingOnly: z.boolean().default(false),
  search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
  offset: offsetSchema,
  limit: z.int({ error: 'Limit must be a whole number' }).min(1, { error: 'Limit must be at least 1' }).max(500, { error: 'Limit is at most 500' }).default(100),
});
export type UnmanagedInput = z.output<typeof unmanagedInput>;
export const unmanagedPageSchema = z.object({ rows: z.array(unmanagedAccountSchema), total: z.int() });

/** Bulk actions on unmanaged accounts: invite them, or claim them (make them members now, seats permitting). */
export const claimAccountsInput = z.strictObject({
  accountIds: z.array(idSchema).min(1, { error: 'Choose at least one account' }).max(10_000, { error: 'At most 10,000 at once' }),
});

export const inviteControlModes = ['any', 'verified', 'list'] as const;
export type InviteControlMode = (typeof inviteControlModes)[number];
