-- Licenses sorted by Since (the console's re-sort): members in seat order and
-- pending invitations in sending order, read off an index a page at a time
-- (seats/seat-sql.ts) instead of sorting every member: 360 ms at 100,000.
CREATE INDEX members_seat_since ON members (seat_since);
CREATE INDEX invitations_sent ON invitations (status, sent_at);
