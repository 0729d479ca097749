-- Idempotency keys of a Roster server's API (docs/SERVER.md, "Retries and
-- idempotency keys"). A client sends one with every command and the same one
-- when it retries it (an answer lost with a dropped connection); the server
-- answers a key it has seen, for the same admin, with the Result it kept
-- instead of running the command again. Kept in the store rather than in
-- memory so that a retry after the server restarted is still recognised.
-- Keys are kept 24 hours, then pruned.
CREATE TABLE idempotency_keys (
  admin_email_key TEXT NOT NULL,
  key             TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  channel         TEXT NOT NULL,
  -- SHA-256 of the channel and the body: the same key with another request is refused, not answered.
  request_hash    BLOB NOT NULL CHECK (length(request_hash) = 32),
  result          TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (admin_email_key, key)
) STRICT;

CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
