-- Roster's first schema: the enterprise, its settings, organizations, and the audit log.
-- Timestamps are ISO 8601 UTC strings; *_key columns hold the case-folded name
-- that uniqueness "ignoring case" is enforced on (see src/shared/schemas/names.ts).

CREATE TABLE enterprise (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  seats      INTEGER NOT NULL CHECK (seats >= 1),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE organizations (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_key   TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Append-only: the triggers below refuse UPDATE and DELETE.
CREATE TABLE audit_events (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor_type   TEXT NOT NULL CHECK (actor_type IN ('app', 'cli', 'scim', 'import', 'system')),
  actor_name   TEXT NOT NULL,
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    TEXT,
  target_label TEXT,
  before       TEXT CHECK (before IS NULL OR json_valid(before)),
  after        TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;

CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
