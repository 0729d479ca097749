import { useId, useState, type ReactNode } from 'react';
import type { Domain } from '@shared/schemas/domains';
import type { Result } from '@shared/result';
import { DefaultTeamChooser } from './DefaultTeamChooser';
import { useSubmit } from '../../lib/use-submit';

type SwitchName = 'capture' | 'lock' | 'subdomains';

interface DomainSwitchesProps {
  domain: Domain;
  onSwitch: (which: SwitchName, on: boolean) => Promise<Result<Domain>>;
  onDefaultTeam: (teamId: number | null) => Promise<Result<Domain>>;
  /** Where this admin may not change them (the server's console, by role): the switches show their state, fixed. */
  readOnly?: boolean;
}

interface SwitchProps {
  label: string;
  checked: boolean;
  disabled?: boolean;
  /** Ids of the texts that explain the switch (and why it is off limits). */
  describedBy: string;
  children: ReactNode;
  onChange: (on: boolean) => void;
}

function Switch({ label, checked, disabled, describedBy, children, onChange }: SwitchProps) {
  const hintId = useId();
  return (
    <div className="switch-row">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          aria-describedby={`${hintId} ${describedBy}`.trim()}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span className="switch-label">{label}</span>
        <span className="switch-state" aria-hidden="true">
          {checked ? 'On' : 'Off'}
        </span>
      </label>
      <p id={hintId} className="field-hint switch-hint">
        {children}
      </p>
    </div>
  );
}

/** Domain capture, domain lock, subdomains and the default team: what happens to new accounts on the domain. */
export function DomainSwitches({ domain, onSwitch, onDefaultTeam, readOnly = false }: DomainSwitchesProps) {
  const reasonId = useId();
  // The switch shows where it was moved while main saves it; the stored value takes over after.
  const [pending, setPending] = useState<{ which: SwitchName; on: boolean } | null>(null);
  const shown = (which: SwitchName, stored: boolean) => (pending?.which === which ? pending.on : stored);
  const { run, error } = useSubmit({ errors: 'inline' });
  const locked = !domain.verified;

  const flip = async (which: SwitchName, on: boolean) => {
    // One change at a time; the switches stay focusable meanwhile (a disabled one would drop the focus).
    if (pending) return;
    setPending({ which, on });
    await run(() => onSwitch(which, on));
    setPending(null);
  };

  return (
    <div className="card domain-section" role="region" aria-labelledby="domain-switches-title">
      <h2 id="domain-switches-title">New accounts on {domain.display}</h2>
      {locked ? (
        <p id={reasonId} className="note">
          Verify the domain first. Capture and lock act on every new account on {domain.display}, so they stay off until its DNS record proves
          the domain is yours.
        </p>
      ) : null}
      <Switch
        label="Domain capture"
        checked={shown('capture', domain.capture)}
        disabled={locked || readOnly}
        describedBy={locked ? reasonId : ''}
        onChange={(on) => void flip('capture', on)}
      >
        A new account on {domain.display} joins the enterprise at once and takes a seat. With no seat free it waits, listed under unmanaged
        accounts, until you claim it.
      </Switch>
      <Switch
        label="Domain lock"
        checked={shown('lock', domain.lock)}
        disabled={locked || readOnly}
        describedBy={locked ? reasonId : ''}
        onChange={(on) => void flip('lock', on)}
      >
        A new account on {domain.display} is refused unless it was invited.
      </Switch>
      <p className="capture-wins" role="note">
        <strong>Capture wins over lock.</strong> With both on, a new account on {domain.display} joins the enterprise, or waits for a seat, instead of being refused.
      </p>
      <Switch
        label="Include subdomains"
        checked={shown('subdomains', domain.includeSubdomains)}
        disabled={readOnly}
        describedBy=""
        onChange={(on) => void flip('subdomains', on)}
      >
        Capture, lock and the unmanaged accounts cover addresses on subdomains too, such as someone@eu.{domain.display}.
      </Switch>
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <DefaultTeamChooser domain={domain} onSave={onDefaultTeam} readOnly={readOnly} />
    </div>
  );
}
