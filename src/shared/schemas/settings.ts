import { z } from 'zod';
import { auditRetentionSchema } from './audit';
import { versionSchema } from './common';
import { backupKeepSchema, DEFAULT_BACKUP_KEEP } from './backups';
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

/**
 * The report's Last Active rule (docs/RULES.md, A3): a member's last activity is shown
 * as its date up to `shownDays` days old, blank up to `blankDays`, "N/A"
 * after; a member whose last login was before `trackingSince` (when activity
 * began to be tracked) and who has not been active since shows that login's
 * date. The day-by-day activity is kept for `shownDays` days.
 */
export const reportRuleSchema = z
  .object({
    shownDays: z
      .int({ error: 'Days shown must be a whole number' })
      .min(1, { error: 'Days shown must be at least 1' })
      .max(3650, { error: 'Days shown can be at most 3650' }),
    blankDays: z
      .int({ error: 'Days left blank must be a whole number' })
      .min(1, { error: 'Days left blank must be at least 1' })
      .max(3650, { error: 'Days left blank can be at most 3650' }),
    trackingSince: z.iso.date({ error: 'The tracking start must be a date (YYYY-MM-DD)' }),
  })
  .refine((rule) => rule.blankDays >= rule.shownDays, {
    error: 'Days left blank must be at least the days shown (the blank span follows the shown one)',
    path: ['blankDays'],
  });
export type ReportRule = z.infer<typeof reportRuleSchema>;

export const DEFAULT_REPORT_RULE: ReportRule = { shownDays: 90, blankDays: 100, trackingSince: '2025-05-20' };

/** Enterprise settings kept in the database, with their defaults. */
export const enterpriseSettingsSchema = z.object({
  invitationExpiryDays: z.int(),
  dnsServers: z.array(z.string()),
  inviteControl: inviteControlSchema,
  reportRule: reportRuleSchema,
  /** Days of audit log kept; null: for ever. */
  auditRetentionDays: z.int().nullable(),
  /** Backups of each kind kept in the backups folder (the newest). */
  backupKeep: z.int(),
});
export type EnterpriseSettings = z.infer<typeof enterpriseSettingsSchema>;

export const defaultEnterpriseSettings: EnterpriseSettings = {
  invitationExpiryDays: DEFAULT_EXPIRY_DAYS,
  dnsServers: [],
  inviteControl: { mode: 'any', domains: [] },
  reportRule: DEFAULT_REPORT_RULE,
  auditRetentionDays: null,
  backupKeep: DEFAULT_BACKUP_KEEP,
};

/** Each setting's rule, which both the update and the stored value must pass. */
export const settingSchemas = {
  invitationExpiryDays: expiryDaysSchema,
  dnsServers: dnsServersSchema,
  inviteControl: inviteControlSchema,
  reportRule: reportRuleSchema,
  auditRetentionDays: auditRetentionSchema,
  backupKeep: backupKeepSchema,
} satisfies { [K in keyof EnterpriseSettings]: z.ZodType };

/**
 * Each setting's version (docs/RULES.md, V6): it goes up by one each time that
 * setting changes; 0 while it has never been set (its default applies). One a
 * setting, not one for all, so two admins changing two different settings from
 * pages opened at the same time are no conflict.
 */
export const settingVersionsSchema = z.object({
  invitationExpiryDays: z.int(),
  dnsServers: z.int(),
  inviteControl: z.int(),
  reportRule: z.int(),
  auditRetentionDays: z.int(),
  backupKeep: z.int(),
}) satisfies z.ZodType<{ [K in keyof EnterpriseSettings]: number }>;
export type SettingVersions = z.infer<typeof settingVersionsSchema>;

/** The settings as settings:get and settings:update answer them: the values and the version of each. */
export const settingsViewSchema = enterpriseSettingsSchema.extend({ versions: settingVersionsSchema });
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const updateSettingsInput = z.strictObject({
  invitationExpiryDays: expiryDaysSchema.optional(),
  dnsServers: dnsServersSchema.optional(),
  inviteControl: inviteControlSchema.optional(),
  reportRule: reportRuleSchema.optional(),
  auditRetentionDays: auditRetentionSchema.optional(),
  backupKeep: backupKeepSchema.optional(),
  /**
   * The versions the page showed, for the settings it changes: a setting given
   * here that has changed since is refused (STALE) and nothing is saved; a
   * setting left out of it applies whatever its version (the command line).
   */
  versions: z
    .strictObject({
      invitationExpiryDays: versionSchema.optional(),
      dnsServers: versionSchema.optional(),
      inviteControl: versionSchema.optional(),
      reportRule: versionSchema.optional(),
      auditRetentionDays: versionSchema.optional(),
      backupKeep: versionSchema.optional(),
    })
    .optional(),
});
export type UpdateSettingsInput = z.output<typeof updateSettingsInput>;
