-- Signing in to a Roster server's web console (docs/SERVER.md, "Signing in").

-- An admin is bound at their first sign-in with the enterprise's identity
-- provider to its issuer and subject, and matched by them afterwards (an email
-- claim can change hands; iss + sub cannot). Null until that first sign-in.
ALTER TABLE admins ADD COLUMN oidc_issuer TEXT;
ALTER TABLE admins ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX admins_oidc_identity ON admins (oidc_issuer, oidc_subject)
  WHERE removed_at IS NULL AND oidc_subject IS NOT NULL;

-- A signed-in browser. Only a SHA-256 hash of the session cookie's value is
-- kept; the CSRF token is sent to the page and back on every call, and is
-- worth nothing without the cookie. A session ends when the admin signs out,
-- an owner ends it, the admin is removed, or it has been idle 12 hours or
-- open 7 days (expires_at); ended sessions stay for the owner's list a while.
CREATE TABLE admin_sessions (
  id           INTEGER PRIMARY KEY,
  admin_id     INTEGER NOT NULL REFERENCES admins (id),
  hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  csrf_token   TEXT NOT NULL,
  method       TEXT NOT NULL CHECK (method IN ('oidc', 'password')),
  address      TEXT,
  user_agent   TEXT CHECK (user_agent IS NULL OR length(user_agent) <= 512),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  ended_at     TEXT,
  ended_by     TEXT CHECK (ended_by IS NULL OR ended_by IN ('sign-out', 'owner', 'admin-removed'))
) STRICT;

CREATE INDEX admin_sessions_live ON admin_sessions (admin_id) WHERE ended_at IS NULL;
