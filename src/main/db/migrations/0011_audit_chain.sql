-- The audit log as a hash chain (docs/SECURITY.md, "The audit log's hash
-- chain"): each event written from now on keeps the SHA-256 of the event
-- before it and its own, computed by Roster's one writer
-- (src/main/audit/repository.ts). Events written before this migration stay
-- as they were, marked pre-chain (chain_version 0); the chain starts after
-- them. The row also names, for what comes next, the admin and the API or
-- SCIM token that acted, and the person (an address) the event concerns.

-- Who acted, beyond actor_type and actor_name: the admin (a server's admin,
-- later) and the name of the API or SCIM token used.
ALTER TABLE audit_events ADD COLUMN actor_admin TEXT;
ALTER TABLE audit_events ADD COLUMN actor_token TEXT;
-- The person the event concerns: their address as its key (lower case).
ALTER TABLE audit_events ADD COLUMN subject TEXT;
-- 0: written before the chain (not verifiable); 1: chained as chain.ts says.
ALTER TABLE audit_events ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 0 CHECK (chain_version IN (0, 1));
ALTER TABLE audit_events ADD COLUMN prev_hash BLOB CHECK (prev_hash IS NULL OR length(prev_hash) = 32);
ALTER TABLE audit_events ADD COLUMN hash BLOB CHECK (hash IS NULL OR length(hash) = 32);

CREATE INDEX audit_events_subject ON audit_events (subject) WHERE subject IS NOT NULL;

-- The person of the events already written, where they name one: a member,
-- account or invitation by its address, else the email their after or
-- before value holds. Pre-chain rows are not hashed, so this changes no proof.
DROP TRIGGER audit_events_no_update;
UPDATE audit_events SET subject = lower(CASE
  WHEN target_type IN ('member', 'account', 'invitation') AND target_label GLOB '?*@?*' THEN target_label
  WHEN json_valid(after) AND json_type(after, '$.email') = 'text' AND json_extract(after, '$.email') GLOB '?*@?*' THEN json_extract(after, '$.email')
  WHEN json_valid(before) AND json_type(before, '$.email') = 'text' AND json_extract(before, '$.email') GLOB '?*@?*' THEN json_extract(before, '$.email')
END);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: an event cannot be changed.');
END;

-- A new event comes after the newest one, in id and in time, and is chained.
-- INSERT OR REPLACE would delete the event it replaces without firing the
-- DELETE trigger: an id at or below the newest (so every id that exists) is
-- refused before that can happen. In a BEFORE INSERT trigger an id left to
-- SQLite reads as -1; SQLite then gives it the newest id + 1. Scalar
-- subqueries on purpose: a trigger here that read the newest row through a
-- subquery in FROM (ORDER BY id DESC LIMIT 1) was given the oldest row.
CREATE TRIGGER audit_events_insert_rules BEFORE INSERT ON audit_events
BEGIN
  SELECT CASE
    WHEN NEW.id <> -1 AND NEW.id <= (SELECT max(id) FROM audit_events)
      THEN RAISE(ABORT, 'The audit log is append-only: an event cannot be replaced, nor written before the newest one.')
    WHEN NEW.at < (SELECT at FROM audit_events ORDER BY id DESC LIMIT 1)
      THEN RAISE(ABORT, 'The audit log is append-only: a new event cannot be dated before the newest one.')
    WHEN NEW.chain_version <> 1 OR NEW.prev_hash IS NULL OR NEW.hash IS NULL
      THEN RAISE(ABORT, 'The audit log is append-only: a new event must be chained to the one before it.')
  END;
END;

-- Where the chain starts once the retention prune has deleted chained
-- events: the last one it deleted (its id, time and hash). The prune moves it
-- in its own transaction, while audit_prune_gate is open; nothing else can.
CREATE TABLE audit_chain_anchor (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  event_id INTEGER,
  at       TEXT,
  hash     BLOB CHECK (hash IS NULL OR length(hash) = 32),
  CHECK ((event_id IS NULL) = (hash IS NULL) AND (event_id IS NULL) = (at IS NULL))
) STRICT;

INSERT INTO audit_chain_anchor (id) VALUES (1);

CREATE TRIGGER audit_chain_anchor_no_insert BEFORE INSERT ON audit_chain_anchor
BEGIN
  SELECT RAISE(ABORT, 'The audit chain has one anchor, moved only by the retention prune.');
END;

CREATE TRIGGER audit_chain_anchor_no_delete BEFORE DELETE ON audit_chain_anchor
BEGIN
  SELECT RAISE(ABORT, 'The audit chain has one anchor, moved only by the retention prune.');
END;

CREATE TRIGGER audit_chain_anchor_only_prune BEFORE UPDATE ON audit_chain_anchor
WHEN NOT EXISTS (SELECT 1 FROM audit_prune_gate WHERE id = 1 AND open = 1)
BEGIN
  SELECT RAISE(ABORT, 'The audit chain has one anchor, moved only by the retention prune.');
END;
