-- Whether an invitation's address already holds a seat (an account with that
-- address is a member: then a pending invitation to it takes no second seat),
-- kept on the invitation as the rows change instead of looked up each time.
-- The seats in use (the console's usage, and the total of every unfiltered
-- Licenses page) looked up the invitee of every live invitation: 30,000 of
-- them at 1,000,000 members, about 65 ms a call. Kept by triggers, as the
-- counts of 0019 and 0022 are, so every path that changes the rows keeps it:
-- the app, the command line, SCIM, imports. An address is one account's at
-- most (accounts.email_key is unique), and an account holds a seat while it
-- has a members row.
ALTER TABLE invitations ADD COLUMN invitee_seated INTEGER NOT NULL DEFAULT 0 CHECK (invitee_seated IN (0, 1));
UPDATE invitations SET invitee_seated = 1
  WHERE EXISTS (SELECT 1 FROM accounts a JOIN members m ON m.account_id = a.id WHERE a.email_key = invitations.email_key);

-- An invitation written, or readdressed.
CREATE TRIGGER invitations_invitee_seated_insert AFTER INSERT ON invitations
WHEN NEW.invitee_seated IS NOT EXISTS (SELECT 1 FROM accounts a JOIN members m ON m.account_id = a.id WHERE a.email_key = NEW.email_key)
BEGIN
  UPDATE invitations SET invitee_seated = 1 - invitee_seated WHERE id = NEW.id;
END;
CREATE TRIGGER invitations_invitee_seated_address AFTER UPDATE OF email_key ON invitations
WHEN NEW.invitee_seated IS NOT EXISTS (SELECT 1 FROM accounts a JOIN members m ON m.account_id = a.id WHERE a.email_key = NEW.email_key)
BEGIN
  UPDATE invitations SET invitee_seated = 1 - invitee_seated WHERE id = NEW.id;
END;

-- A seat taken or released. Members reference their account ON DELETE RESTRICT,
-- so the account is still there to name the address when its seat goes.
CREATE TRIGGER members_invitee_seated_insert AFTER INSERT ON members
BEGIN
  UPDATE invitations SET invitee_seated = 1 WHERE email_key = (SELECT email_key FROM accounts WHERE id = NEW.account_id) AND invitee_seated = 0;
END;
CREATE TRIGGER members_invitee_seated_delete AFTER DELETE ON members
BEGIN
  UPDATE invitations SET invitee_seated = 0 WHERE email_key = (SELECT email_key FROM accounts WHERE id = OLD.account_id) AND invitee_seated = 1;
END;
CREATE TRIGGER members_invitee_seated_update AFTER UPDATE OF account_id ON members
WHEN OLD.account_id IS NOT NEW.account_id
BEGIN
  UPDATE invitations SET invitee_seated = 0 WHERE email_key = (SELECT email_key FROM accounts WHERE id = OLD.account_id) AND invitee_seated = 1;
  UPDATE invitations SET invitee_seated = 1 WHERE email_key = (SELECT email_key FROM accounts WHERE id = NEW.account_id) AND invitee_seated = 0;
END;

-- A member's address changed (SCIM renames people), or an account removed
-- (with no seat by then, as the foreign key demands; cleared all the same).
CREATE TRIGGER accounts_invitee_seated_address AFTER UPDATE OF email_key ON accounts
WHEN OLD.email_key IS NOT NEW.email_key AND EXISTS (SELECT 1 FROM members WHERE account_id = NEW.id)
BEGIN
  UPDATE invitations SET invitee_seated = 0 WHERE email_key = OLD.email_key AND invitee_seated = 1;
  UPDATE invitations SET invitee_seated = 1 WHERE email_key = NEW.email_key AND invitee_seated = 0;
END;
CREATE TRIGGER accounts_invitee_seated_delete AFTER DELETE ON accounts
BEGIN
  UPDATE invitations SET invitee_seated = 0 WHERE email_key = OLD.email_key AND invitee_seated = 1;
END;

-- The pending invitations by expiry, with whether their address holds a seat
-- and the address: the seats in use count the live ones holding a seat off this
-- index alone (about 1 ms for 30,000), and a search reads the addresses of the
-- pending ones from it instead of every pending row (20 ms for 40,000).
CREATE INDEX invitations_pending_seat ON invitations (expires_at, invitee_seated, email_key) WHERE status = 'pending';
