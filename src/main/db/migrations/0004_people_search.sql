-- Search and sort people by name ignoring case and accents, beyond ASCII
-- (SQLite's lower() folds ASCII only). The folded forms are computed by
-- Roster (foldText in src/shared/text.ts) when an account is written; this
-- migration fills them for existing accounts with the same function, which
-- openDatabase registers as roster_fold while migrating.

ALTER TABLE accounts ADD COLUMN name_fold TEXT NOT NULL DEFAULT '';
-- The key people are listed by: the folded name, or the address for those without one.
ALTER TABLE accounts ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';

UPDATE accounts SET name_fold = roster_fold(name), sort_key = CASE name WHEN '' THEN email_key ELSE roster_fold(name) END;

CREATE INDEX accounts_sort_key ON accounts (sort_key, id);

-- Never used for sorting (lists sort the union of seats), but paid on every insert.
DROP INDEX members_seat_since;
-- The foreign key to the invitation that gave the seat, for deletes of invitations.
CREATE INDEX members_invitation ON members (invitation_id);
