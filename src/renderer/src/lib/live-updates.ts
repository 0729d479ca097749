import type { ChangeArea } from '@shared/ipc/contract';
import { api } from './api';
import { useAccessStore } from '../stores/access-store';
import { useAppStore } from '../stores/app-store';
import { useBackupsStore } from '../stores/backups-store';
import { useAuditStore } from '../stores/audit-store';
import { useDomainDetailStore } from '../stores/domain-detail-store';
import { useDomainsStore } from '../stores/domains-store';
import { useLicensesStore } from '../stores/licenses-store';
import { useOrgDetailStore } from '../stores/org-detail-store';
import { useOrgsStore } from '../stores/orgs-store';
import { useReportStore } from '../stores/report-store';
import { useScimStore } from '../stores/scim-store';
import { useSettingsStore } from '../stores/settings-store';
import { useTeamDetailStore } from '../stores/team-detail-store';
import { useTeamsStore } from '../stores/teams-store';
import { useUnmanagedStore } from '../stores/unmanaged-store';
import { useUnmanagedTotalsStore } from '../stores/unmanaged-totals-store';

const touches = (areas: ChangeArea[], ...wanted: ChangeArea[]) => areas.includes('*') || wanted.some((area) => areas.includes(area));

/**
 * Reloads what a change touched, whoever made it: this window, another window,
 * the command line or a SCIM server writing to the same file. Stores that were
 * never opened stay idle.
 */
export function followChanges(): () => void {
  return api.on('changed', ({ areas }) => {
    if (touches(areas, 'enterprise')) void useAppStore.getState().load();
    if (touches(areas, 'orgs', 'seats', 'teams') && useOrgsStore.getState().status !== 'idle') void useOrgsStore.getState().load();
    if (touches(areas, 'seats', 'orgs', 'teams') && useLicensesStore.getState().status !== 'idle') void useLicensesStore.getState().load();
    if (touches(areas, 'orgs', 'seats') && useOrgDetailStore.getState().status !== 'idle') void useOrgDetailStore.getState().reload();
    if (touches(areas, 'settings', 'seats', 'enterprise') && useSettingsStore.getState().status !== 'idle') void useSettingsStore.getState().load();
    // The Teams list shows each team's organizations: renaming or deleting one changes it.
    if (touches(areas, 'teams', 'orgs') && useTeamsStore.getState().status !== 'idle') void useTeamsStore.getState().load();
    if (touches(areas, 'teams', 'orgs', 'seats') && useTeamDetailStore.getState().status !== 'idle') void useTeamDetailStore.getState().reload();
    if (touches(areas, 'teams', 'orgs', 'seats')) void useAccessStore.getState().reload();
    // Unmanaged counts and lists change with seats too: an account claimed, a member removed.
    if (touches(areas, 'domains', 'seats') && useDomainsStore.getState().status !== 'idle') void useDomainsStore.getState().load();
    if (touches(areas, 'domains', 'seats', 'teams') && useDomainDetailStore.getState().status !== 'idle') void useDomainDetailStore.getState().reload();
    if (touches(areas, 'domains', 'seats') && useUnmanagedStore.getState().status !== 'idle') void useUnmanagedStore.getState().load();
    if (touches(areas, 'domains', 'seats') && useUnmanagedTotalsStore.getState().status !== 'idle') void useUnmanagedTotalsStore.getState().load();
    // The report lists members with their teams and organizations, under the rule in Settings.
    if (touches(areas, 'activity', 'seats', 'teams', 'orgs', 'settings') && useReportStore.getState().status !== 'idle') void useReportStore.getState().load();
    // A SCIM write announces the areas it changed, not 'scim': its request is in the log all the same.
    if (touches(areas, 'scim', 'seats', 'teams', 'orgs') && useScimStore.getState().status !== 'idle') void useScimStore.getState().load();
    // A daily backup announces 'backups'; the keep setting is a setting.
    if (touches(areas, 'backups', 'settings') && useBackupsStore.getState().status !== 'idle') void useBackupsStore.getState().load();
    // Every change is audited, whatever area it touched.
    if (areas.length > 0 && useAuditStore.getState().status !== 'idle') void useAuditStore.getState().load();
  });
}
