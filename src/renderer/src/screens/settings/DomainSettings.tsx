import type { AppError } from '@shared/errors';
import type { InviteControlMode } from '@shared/schemas/domains';
import type { EnterpriseSettings, InviteControl } from '@shared/schemas/settings';
import type { Result } from '@shared/result';
import { useDraft } from '../../lib/use-draft';
import { useSubmit } from '../../lib/use-submit';
import { ListEditor } from './ListEditor';

/** A draft of a stored setting, and whether it differs from what is stored. */
function useSettingDraft<T>(stored: T) {
  const { draft, setDraft, reset } = useDraft(stored);
  return { draft, setDraft, changed: JSON.stringify(draft) !== JSON.stringify(stored), reset };
}

/** main's refusal, split into problems with particular entries ("<field>.<index>") and the rest. */
function splitErrors(error: AppError | null, field: string): { items: Map<number, string>; general: string | null } {
  const items = new Map<number, string>();
  const pattern = new RegExp(`^${field.replace('.', '\\.')}\\.(\\d+)$`);
  for (const issue of error?.issues ?? []) {
    const index = pattern.exec(issue.path)?.[1];
    if (index !== undefined) items.set(Number(index), issue.message);
  }
  const general = error && items.size === 0 ? (error.issues?.[0]?.message ?? error.message) : null;
  return { items, general };
}

interface SaveRowProps {
  label: string;
  changed: boolean;
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
}

function SaveRow({ label, changed, busy, onSave, onCancel }: SaveRowProps) {
  return (
    <div className="button-row">
      <button type="button" className="button" disabled={!changed || busy} onClick={onSave}>
        {label}
      </button>
      {changed ? (
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}

/** How a setting is saved; none where this admin may not change it. */
type Save<T> = ((value: T) => Promise<Result<unknown>>) | undefined;

/** Saves through `save`, keeping main's refusal to show beside the fields. */
function useSave<T>(save: Save<T>) {
  const { run, busy, error, reset } = useSubmit({ errors: 'inline' });
  return { error, busy, run: (value: T) => (save ? run(() => save(value)) : Promise.resolve(null)), clear: reset };
}

function DnsServersSetting({ servers, onSave }: { servers: string[]; onSave: Save<string[]> }) {
  const { draft, setDraft, changed, reset } = useSettingDraft(servers);
  const save = useSave(onSave);
  const errors = splitErrors(save.error, 'dnsServers');
  return (
    <fieldset className="field setting-group">
      <legend>DNS servers</legend>
      <p className="field-hint">
        Domains are verified by asking these servers for their TXT record, in order. An IP address, with a port after a colon if not 53.
      </p>
      <ListEditor
        label="DNS servers"
        addLabel="Add a DNS server"
        placeholder="1.1.1.1 or 127.0.0.1:5353"
        items={draft}
        emptyText="None: Roster asks the system's DNS resolver."
        itemErrors={errors.items}
        onChange={
          onSave
            ? (items) => {
                setDraft(items);
                save.clear();
              }
            : undefined
        }
      />
      {errors.general ? (
        <p className="field-error" role="alert">
          {errors.general}
        </p>
      ) : null}
      {onSave ? <SaveRow label="Save DNS servers" changed={changed} busy={save.busy} onSave={() => void save.run(draft)} onCancel={reset} /> : null}
    </fieldset>
  );
}

const MODES: { mode: InviteControlMode; label: string; hint: string }[] = [
  { mode: 'any', label: 'Any domain', hint: 'Invitations may go to any address.' },
  { mode: 'verified', label: 'Verified domains only', hint: 'Only addresses on a verified domain, or a subdomain of one.' },
  { mode: 'list', label: 'Only these domains', hint: 'Only addresses on the domains listed here, or their subdomains.' },
];

function InviteControlSetting({ control, onSave }: { control: InviteControl; onSave: Save<InviteControl> }) {
  const { draft, setDraft, changed, reset } = useSettingDraft(control);
  const save = useSave(onSave);
  const errors = splitErrors(save.error, 'inviteControl.domains');
  const change = (next: InviteControl) => {
    setDraft(next);
    save.clear();
  };
  return (
    <fieldset className="field setting-group">
      <legend>Invitations may go to</legend>
      <div className="option-list">
        {MODES.map(({ mode, label, hint }) => (
          <label key={mode} className="radio option-card">
            <input type="radio" name="invite-control" value={mode} checked={draft.mode === mode} disabled={!onSave} onChange={() => change({ ...draft, mode })} />
            <span>
              {label}
              <span className="block field-hint">{hint}</span>
            </span>
          </label>
        ))}
      </div>
      {draft.mode === 'list' ? (
        <ListEditor
          label="Allowed domains"
          addLabel="Add an allowed domain"
          placeholder="acme.com"
          items={draft.domains}
          emptyText="No domain yet: with this rule and an empty list, no invitation can be sent."
          itemErrors={errors.items}
          onChange={onSave ? (domains) => change({ ...draft, domains }) : undefined}
        />
      ) : null}
      <p className="field-hint">Seats already held outside a new rule stay; the Licenses screen marks them “Outside invite policy”.</p>
      {errors.general ? (
        <p className="field-error" role="alert">
          {errors.general}
        </p>
      ) : null}
      {onSave ? <SaveRow label="Save invite rule" changed={changed} busy={save.busy} onSave={() => void save.run(draft)} onCancel={reset} /> : null}
    </fieldset>
  );
}

interface DomainSettingsProps {
  settings: EnterpriseSettings;
  onDnsServers: (servers: string[]) => Promise<Result<unknown>>;
  onInviteControl: (control: InviteControl) => Promise<Result<unknown>>;
  /** Where this admin may not change them (the server's console, by role): they are shown, with no Save. */
  readOnly?: boolean;
}

/** Settings → Domains & invitations: where DNS checks are sent, and where invitations may go. */
export function DomainSettings({ settings, onDnsServers, onInviteControl, readOnly = false }: DomainSettingsProps) {
  return (
    <div className="card settings-section" aria-labelledby="domain-settings-title" role="region">
      <h2 id="domain-settings-title">Domains &amp; invitations</h2>
      <DnsServersSetting servers={settings.dnsServers} onSave={readOnly ? undefined : onDnsServers} />
      <InviteControlSetting control={settings.inviteControl} onSave={readOnly ? undefined : onInviteControl} />
    </div>
  );
}
