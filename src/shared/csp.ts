/**
 * The page's Content-Security-Policy: scripts, styles and fonts from the app
 * itself only, no inline script, no eval, no plugins, no forms posting away.
 * It is in index.html as a meta tag (for the dev server too); the Electron
 * window's roster:// scheme and browser mode also send it as a header, with
 * frame-ancestors, which only a header can carry.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
