-- What the first screens read at start, kept as the rows change instead of
-- counted from every row each time (docs/PERFORMANCE.md, "The UI"). At
-- 1,000,000 members the counts below read millions of rows per start: every
-- team membership (Teams, the palette, the Licenses filters), every
-- organization membership (Organizations), every account (the unmanaged and
-- waiting badges). Each is kept by triggers, as enterprise.member_count is
-- (0002), so every path that changes the rows keeps them: the app, the command
-- line, SCIM, imports, cascades.

-- Members of each team.
ALTER TABLE teams ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
UPDATE teams SET member_count = (SELECT count(*) FROM team_members tm WHERE tm.team_id = teams.id);
CREATE TRIGGER team_members_count_insert AFTER INSERT ON team_members
BEGIN
  UPDATE teams SET member_count = member_count + 1 WHERE id = NEW.team_id;
END;
CREATE TRIGGER team_members_count_delete AFTER DELETE ON team_members
BEGIN
  UPDATE teams SET member_count = member_count - 1 WHERE id = OLD.team_id;
END;

-- Direct members and owners of each organization.
ALTER TABLE organizations ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organizations ADD COLUMN owner_count INTEGER NOT NULL DEFAULT 0;
UPDATE organizations SET
  member_count = (SELECT count(*) FROM org_memberships om WHERE om.org_id = organizations.id),
  owner_count = (SELECT count(*) FROM org_memberships om WHERE om.org_id = organizations.id AND om.role = 'owner');
CREATE TRIGGER org_memberships_count_insert AFTER INSERT ON org_memberships
BEGIN
  UPDATE organizations SET member_count = member_count + 1, owner_count = owner_count + (NEW.role = 'owner') WHERE id = NEW.org_id;
END;
CREATE TRIGGER org_memberships_count_delete AFTER DELETE ON org_memberships
BEGIN
  UPDATE organizations SET member_count = member_count - 1, owner_count = owner_count - (OLD.role = 'owner') WHERE id = OLD.org_id;
END;
CREATE TRIGGER org_memberships_count_update AFTER UPDATE OF org_id, role ON org_memberships
BEGIN
  UPDATE organizations SET member_count = member_count - 1, owner_count = owner_count - (OLD.role = 'owner') WHERE id = OLD.org_id;
  UPDATE organizations SET member_count = member_count + 1, owner_count = owner_count + (NEW.role = 'owner') WHERE id = NEW.org_id;
END;

-- Accounts that hold no seat: the unmanaged accounts of verified domains are
-- among them. A few thousand rows where the accounts are a million.
CREATE TABLE seatless_accounts (
  account_id INTEGER PRIMARY KEY
) STRICT;
INSERT INTO seatless_accounts (account_id)
  SELECT a.id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = a.id);
CREATE TRIGGER accounts_seatless_insert AFTER INSERT ON accounts
BEGIN
  INSERT OR IGNORE INTO seatless_accounts (account_id) VALUES (NEW.id);
END;
CREATE TRIGGER accounts_seatless_delete AFTER DELETE ON accounts
BEGIN
  DELETE FROM seatless_accounts WHERE account_id = OLD.id;
END;
CREATE TRIGGER members_seatless_insert AFTER INSERT ON members
BEGIN
  DELETE FROM seatless_accounts WHERE account_id = NEW.account_id;
END;
CREATE TRIGGER members_seatless_delete AFTER DELETE ON members
BEGIN
  INSERT OR IGNORE INTO seatless_accounts (account_id) SELECT OLD.account_id WHERE EXISTS (SELECT 1 FROM accounts WHERE id = OLD.account_id);
END;

-- Searching people by part of their address or name ("contains", as LIKE
-- '%…%' on email_key and name_fold) without reading every account: an index of
-- the trigrams of both columns. Its content is the accounts table itself
-- (nothing is stored twice); these triggers keep the index in step. Both
-- columns are folded already, so the index compares them as they are.
CREATE VIRTUAL TABLE accounts_search USING fts5(
  email_key, name_fold,
  content = 'accounts', content_rowid = 'id',
  tokenize = 'trigram case_sensitive 1'
);
INSERT INTO accounts_search (accounts_search) VALUES ('rebuild');
CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts
BEGIN
  INSERT INTO accounts_search (rowid, email_key, name_fold) VALUES (NEW.id, NEW.email_key, NEW.name_fold);
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts
BEGIN
  INSERT INTO accounts_search (accounts_search, rowid, email_key, name_fold) VALUES ('delete', OLD.id, OLD.email_key, OLD.name_fold);
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF email_key, name_fold ON accounts
BEGIN
  INSERT INTO accounts_search (accounts_search, rowid, email_key, name_fold) VALUES ('delete', OLD.id, OLD.email_key, OLD.name_fold);
  INSERT INTO accounts_search (rowid, email_key, name_fold) VALUES (NEW.id, NEW.email_key, NEW.name_fold);
END;
