-- SCIM 2.0 provisioning (docs/RULES.md, S1 to S5): bearer tokens, what the identity
-- provider keeps about its users and groups, and the log of its requests.

-- Only a SHA-256 hash of each token is kept; the token itself is shown once.
CREATE TABLE scim_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_key     TEXT NOT NULL UNIQUE,
  hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
  created_at   TEXT NOT NULL,
  expires_at   TEXT,
  last_used_at TEXT,
  revoked_at   TEXT
) STRICT;

-- A SCIM user is an account (its id is the account's id, its userName the email).
-- This row holds what the identity provider sent that Roster does not otherwise
-- keep; it stays while the user is inactive (active = false frees the seat) and
-- goes with DELETE. Members added by hand have no row until the provider sends them.
CREATE TABLE scim_users (
  account_id   INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  external_id  TEXT,
  given_name   TEXT,
  family_name  TEXT,
  formatted    TEXT,
  display_name TEXT,
  emails       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails)),
  -- Extension schemas (the enterprise user extension and any other) as sent, by schema URN.
  extensions   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extensions)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX scim_users_external_id ON scim_users (external_id);

-- A SCIM group is a team with source 'scim' (its id is the team's id).
CREATE TABLE scim_groups (
  team_id     INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  external_id TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX scim_groups_external_id ON scim_groups (external_id);

-- Every request, kept 30 days: what the identity provider asked and how it went.
CREATE TABLE scim_requests (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  token_name  TEXT,
  method      TEXT NOT NULL,
  path        TEXT NOT NULL,
  status      INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  detail      TEXT
) STRICT;

CREATE INDEX scim_requests_at ON scim_requests (at);
