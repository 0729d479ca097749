import { seatCountSchema } from '@shared/schemas/enterprise';
import { expiryDaysSchema } from '@shared/schemas/settings';
import { countOf } from '@shared/text';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { useAppInfo, useEnterprise } from '../../data/app-queries';
import { EnterpriseNameSetting } from './EnterpriseNameSetting';
import { useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { isConsole } from '../../lib/api';
import { chooseDatabaseWithNotice } from '../../lib/app-actions';
import { useSubmit } from '../../lib/use-submit';
import { useNoticesStore } from '../../stores/notices-store';
import { AppearanceSettings } from './AppearanceSettings';
import { AuditChainSettings } from './AuditChainSettings';
import { BackupSettings } from './BackupSettings';
import { DatabaseCheck } from './DatabaseCheck';
import { DomainSettings } from './DomainSettings';
import { LogFileFacts } from './LogFileFacts';
import { NumberSetting } from './NumberSetting';
import { RecentDatabases } from './RecentDatabases';
import { ReportRuleSettings } from './ReportRuleSettings';

const MODE_LABEL = { electron: 'Desktop app', browser: 'Browser mode', cli: 'Command line' } as const;

const INVITE_RULE_SAVED = {
  any: () => 'Invitations may now go to any domain.',
  verified: () => 'Invitations may now go to verified domains only.',
  list: (domains: string[]) => (domains.length > 0 ? `Invitations may now go only to ${domains.join(', ')}.` : 'No invitation can be sent now: the list of domains is empty.'),
} as const;

export function SettingsScreen() {
  const info = useAppInfo();
  const enterprise = useEnterprise();
  const settings = useContractQuery('settings:get', undefined).data ?? null;
  const usage = useContractQuery('seats:usage', undefined).data ?? null;
  // Each setting's form shows its own refusal: these only carry the call. Each sends the version of the
  // setting it showed, so a change made elsewhere since is refused, not undone (docs/RULES.md, V6).
  const setSeatCount = useContractMutation('seats:set', { errors: 'inline' }).run;
  const update = useContractMutation('settings:update', { errors: 'inline' }).run;
  // What this admin may change (in the server's console, by role); the rest is shown, read-only.
  const may = { seats: useMayCall('seats:set'), settings: useMayCall('settings:update'), thisComputer: useMayCall('app:recentDatabases') };
  const notify = useNoticesStore((state) => state.push);
  const { run, busy } = useSubmit();

  const choose = (intent: 'open' | 'create') => run(async () => {
    await chooseDatabaseWithNotice(intent);
    return { ok: true, value: null };
  });

  return (
    <section className="screen" aria-labelledby="settings-title">
      <PageHeader id="settings-title" title="Settings" />

      <div className="card settings-section" aria-labelledby="database-title" role="region">
        <h2 id="database-title">Database</h2>
        <p className="muted">Everything Roster knows lives in this one file. Back it up like any other important document.</p>
        <dl className="facts">
          <dt>File</dt>
          <dd>
            <code className="path">{info?.databasePath}</code>
          </dd>
        </dl>
        {info?.canChooseDatabase ? (
          <div className="button-row">
            <button type="button" className="button" disabled={busy} onClick={() => void choose('open')}>
              Open another database…
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void choose('create')}>
              Create a new database…
            </button>
          </div>
        ) : isConsole ? (
          <p className="note">
            This Roster server serves this file, named when it started (<code>--db FILE</code>).
          </p>
        ) : (
          <p className="note">
            In browser mode the database is the one named when browser mode started. To use another, stop it and start it again
            with <code>--db FILE</code>.
          </p>
        )}
        <DatabaseCheck />
        {may.thisComputer ? <RecentDatabases canOpen={Boolean(info?.canChooseDatabase)} /> : null}
      </div>

      <AppearanceSettings />

      <BackupSettings canSetKeep={Boolean(enterprise)} />

      {enterprise ? (
        <div className="card settings-section" aria-labelledby="enterprise-title" role="region">
          <h2 id="enterprise-title">Enterprise</h2>
          <EnterpriseNameSetting name={enterprise.name} />
          <dl className="facts">
            <dt>Set up</dt>
            <dd>{formatDateTime(enterprise.createdAt)}</dd>
          </dl>
        </div>
      ) : null}

      {usage && settings ? (
        <div className="card settings-section" aria-labelledby="licenses-settings-title" role="region">
          <h2 id="licenses-settings-title">Seats and invitations</h2>
          <NumberSetting
            label="Seats"
            value={usage.seats}
            schema={seatCountSchema}
            hint={`${usage.inUse.toLocaleString()} in use (${countOf(usage.members, 'member')}, ${countOf(usage.pendingInvitations, 'pending invitation')}); it cannot go lower.`}
            saveLabel="Change seats"
            readOnly={!may.seats}
            onSave={async (seats) => {
              const result = await setSeatCount({ seats });
              if (result.ok) notify(`The enterprise now has ${countOf(seats, 'seat')}.`);
              return result;
            }}
          />
          <NumberSetting
            label="Invitations expire after (days)"
            value={settings.invitationExpiryDays}
            schema={expiryDaysSchema}
            hint="An expired invitation frees its seat. Applies to invitations sent from now on."
            saveLabel="Save"
            readOnly={!may.settings}
            onSave={async (days) => {
              const result = await update({ invitationExpiryDays: days, versions: { invitationExpiryDays: settings.versions.invitationExpiryDays } });
              if (result.ok) notify(`New invitations will expire after ${countOf(days, 'day')}.`);
              return result;
            }}
          />
        </div>
      ) : null}

      {settings ? (
        <DomainSettings
          settings={settings}
          readOnly={!may.settings}
          onDnsServers={async (servers) => {
            const result = await update({ dnsServers: servers, versions: { dnsServers: settings.versions.dnsServers } });
            if (result.ok) notify(servers.length > 0 ? `Domains are now checked with ${servers.join(', ')}.` : "Domains are now checked with the system's DNS resolver.");
            return result;
          }}
          onInviteControl={async (control) => {
            const result = await update({ inviteControl: control, versions: { inviteControl: settings.versions.inviteControl } });
            if (result.ok) notify(INVITE_RULE_SAVED[control.mode](control.domains));
            return result;
          }}
        />
      ) : null}

      {settings ? (
        <div className="card settings-section" aria-labelledby="report-rule-title" role="region">
          <h2 id="report-rule-title">Activity report</h2>
          <ReportRuleSettings
            rule={settings.reportRule}
            readOnly={!may.settings}
            onSave={async (rule) => {
              const result = await update({ reportRule: rule, versions: { reportRule: settings.versions.reportRule } });
              if (result.ok) notify('The activity report now follows the new rule.');
              return result;
            }}
          />
        </div>
      ) : null}

      {enterprise ? <AuditChainSettings /> : null}

      <div className="card settings-section" aria-labelledby="about-title" role="region">
        <h2 id="about-title">About</h2>
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info?.version}</dd>
          <dt>Running as</dt>
          <dd>{isConsole ? 'Roster server' : info ? MODE_LABEL[info.mode] : ''}</dd>
          {may.thisComputer ? <LogFileFacts canShow={info?.mode === 'electron'} /> : null}
        </dl>
      </div>
    </section>
  );
}
