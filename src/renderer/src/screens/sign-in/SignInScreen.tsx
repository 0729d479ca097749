import { useEffect, useRef, useState, type FormEvent } from 'react';
import { passwordSignInInput, type SignInOptions } from '@shared/schemas/console-auth';
import { TextField } from '../../components/TextField';
import { getSignInOptions, OIDC_START, signedInFlag, signInWithPassword } from '../../lib/console-auth';
import { useConsoleSession } from '../../stores/console-session-store';
import { forNativeApp, returnPathFrom } from './return-to';
import { takeSignInError } from './signin-error';

/** The identity provider's host, for the button's hint ("acme.okta.com"); the issuer as given where it is not a URL. */
function providerName(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

// Read once, as the page loads: the provider's redirect back names what went wrong, and the address forgets it.
const errorFromAddress = typeof window === 'undefined' ? null : takeSignInError(window);
// Where a native app's sign-in goes on once signed in (its confirmation page), from ?returnTo=.
const returnTo = typeof window === 'undefined' ? null : returnPathFrom(window.location.search);

type Fields = { email?: string; password?: string };

/**
 * The server's web console before anyone is signed in: the identity provider
 * when the server has one, and a password for admins given one (break-glass).
 * Every refusal is said here in words, and announced.
 */
export function SignInScreen() {
  const reason = useConsoleSession((state) => state.reason);
  const signedIn = useConsoleSession((state) => state.signedIn);
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [optionsError, setOptionsError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(errorFromAddress);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const host = window.location.host;

  useEffect(() => {
    document.title = 'Sign in · Roster';
    let current = true;
    void getSignInOptions().then((answer) => {
      if (!current) return;
      if (answer.ok) setOptions(answer.value);
      else setOptionsError(answer.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = passwordSignInInput.safeParse({ email, password });
    if (!parsed.success) {
      const found: Fields = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as keyof Fields] ??= issue.message;
      setFields(found);
      return;
    }
    setFields({});
    setError(null);
    setBusy(true);
    const { status, result } = await signInWithPassword(parsed.data);
    setBusy(false);
    if (result.ok) {
      signedInFlag().set();
      // A native app's sign-in goes on to its confirmation page, served by the server itself.
      if (returnTo) return window.location.assign(returnTo);
      signedIn(result.value);
      return;
    }
    // A wrong password (401) or too many attempts (429, the server says when to try again): said as the server words it.
    setError(status === 401 && !result.error.message ? 'The address or the password is not right.' : result.error.message);
    setPassword('');
    formRef.current?.querySelector<HTMLInputElement>('input[name="password"]')?.focus();
  };

  const oidc = options?.oidc ?? null;
  const passwords = options?.password ?? false;

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <div className="sign-in-intro">
        <div className="brand-mark large" aria-hidden="true">
          R
        </div>
        <h1 id="sign-in-title">Sign in to Roster</h1>
        <p className="sign-in-server">{host}</p>
      </div>

      <div className="card sign-in-card">
        {forNativeApp(returnTo) ? (
          <p className="banner banner-info" role="status">
            Sign in to let the app that sent you here act as you. You are asked to allow it next.
          </p>
        ) : null}
        {reason ? (
          <p className="banner banner-info" role="status">
            {reason}
          </p>
        ) : null}
        {error ? (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        ) : null}
        {optionsError ? (
          <p className="banner banner-error" role="alert">
            {optionsError}
          </p>
        ) : null}
        {options === null && !optionsError ? (
          <p className="sign-in-loading" aria-busy="true">
            Asking the server how to sign in…
          </p>
        ) : null}

        {oidc ? (
          <div className="sign-in-provider">
            <a className="button primary wide" href={returnTo ? `${OIDC_START}?returnTo=${encodeURIComponent(returnTo)}` : OIDC_START}>
              Sign in with your identity provider
            </a>
            <p className="field-hint">{providerName(oidc.issuer)}</p>
          </div>
        ) : null}

        {oidc && passwords ? (
          <p className="sign-in-divider">
            <span>or, with a password</span>
          </p>
        ) : null}

        {passwords ? (
          <form ref={formRef} className="sign-in-form" noValidate onSubmit={(event) => void submit(event)}>
            <TextField
              label="Email"
              name="email"
              type="email"
              value={email}
              autoFocus={!oidc}
              autoComplete="username"
              spellCheck={false}
              error={fields.email}
              onChange={(event) => {
                setEmail(event.target.value);
                setFields((shown) => ({ ...shown, email: undefined }));
              }}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              value={password}
              autoComplete="current-password"
              error={fields.password}
              onChange={(event) => {
                setPassword(event.target.value);
                setFields((shown) => ({ ...shown, password: undefined }));
              }}
            />
            <button type="submit" className={`button wide ${oidc ? '' : 'primary'}`} disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            {oidc ? <p className="field-hint">For admins an owner gave a password, when the identity provider cannot be used.</p> : null}
          </form>
        ) : null}

        {options && !oidc && !passwords ? (
          <p>This server offers no way to sign in yet. Ask an owner to give you a password, or to set up the identity provider.</p>
        ) : null}
      </div>
    </main>
  );
}
