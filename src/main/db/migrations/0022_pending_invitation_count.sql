-- How many invitations are pending, kept as they change (as enterprise.member_count
-- is, 0002): the seat check's cheap bound (seats/repository.ts, surelyFree) counted
-- them from the index on every change that takes a seat, which an identity
-- provider's sync makes hundreds of times a second (4,000 pending at 100,000
-- members, about 30,000 at 1,000,000). Expired ones stay in it: the bound only has
-- to be at least the seats in use, and a check it cannot settle counts exactly.
ALTER TABLE enterprise ADD COLUMN pending_invitations INTEGER NOT NULL DEFAULT 0;
UPDATE enterprise SET pending_invitations = (SELECT count(*) FROM invitations WHERE status = 'pending');
CREATE TRIGGER invitations_pending_count_insert AFTER INSERT ON invitations WHEN NEW.status = 'pending'
BEGIN
  UPDATE enterprise SET pending_invitations = pending_invitations + 1;
END;
CREATE TRIGGER invitations_pending_count_delete AFTER DELETE ON invitations WHEN OLD.status = 'pending'
BEGIN
  UPDATE enterprise SET pending_invitations = pending_invitations - 1;
END;
CREATE TRIGGER invitations_pending_count_update AFTER UPDATE OF status ON invitations WHEN (OLD.status = 'pending') <> (NEW.status = 'pending')
BEGIN
  UPDATE enterprise SET pending_invitations = pending_invitations + (NEW.status = 'pending') - (OLD.status = 'pending');
END;
