/**
 * A browser's part in signing in at the test identity provider
 * (oidc-provider.ts), done with fetch: follow the authorization URL, submit
 * the sign-in form as `login` (or press Cancel), and answer where the provider
 * sends the person back (the client's redirect URI with code and state, or an
 * error). Cookies are kept as a browser keeps them for the provider's origin.
 */

/** Cookies by name, as Set-Cookie headers leave them (an expired one is dropped). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expires = attributes.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
      const maxAge = attributes.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
      const gone = (expires && Date.parse(expires.slice(8)) <= Date.now()) || (maxAge && Number(maxAge.slice(8)) <= 0) || value === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function throughProvider(authorizationUrl: string, login: string | { cancel: string }, jar = new CookieJar()): Promise<URL> {
  const origin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let step = 0; step < 10; step++) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next;
      init = {};
      continue;
    }
    const interaction = /^\/interaction\/[\w-]+$/.test(url.pathname);
    if (response.status !== 200 || !interaction) throw new Error(`The identity provider answered ${url.pathname} with ${response.status}: ${await response.text()}`);
    await response.text();
    const cancel = typeof login === 'object';
    url = new URL(`${url.pathname}/${cancel ? 'abort' : 'login'}`, url);
    const body = new URLSearchParams(cancel ? { error: login.cancel } : { login }).toString();
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error(`The identity provider sent ${authorizationUrl} round more than 10 times`);
}
