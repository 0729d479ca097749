-- Activity: the UTC days on which each account opened the client, kept for the
-- retention window (the report's first number, 90 days by default) and deleted
-- after it. The last login and last active times live on accounts and are kept.

CREATE TABLE activity_days (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day        TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (account_id, day)
) STRICT, WITHOUT ROWID;

-- Retention deletes by day; the chart counts members per day.
CREATE INDEX activity_days_day ON activity_days (day, account_id);

-- The report sorts and buckets members by how long ago they were active.
CREATE INDEX accounts_last_active ON accounts (last_active_at);
