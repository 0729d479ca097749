-- An account waits for a seat only while it holds none. Whatever makes it a
-- member (a claim, an admin adding it by hand, an accepted invitation, SCIM, an
-- import) takes it off the domain's waiting list, so the rule lives here rather
-- than in each writer.

-- Rows left behind before this rule by accounts that became members another way.
DELETE FROM capture_waitlist WHERE account_id IN (SELECT account_id FROM members);

CREATE TRIGGER members_leave_capture_waitlist AFTER INSERT ON members
BEGIN
  DELETE FROM capture_waitlist WHERE account_id = NEW.account_id;
END;
