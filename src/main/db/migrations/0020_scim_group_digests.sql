-- A SCIM group's meta.version sums up who is in it: the count, sum and sum of
-- squares of its members' account ids (src/main/scim/groups/resource.ts), so
-- that any change of members changes it without the members being read. The
-- sums were taken over every member on each read, and every PATCH answers with
-- the version: 2 ms a request for a group of 10,000. They are kept here now,
-- by triggers, as rows of scim_group_members come and go (cascades included).
-- The sums are REAL, as the total() they replace: a group's sums past 2^53
-- round, and a version only has to change when the members do.
CREATE TABLE scim_group_digests (
  team_id INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
  members INTEGER NOT NULL CHECK (members >= 0),
  sum     REAL NOT NULL,
  squares REAL NOT NULL
) STRICT;

INSERT INTO scim_group_digests (team_id, members, sum, squares)
  SELECT team_id, count(*), total(account_id), total(account_id * account_id) FROM scim_group_members GROUP BY team_id;

CREATE TRIGGER scim_group_digests_in AFTER INSERT ON scim_group_members
BEGIN
  INSERT INTO scim_group_digests (team_id, members, sum, squares) VALUES (NEW.team_id, 1, NEW.account_id, NEW.account_id * NEW.account_id)
    ON CONFLICT (team_id) DO UPDATE SET members = members + 1, sum = sum + excluded.sum, squares = squares + excluded.squares;
END;

CREATE TRIGGER scim_group_digests_out AFTER DELETE ON scim_group_members
BEGIN
  UPDATE scim_group_digests SET members = members - 1, sum = sum - OLD.account_id, squares = squares - OLD.account_id * OLD.account_id
  WHERE team_id = OLD.team_id;
END;
