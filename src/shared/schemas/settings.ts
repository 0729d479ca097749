import { z } from 'zod';
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from './invitations';

/** Enterprise settings kept in the database, with their defaults. */
export const enterpriseSettingsSchema = z.object({
  invitationExpiryDays: z.int(),
});
export type EnterpriseSettings = z.infer<typeof enterpriseSettingsSchema>;

export const defaultEnterpriseSettings: EnterpriseSettings = { invitationExpiryDays: DEFAULT_EXPIRY_DAYS };

export const expiryDaysSchema = z
  .int({ error: 'Expiry must be a whole number of days' })
  .min(1, { error: 'Invitations must last at least 1 day' })
  .max(MAX_EXPIRY_DAYS, { error: `Invitations can last at most ${MAX_EXPIRY_DAYS} days` });

export const updateSettingsInput = z.strictObject({
  invitationExpiryDays: expiryDaysSchema.optional(),
});
export type UpdateSettingsInput = z.output<typeof updateSettingsInput>;
