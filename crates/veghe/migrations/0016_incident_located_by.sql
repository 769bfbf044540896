-- What an incident's point rests on: `number` (a mapped house), `interpolated` (between mapped
-- numbers of the street), `street` (the street's middle), `map` (a dispatcher's click),
-- `coordinates` (given with the call); NULL while it is not placed. Incidents placed before this
-- step came with their coordinates.
ALTER TABLE incidents ADD COLUMN located_by TEXT;
UPDATE incidents SET located_by = 'coordinates' WHERE lat IS NOT NULL AND lon IS NOT NULL;
