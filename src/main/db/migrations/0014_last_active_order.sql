-- Licenses sorted by Last Active lists the most idle first: those never active
-- (no last activity) lead, in address order. With the address in the index
-- beside the last activity, a page is read straight off it, where an index on
-- the time alone left every never-active member to be sorted for each page.
DROP INDEX accounts_last_active;
CREATE INDEX accounts_last_active ON accounts (last_active_at, email_key);
