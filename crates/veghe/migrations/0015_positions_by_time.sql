-- Tracker fixes are indexed by time, then crew, instead of by crew, then time. Fixes arrive in
-- time order, so each commit of the ingestion adds its index entries at the end of the index:
-- a few pages, whatever the number of crews. By crew first, a commit of a thousand trackers'
-- fixes dirtied one index page per fix, each written whole to the WAL. A crew's route over a
-- period reads the period's entries of every crew, the crew's own taken from the index itself.
DROP INDEX positions_unit_at;
CREATE INDEX positions_at_unit ON positions(at, unit_id);
