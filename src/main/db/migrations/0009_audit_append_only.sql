-- The audit log is append-only, enforced by the database itself: an UPDATE of
-- an event is always refused, and a DELETE is refused unless it is the
-- retention prune (docs/DECISIONS.md, The audit log). The prune opens a
-- one-row gate inside its own transaction, naming the first UTC day it keeps,
-- deletes the whole days before it, and closes the gate before committing.

DROP TRIGGER audit_events_no_update;
DROP TRIGGER audit_events_no_delete;

-- open = 1 only inside a prune's transaction; keep_from is the first UTC day
-- (YYYY-MM-DD) it keeps. Without this row every DELETE is refused.
CREATE TABLE audit_prune_gate (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  open      INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
  keep_from TEXT CHECK (keep_from IS NULL OR keep_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

INSERT INTO audit_prune_gate (id, open, keep_from) VALUES (1, 0, NULL);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: an event cannot be changed.');
END;

-- substr(at, 1, 10) is the event's UTC day: only whole days before keep_from go.
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
WHEN NOT EXISTS (
  SELECT 1 FROM audit_prune_gate
  WHERE id = 1 AND open = 1 AND keep_from IS NOT NULL AND substr(old.at, 1, 10) < keep_from
)
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: only the retention prune deletes events, whole days older than the retention setting.');
END;

-- What the Audit log screen filters by; (at) and (target_type, target_id) exist since 0001.
CREATE INDEX audit_events_actor ON audit_events (actor_type, actor_name);
CREATE INDEX audit_events_action ON audit_events (action);
