-- Domains the enterprise claims, proven by a DNS TXT record; domain capture,
-- domain lock, and the accounts captured while no seat was free.

CREATE TABLE domains (
  id                 INTEGER PRIMARY KEY,
  domain             TEXT NOT NULL UNIQUE,  -- lower case, ASCII (punycode), no trailing dot
  token              TEXT NOT NULL,
  verified_at        TEXT,                  -- null: not verified (never, or the record was lost)
  verified_by        TEXT CHECK (verified_by IN ('dns', 'parent')),
  last_check         TEXT CHECK (last_check IS NULL OR json_valid(last_check)),
  capture            INTEGER NOT NULL DEFAULT 0 CHECK (capture IN (0, 1)),
  lock               INTEGER NOT NULL DEFAULT 0 CHECK (lock IN (0, 1)),
  include_subdomains INTEGER NOT NULL DEFAULT 0 CHECK (include_subdomains IN (0, 1)),
  default_team_id    INTEGER REFERENCES teams (id) ON DELETE SET NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  -- Capture and lock only ever apply to a verified domain.
  CHECK (verified_at IS NOT NULL OR (capture = 0 AND lock = 0))
) STRICT;

-- Accounts that domain capture would have made members, had a seat been free.
CREATE TABLE capture_waitlist (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  domain_id  INTEGER NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
  since      TEXT NOT NULL
) STRICT;

CREATE INDEX capture_waitlist_domain ON capture_waitlist (domain_id);

-- Which domain an account's address is on, for listing unmanaged accounts per domain.
ALTER TABLE accounts ADD COLUMN email_domain TEXT NOT NULL DEFAULT '';
UPDATE accounts SET email_domain = substr(email_key, instr(email_key, '@') + 1);
CREATE INDEX accounts_email_domain ON accounts (email_domain);
