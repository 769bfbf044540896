-- A crew's route page lists the incidents it worked in a period: its timeline steps and the
-- incidents on record with it, found by crew rather than by incident.

CREATE INDEX incident_events_unit ON incident_events(unit_id, at);
CREATE INDEX incidents_unit ON incidents(unit_id, dispatched_at);
