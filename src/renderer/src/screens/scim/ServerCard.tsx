import { useState } from 'react';
import { DEFAULT_SCIM_PORT, type ScimServerStatus } from '@shared/schemas/scim';
import type { Result } from '@shared/result';
import { CopyButton } from '../../components/CopyButton';
import { TextField } from '../../components/TextField';
import { useSubmit } from '../../lib/use-submit';
import { useMayCall } from '../../data/may-call';

interface ServerCardProps {
  server: ScimServerStatus | null;
  onStart: (port: number) => Promise<Result<unknown>>;
  onStop: () => Promise<Result<unknown>>;
}

/** The port as typed: a whole number 0–65535, or why not. */
function parsePort(text: string): { port: number } | { error: string } {
  if (!/^\s*\d+\s*$/.test(text)) return { error: 'The port must be a whole number (0 for any free one)' };
  const port = Number(text);
  return port <= 65535 ? { port } : { error: 'The port is 0 (any free one) to 65535' };
}

/** Whether the server runs, where, and what to paste into the identity provider. */
export function ServerCard({ server, onStart, onStop }: ServerCardProps) {
  // Starting and stopping what identity providers reach is an owner's (the server's console, by role).
  const mayChange = useMayCall('scim:start');
  const [portText, setPortText] = useState(String(DEFAULT_SCIM_PORT));
  const { run, busy, error, reset } = useSubmit({ errors: 'inline' });
  const running = server?.running === true && server.baseUrl !== null;
  const parsed = parsePort(portText);
  const portError = 'error' in parsed ? parsed.error : (error?.issues?.[0]?.message ?? error?.message);

  const act = async (action: () => Promise<Result<unknown>>) => {
    await run(action);
  };

  return (
    <div className="card scim-section" role="region" aria-labelledby="scim-server-title">
      <h2 id="scim-server-title">Server</h2>
      <div className="scim-state" role="status" aria-label="Server status">
        {running ? (
          <>
            <span className="badge badge-member">Running</span>
            <span>at</span>
            <code className="record-value scim-url" aria-label="Base URL">
              {server.baseUrl}
            </code>
            <CopyButton text={server.baseUrl!} label="Copy base URL" />
          </>
        ) : (
          <>
            <span className="badge badge-expired">Stopped</span>
            <span className="muted">Identity providers cannot reach Roster. Start the server to get the base URL to paste into them.</span>
          </>
        )}
      </div>
      {mayChange ? (
        <form
          className="scim-server-row"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (running) void act(onStop);
            else if ('port' in parsed) void act(() => onStart(parsed.port));
          }}
        >
          <TextField
            className="scim-port-field"
            label="Port"
            inputMode="numeric"
            value={running ? String(server.port) : portText}
            disabled={running}
            error={running ? undefined : portError}
            hint="0 picks any free port."
            onChange={(event) => {
              setPortText(event.target.value);
              reset();
            }}
          />
          {running ? (
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Stopping…' : 'Stop'}
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={busy || 'error' in parsed}>
              {busy ? 'Starting…' : 'Start'}
            </button>
          )}
        </form>
      ) : null}
      <div className="scim-paste">
        <p>
          <strong>Okta:</strong> paste the base URL as the <em>SCIM connector base URL</em>, choose <em>HTTP Header</em> authentication and
          paste a token as the <em>Bearer</em> token.
        </p>
        <p>
          <strong>Microsoft Entra ID:</strong> paste the base URL as the <em>Tenant URL</em> and a token as the <em>Secret Token</em>.
        </p>
      </div>
      <p className="note">
        In this window the server listens on 127.0.0.1 only, so only programs on this computer can reach it. To serve an identity provider in
        the cloud, run it headless with <code>roster scim serve</code> behind an HTTPS address (see docs/SCIM.md).
      </p>
    </div>
  );
}
