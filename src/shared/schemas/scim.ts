import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { nameSchema } from './names';

export const tokenNameSchema = nameSchema('Token name');
export const MAX_TOKEN_DAYS = 3650;
/** A token that expires within this many days is "expiring soon". */
export const EXPIRING_SOON_DAYS = 7;

export const tokenStatuses = ['valid', 'expiringSoon', 'expired', 'revoked'] as const;
export type TokenStatus = (typeof tokenStatuses)[number];

export const scimTokenSchema = z.object({
  id: z.int(),
  name: z.string(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
  status: z.enum(tokenStatuses),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

export const createTokenInput = z.strictObject({
  name: tokenNameSchema,
  /** Days until it expires; absent: never. */
  expiresInDays: z
    .int({ error: 'Expiry must be a whole number of days' })
    .min(1, { error: 'A token must last at least 1 day' })
    .max(MAX_TOKEN_DAYS, { error: `A token can last at most ${MAX_TOKEN_DAYS} days` })
    .optional(),
});
export type CreateTokenInput = z.output<typeof createTokenInput>;

/** The token itself travels once, in this answer; Roster keeps only its hash. */
export const createdTokenSchema = z.object({ token: scimTokenSchema, secret: z.string() });

export const tokenIdInput = z.strictObject({ id: idSchema });

/** One request the identity provider made. */
export const scimRequestSchema = z.object({
  id: z.int(),
  at: timestampSchema,
  tokenName: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.int(),
  durationMs: z.number(),
  detail: z.string().nullable(),
});
export type ScimRequest = z.infer<typeof scimRequestSchema>;

export const scimRequestOutcomes = ['all', 'ok', 'failed'] as const;

export const scimRequestsInput = z
  .strictObject({
    search: z.string({ error: 'Search must be text' }).max(200, { error: 'Search is at most 200 characters' }).default(''),
    outcome: z.enum(scimRequestOutcomes).default('all'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    offset: z.int().min(0).default(0),
    limit: z.int().min(1).max(500).default(50),
  })
  .prefault({});
export type ScimRequestsInput = z.output<typeof scimRequestsInput>;

export const scimRequestPageSchema = z.object({ rows: z.array(scimRequestSchema), total: z.int() });

/** The SCIM server this app runs: off, or listening at a base URL. */
export const scimServerStatusSchema = z.object({
  running: z.boolean(),
  /** The base URL to paste into the identity provider, e.g. http://127.0.0.1:8787/scim/v2. */
  baseUrl: z.string().nullable(),
  host: z.string(),
  port: z.int(),
});
export type ScimServerStatus = z.infer<typeof scimServerStatusSchema>;

export const DEFAULT_SCIM_HOST = '127.0.0.1';
export const DEFAULT_SCIM_PORT = 8787;

export const startScimInput = z
  .strictObject({
    port: z.int({ error: 'The port must be a whole number' }).min(0, { error: 'The port is 0 (any free one) to 65535' }).max(65535, { error: 'The port is 0 (any free one) to 65535' }).default(DEFAULT_SCIM_PORT),
  })
  .prefault({});
