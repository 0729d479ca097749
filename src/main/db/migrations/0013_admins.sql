-- A Roster server's admins and their API tokens (docs/SERVER.md, "Admins and API
-- tokens"). Rules live in src/main/admins/service.ts: never the last owner
-- removed or demoted, a token's role at most its admin's, removing an admin
-- revokes their tokens.

-- A removed admin's row stays (removed_at set), so that the audit log and the
-- tokens they held keep naming them; their address may be added again as a new admin.
CREATE TABLE admins (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  email_key     TEXT NOT NULL,   -- the address lower-cased: unique ignoring case among live admins
  name          TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100),
  role          TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'auditor')),
  -- For signing in to the web console (argon2id), set by a later version; null: no password.
  password_hash TEXT,
  created_at    TEXT NOT NULL,
  removed_at    TEXT
) STRICT;

CREATE UNIQUE INDEX admins_live_email ON admins (email_key) WHERE removed_at IS NULL;

-- Only a SHA-256 hash of each token is kept; the token (roster_api_...) is shown once.
-- Its name is unique per admin, ignoring case, among tokens not revoked.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  admin_id     INTEGER NOT NULL REFERENCES admins (id),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_key     TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'auditor')),
  hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;

CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (admin_id, name_key) WHERE revoked_at IS NULL;
