-- SCIM as a real identity provider needs it (docs/SCIM.md, "Rules a rollout
-- depends on"): ids never handed out twice, any userName, and group membership
-- as the provider states it, kept apart from the access it grants.

-- Opaque SCIM ids. Accounts and teams made from now on get a random UUID
-- (Roster sets it; the triggers below catch any insert that does not), so an
-- id is never handed out twice, not even after an older backup is restored
-- and row ids are reused. The ids already handed out (the row ids) keep working.
ALTER TABLE accounts ADD COLUMN scim_id TEXT;
UPDATE accounts SET scim_id = CAST(id AS TEXT);
CREATE UNIQUE INDEX accounts_scim_id ON accounts (scim_id);

ALTER TABLE teams ADD COLUMN scim_id TEXT;
UPDATE teams SET scim_id = CAST(id AS TEXT);
CREATE UNIQUE INDEX teams_scim_id ON teams (scim_id);

CREATE TRIGGER accounts_scim_id AFTER INSERT ON accounts WHEN new.scim_id IS NULL
BEGIN
  UPDATE accounts SET scim_id = (
    SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))
    FROM (SELECT hex(randomblob(16)) AS h)
  ) WHERE id = new.id;
END;

CREATE TRIGGER teams_scim_id AFTER INSERT ON teams WHEN new.scim_id IS NULL
BEGIN
  UPDATE teams SET scim_id = (
    SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))
    FROM (SELECT hex(randomblob(16)) AS h)
  ) WHERE id = new.id;
END;

-- userName is any unique string (RFC 7643 section 4.1.1), kept exactly as the
-- provider sent it; the account's address is found from it or from emails.
-- Until now the provider's spelling of an address-userName was kept among its
-- values (extensions, the core schema's "userName"); it is copied here, and
-- Roster no longer reads it there.
ALTER TABLE scim_users ADD COLUMN user_name TEXT;
ALTER TABLE scim_users ADD COLUMN user_name_key TEXT;

UPDATE scim_users SET user_name = (
  SELECT CASE
    WHEN lower(json_extract(s2.extensions, '$."urn:ietf:params:scim:schemas:core:2.0:User".userName')) = a.email_key
      THEN json_extract(s2.extensions, '$."urn:ietf:params:scim:schemas:core:2.0:User".userName')
    ELSE a.email
  END
  FROM scim_users s2 JOIN accounts a ON a.id = s2.account_id WHERE s2.account_id = scim_users.account_id
);
UPDATE scim_users SET user_name_key = lower(user_name);

CREATE UNIQUE INDEX scim_users_user_name_key ON scim_users (user_name_key);

-- Group membership as the identity provider states it. A SCIM team's members
-- (team_members, which grant access) are the stated members who hold a seat:
-- losing the seat takes the access away (team_members goes with the seat) but
-- not the statement, which applies again when the person gets a seat back.
CREATE TABLE scim_group_members (
  team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  since      TEXT NOT NULL,
  PRIMARY KEY (team_id, account_id)
) STRICT;

CREATE INDEX scim_group_members_account ON scim_group_members (account_id);

INSERT INTO scim_group_members (team_id, account_id, since)
SELECT tm.team_id, tm.account_id, tm.since FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE t.source = 'scim';
