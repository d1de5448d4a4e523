-- 0016_lease_handover: leases now live in the serving process's memory (LeaseBook), and
-- `assignment` holds them only from a clean stop to the next start. lease_handover says
-- that the rows there are all of them: a clean stop writes its one row with the leases,
-- and the next start takes both away. A start that finds no row knows the last serve
-- ended without writing its leases (a crash), so an answer on an item it finds no lease
-- for is taken as a late answer rather than refused. Until now every lease was a row, so
-- the rows a database has are complete.
CREATE TABLE lease_handover (
    saved_at TEXT NOT NULL
);
INSERT INTO lease_handover (saved_at) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
