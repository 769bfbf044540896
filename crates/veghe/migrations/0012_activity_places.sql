-- Addresses of sanction records placed on the map by a person (issue 6): the folded key (street
-- type, name and number; see activity::places::key), the address as it was written, the point,
-- who placed it and when. A later record at the same key is offered the same point.
CREATE TABLE activity_places (
    key         TEXT PRIMARY KEY,
    address     TEXT NOT NULL,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    placed_at   INTEGER NOT NULL,
    actor_name  TEXT NOT NULL
);
