-- Versions for stale edits (docs/RULES.md, V6): several admins may have the
-- same page open, and a save made from a page that no longer shows what is
-- stored is refused, naming who changed what, instead of silently undoing it.
-- A page sends the version it showed; every change to the row adds 1 to it, in
-- the same transaction as the change and its audit event.

-- A team's own fields: name, role, source (the identity provider taking it
-- over) and its link to all organizations. Its members and its links to
-- organizations by name are rows of their own and leave it as it is, so a SCIM
-- sync of the members never makes an admin's role edit stale.
ALTER TABLE teams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

ALTER TABLE organizations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- One version per setting, not one for the settings as a whole: each setting
-- is saved on its own, so one admin changing the DNS servers while another
-- changes the invitation expiry is no conflict, and neither is refused. A
-- setting never stored (its default in force) has version 0.
ALTER TABLE settings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
