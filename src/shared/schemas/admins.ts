import { z } from 'zod';
import { emailSchema } from './email';
import { nameSchema } from './names';

/**
 * A Roster server's admins and their roles (docs/SERVER.md): an owner may do
 * everything, an admin reads and changes the enterprise's data, an auditor
 * only reads (exports included).
 */
export const adminRoles = ['owner', 'admin', 'auditor'] as const;
export type AdminRole = (typeof adminRoles)[number];

/** owner > admin > auditor: an API token's role is at most its admin's. */
export const ADMIN_ROLE_RANK: Record<AdminRole, number> = { owner: 3, admin: 2, auditor: 1 };

/** API tokens start with this, so one found in a log or a paste is recognisable. */
export const API_TOKEN_PREFIX = 'roster_api_';
export const DEFAULT_API_TOKEN_DAYS = 90;
export const MAX_API_TOKEN_DAYS = 3650;

export const adminRoleSchema = z.enum(adminRoles, { error: 'Choose a role: owner, admin or auditor' });

export const adminSchema = z.object({
  id: z.int(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(adminRoles),
  createdAt: z.string(),
});
export type Admin = z.infer<typeof adminSchema>;

export const apiTokenStatuses = ['valid', 'expired', 'revoked'] as const;
export type ApiTokenStatus = (typeof apiTokenStatuses)[number];

export const apiTokenSchema = z.object({
  id: z.int(),
  name: z.string(),
  adminEmail: z.string(),
  role: z.enum(adminRoles),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(apiTokenStatuses),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** A console password (break-glass sign-in): long rather than complicated, as NIST SP 800-63B asks. */
export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z
  .string({ error: 'The password must be text' })
  .min(MIN_PASSWORD_LENGTH, { error: `A password is at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(256, { error: 'A password is at most 256 characters' });

export const addAdminInput = z.strictObject({
  email: emailSchema,
  role: adminRoleSchema,
  name: nameSchema('The name').optional(),
  /** For signing in to the server's console; kept only as an argon2id hash. */
  password: passwordSchema.optional(),
});
export type AddAdminInput = z.input<typeof addAdminInput>;

export const createApiTokenInput = z.strictObject({
  email: emailSchema,
  name: nameSchema('The token name'),
  role: adminRoleSchema.optional(),
  expiresInDays: z
    .int({ error: 'Expiry must be a whole number of days' })
    .min(1, { error: 'A token lasts at least 1 day' })
    .max(MAX_API_TOKEN_DAYS, { error: `A token lasts at most ${MAX_API_TOKEN_DAYS} days` })
    .optional(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

/** An admin named by address to find them (any case); the service says when there is none. */
const adminAddress = z.string({ error: 'The address must be text' }).trim().min(1, { error: "Give the admin's address" }).max(320, { error: 'An address is at most 320 characters' });

export const setAdminRoleInput = z.strictObject({ email: adminAddress, role: adminRoleSchema });
export const removeAdminInput = z.strictObject({ email: adminAddress });
export const revokeApiTokenInput = z.strictObject({
  email: adminAddress,
  name: z.string({ error: 'The token name must be text' }).trim().min(1, { error: 'Give the token name' }).max(200, { error: 'A token name is at most 200 characters' }),
});

/** A removed admin, and the names of the tokens revoked with them. */
export const removedAdminSchema = adminSchema.extend({ revokedTokens: z.array(z.string()) });
/** A new API token: the secret is in this answer and nowhere else, ever. */
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export const revokedApiTokenSchema = apiTokenSchema.extend({ alreadyRevoked: z.boolean() });
