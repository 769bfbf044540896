-- The duty desk: further calls joined to an open incident, attachments, the crews' shift
-- rosters, and the duty log (every call and communication of the desk, DOMAIN §6).

-- A further call about an incident already open (the caller is personal data: kept here, not
-- in the timeline).
CREATE TABLE incident_calls (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    at           INTEGER NOT NULL,
    caller_name  TEXT,
    caller_phone TEXT,
    description  TEXT NOT NULL DEFAULT '',
    actor_id     INTEGER,
    actor_name   TEXT NOT NULL
);
CREATE INDEX incident_calls_incident ON incident_calls(incident_id);

CREATE TABLE incident_attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    at           INTEGER NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    content      BLOB NOT NULL,
    actor_id     INTEGER,
    actor_name   TEXT NOT NULL
);
CREATE INDEX incident_attachments_incident ON incident_attachments(incident_id);

-- Who is in a crew on a given shift: members, vehicle, radio and tracker of that shift.
CREATE TABLE rosters (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    shift_day  TEXT NOT NULL,
    shift      TEXT NOT NULL,
    members    TEXT NOT NULL,
    vehicle    TEXT,
    radio      TEXT,
    tracker_id TEXT,
    created_at INTEGER NOT NULL,
    actor_name TEXT NOT NULL,
    UNIQUE (unit_id, shift_day, shift)
);

-- The duty log: calls received, radio and phone communications, notes of the desk.
CREATE TABLE duty_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    incident_id INTEGER REFERENCES incidents(id),
    unit_id     INTEGER REFERENCES units(id),
    summary     TEXT NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL
);
CREATE INDEX duty_log_at ON duty_log(at);
