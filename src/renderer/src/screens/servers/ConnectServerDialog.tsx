import { useState } from 'react';
import { issueFor, type Result } from '@shared/result';
import { parseServerAddress, type Connected } from '@shared/schemas/servers';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useConnectStore } from '../../stores/connect-store';
import { useNoticesStore } from '../../stores/notices-store';
import { ROLE_LABELS } from '../../components/SignedInAs';

type Step = 'address' | 'token' | 'browser';

/** What the window says once it works on the server: where, as whom, and whether the sign-in was kept for next time. */
export function connectedNotice(connected: Connected): string {
  const where = `Connected to ${connected.host} as ${connected.email} (${ROLE_LABELS[connected.role]}).`;
  return connected.kept ? where : `${where} This computer cannot keep your sign-in encrypted, so Roster kept none: you will sign in again next time.`;
}

/** After connecting, the window starts on Licenses: a page of the file it showed before (a team's id) means nothing on the server. */
export function afterConnecting(result: Result<Connected>): void {
  if (!result.ok) return;
  useConnectStore.getState().hide();
  window.location.hash = '#/licenses';
  useNoticesStore.getState().push(connectedNotice(result.value), result.value.kept ? 'success' : 'error');
}

/**
 * File → Connect to a Server…: the server's address (https, or http on this
 * computer only), then sign-in in the system browser or an API token pasted
 * in. Main signs in, checks the server, and switches the window to it.
 */
export function ConnectServerDialog() {
  const initialAddress = useConnectStore((state) => state.address);
  const reason = useConnectStore((state) => state.reason);
  const hide = useConnectStore((state) => state.hide);
  const connect = useContractMutation('servers:connect', { errors: 'inline' });
  const cancelSignIn = useContractMutation('servers:cancelSignIn');
  const [address, setAddress] = useState(initialAddress);
  const [token, setToken] = useState('');
  const [step, setStep] = useState<Step>('address');
  const [addressError, setAddressError] = useState<string | undefined>();
  const [tokenError, setTokenError] = useState<string | undefined>();
  const serverError = connect.error;

  const checkedAddress = (): string | null => {
    const parsed = parseServerAddress(address);
    setAddressError(parsed.ok ? undefined : parsed.message);
    return parsed.ok ? parsed.origin : null;
  };

  const signInWithBrowser = async () => {
    const origin = checkedAddress();
    if (!origin || connect.busy) return;
    setStep('browser');
    const result = await connect.run({ address: origin, method: 'browser' });
    if (!result.ok) setStep('address');
    afterConnecting(result);
  };

  const connectWithToken = async () => {
    const origin = checkedAddress();
    if (!origin) return setStep('address');
    if (step !== 'token') return setStep('token');
    if (token.trim() === '') return setTokenError('Paste the API token');
    if (connect.busy) return;
    afterConnecting(await connect.run({ address: origin, method: 'token', token }));
  };

  // Closing while the browser sign-in waits stops it: a browser that finishes later changes nothing.
  const close = () => {
    if (step === 'browser') void cancelSignIn.run();
    hide();
  };

  const typed = (set: (value: string) => void) => (value: string) => {
    set(value);
    setAddressError(undefined);
    setTokenError(undefined);
    connect.reset();
  };

  const description =
    step === 'browser' ? (
      <p>Finish signing in in your browser. Roster continues here once the server has signed you in.</p>
    ) : (
      <p>{reason ?? 'Work on your enterprise’s shared Roster server instead of a file on this computer.'}</p>
    );

  return (
    <Dialog
      title="Connect to a Roster server"
      description={description}
      onClose={close}
      onSubmit={() => void (step === 'token' ? connectWithToken() : signInWithBrowser())}
      actions={
        step === 'token' ? (
          <>
            <button type="button" className="button" onClick={() => setStep('address')} disabled={connect.busy}>
              Back
            </button>
            <button type="submit" className="button primary" disabled={connect.busy}>
              Connect
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={connect.busy}>
              {step === 'browser' ? 'Waiting for your browser…' : 'Sign in with your browser'}
            </button>
          </>
        )
      }
    >
      <TextField
        label="Server address"
        name="server-address"
        value={address}
        autoFocus={step === 'address'}
        readOnly={step !== 'address'}
        spellCheck={false}
        autoComplete="url"
        inputMode="url"
        placeholder="https://roster.acme.com"
        hint="https, or http only for localhost and 127.0.0.1."
        error={addressError ?? issueFor(serverError, 'address')}
        onChange={(event) => typed(setAddress)(event.target.value)}
      />
      {step === 'address' ? (
        <p className="connect-alternative">
          Or sign in with an API token instead:{' '}
          <button type="button" className="button subtle small" onClick={() => void connectWithToken()}>
            Use an API token
          </button>
        </p>
      ) : null}
      {step === 'token' ? (
        <TextField
          label="API token"
          name="api-token"
          type="password"
          value={token}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          hint='Create one with "roster admins token create" on the server, or in the console’s Admins.'
          error={tokenError ?? issueFor(serverError, 'token')}
          onChange={(event) => typed(setToken)(event.target.value)}
        />
      ) : null}
      {/* A field's own problem shows under it; a refusal by the server (a token it does not accept) is said in full. */}
      {serverError && (!serverError.issues || serverError.code !== 'INVALID_INPUT') ? (
        <p className="form-error" role="alert">
          {serverError.message}
        </p>
      ) : null}
    </Dialog>
  );
}

/** The dialog, wherever the window is (the first-run screen or any other), while File → Connect to a Server… asks for it. */
export function ConnectServerHost() {
  const open = useConnectStore((state) => state.open);
  return open ? <ConnectServerDialog /> : null;
}
