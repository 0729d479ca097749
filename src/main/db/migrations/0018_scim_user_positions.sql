-- Where each SCIM user stands in id order. A SCIM list pages by position
-- (startIndex, RFC 7644), and SQLite reaches a position only by stepping over
-- every row before it: a page in the middle of 1,000,000 users stepped over
-- 500,000. So the users are counted per block of account ids, at two sizes:
-- 65,536 ids (bits 16) and 1,024 ids (bits 10). A page adds up the large
-- blocks to find the one its first user is in, then the at most 64 small
-- blocks inside it, and steps over fewer than 1,024 users from there
-- (src/main/scim/users/repository.ts).
-- A SCIM user is an account that holds a seat (members) or that the identity
-- provider wrote (scim_users), counted once when it is both; the triggers keep
-- the counts as rows of either table come and go, as member_count is kept.
CREATE TABLE scim_user_blocks (
  bits  INTEGER NOT NULL CHECK (bits IN (10, 16)),
  block INTEGER NOT NULL,  -- account_id >> bits
  users INTEGER NOT NULL CHECK (users >= 0),
  PRIMARY KEY (bits, block)
) STRICT, WITHOUT ROWID;

INSERT INTO scim_user_blocks (bits, block, users)
  SELECT b.bits, u.id >> b.bits, count(*)
  FROM (SELECT account_id AS id FROM members UNION SELECT account_id FROM scim_users) u, (SELECT 10 AS bits UNION ALL SELECT 16) b
  GROUP BY b.bits, u.id >> b.bits;

CREATE TRIGGER scim_user_blocks_member_in AFTER INSERT ON members
WHEN NOT EXISTS (SELECT 1 FROM scim_users WHERE account_id = NEW.account_id)
BEGIN
  INSERT INTO scim_user_blocks (bits, block, users) VALUES (10, NEW.account_id >> 10, 1), (16, NEW.account_id >> 16, 1)
    ON CONFLICT (bits, block) DO UPDATE SET users = users + 1;
END;

CREATE TRIGGER scim_user_blocks_member_out AFTER DELETE ON members
WHEN NOT EXISTS (SELECT 1 FROM scim_users WHERE account_id = OLD.account_id)
BEGIN
  UPDATE scim_user_blocks SET users = users - 1 WHERE bits = 10 AND block = OLD.account_id >> 10;
  UPDATE scim_user_blocks SET users = users - 1 WHERE bits = 16 AND block = OLD.account_id >> 16;
END;

CREATE TRIGGER scim_user_blocks_scim_in AFTER INSERT ON scim_users
WHEN NOT EXISTS (SELECT 1 FROM members WHERE account_id = NEW.account_id)
BEGIN
  INSERT INTO scim_user_blocks (bits, block, users) VALUES (10, NEW.account_id >> 10, 1), (16, NEW.account_id >> 16, 1)
    ON CONFLICT (bits, block) DO UPDATE SET users = users + 1;
END;

CREATE TRIGGER scim_user_blocks_scim_out AFTER DELETE ON scim_users
WHEN NOT EXISTS (SELECT 1 FROM members WHERE account_id = OLD.account_id)
BEGIN
  UPDATE scim_user_blocks SET users = users - 1 WHERE bits = 10 AND block = OLD.account_id >> 10;
  UPDATE scim_user_blocks SET users = users - 1 WHERE bits = 16 AND block = OLD.account_id >> 16;
END;
