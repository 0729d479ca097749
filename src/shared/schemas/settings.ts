import { z } from 'zod';
import { inviteControlModes } from './domains';
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from './invitations';

export const expiryDaysSchema = z
  .int({ error: 'Expiry must be a whole number of days' })
  .min(1, { error: 'Invitations must last at least 1 day' })
  .max(MAX_EXPIRY_DAYS, { error: `Invitations can last at most ${MAX_EXPIRY_DAYS} days` });

/** DNS servers to verify domains with: IP addresses, with a port after a colon (IPv6 in brackets). Empty: the system's resolver. */
export const dnsServersSchema = z
  .array(
    z
      .string({ error: 'A DNS server must be text' })
      .trim()
      .regex(/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-fA-F:.]+\](:\d{1,5})?)$/, {
        error: 'A DNS server is an IP address, with a port after a colon if not 53 (for example 1.1.1.1 or 127.0.0.1:5353)',
      }),
  )
  .max(5, { error: 'At most 5 DNS servers' });

/** Where invitations may go: anywhere, to verified domains only, or to a list of domains. */
export const inviteControlSchema = z.object({
  mode: z.enum(inviteControlModes, { error: 'Choose "any", "verified" or "list"' }),
  domains: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(500, { error: 'At most 500 domains' }),
});
export type InviteControl = z.infer<typeof inviteControlSchema>;

/** Enterprise settings kept in the database, with their defaults. */
export const enterpriseSettingsSchema = z.object({
  invitationExpiryDays: z.int(),
  dnsServers: z.array(z.string()),
  inviteControl: inviteControlSchema,
});
export type EnterpriseSettings = z.infer<typeof enterpriseSettingsSchema>;

export const defaultEnterpriseSettings: EnterpriseSettings = {
  invitationExpiryDays: DEFAULT_EXPIRY_DAYS,
  dnsServers: [],
  inviteControl: { mode: 'any', domains: [] },
};

/** Each setting's rule, which both the update and the stored value must pass. */
export const settingSchemas = {
  invitationExpiryDays: expiryDaysSchema,
  dnsServers: dnsServersSchema,
  inviteControl: inviteControlSchema,
} satisfies { [K in keyof EnterpriseSettings]: z.ZodType };

export const updateSettingsInput = z.strictObject({
  invitationExpiryDays: expiryDaysSchema.optional(),
  dnsServers: dnsServersSchema.optional(),
  inviteControl: inviteControlSchema.optional(),
});
export type UpdateSettingsInput = z.output<typeof updateSettingsInput>;
