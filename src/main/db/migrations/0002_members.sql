-- Accounts, members (seats), invitations and direct organization membership.
-- An account is a person's identity; it holds a seat while it has a members row.

CREATE TABLE accounts (
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL,
  email_key      TEXT NOT NULL UNIQUE,   -- the address lower-cased: emails are unique ignoring case
  name           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_login_at  TEXT,
  last_active_at TEXT
) STRICT;

CREATE TABLE members (
  account_id    INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE RESTRICT,
  source        TEXT NOT NULL CHECK (source IN ('manual', 'invitation', 'domain_capture', 'scim', 'import')),
  seat_since    TEXT NOT NULL,
  invitation_id INTEGER REFERENCES invitations (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX members_seat_since ON members (seat_since);

-- How many members hold seats, kept by triggers so counting seats never scans the table.
ALTER TABLE enterprise ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0 CHECK (member_count >= 0);

CREATE TRIGGER members_count_insert AFTER INSERT ON members
BEGIN
  UPDATE enterprise SET member_count = member_count + 1 WHERE id = 1;
END;

CREATE TRIGGER members_count_delete AFTER DELETE ON members
BEGIN
  UPDATE enterprise SET member_count = member_count - 1 WHERE id = 1;
END;

-- An invitation is pending until accepted or revoked; it has expired (and holds
-- no seat) once expires_at has passed, which needs no write to become true.
CREATE TABLE invitations (
  id          INTEGER PRIMARY KEY,
  email       TEXT NOT NULL,
  email_key   TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
  created_at  TEXT NOT NULL,
  sent_at     TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  accepted_at TEXT,
  revoked_at  TEXT,
  account_id  INTEGER REFERENCES accounts (id)
) STRICT;

CREATE INDEX invitations_pending ON invitations (status, expires_at);
CREATE INDEX invitations_email ON invitations (email_key, status);

CREATE TABLE invitation_orgs (
  invitation_id INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  org_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (invitation_id, org_id)
) STRICT;

CREATE INDEX invitation_orgs_org ON invitation_orgs (org_id);

-- Direct membership of a member in an organization. It goes with the seat.
CREATE TABLE org_memberships (
  org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES members (account_id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  since      TEXT NOT NULL,
  PRIMARY KEY (org_id, account_id)
) STRICT;

CREATE INDEX org_memberships_account ON org_memberships (account_id);
