-- Dispatch: the incident timeline, crew assignment and positions, and the outbox of live events.

ALTER TABLE units ADD COLUMN incident_id INTEGER REFERENCES incidents(id);
ALTER TABLE units ADD COLUMN status_changed_at INTEGER;
ALTER TABLE units ADD COLUMN last_lat REAL;
ALTER TABLE units ADD COLUMN last_lon REAL;
ALTER TABLE units ADD COLUMN last_position_at INTEGER;
ALTER TABLE units ADD COLUMN last_contact_at INTEGER;

CREATE TABLE incident_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    unit_id     INTEGER REFERENCES units(id),
    note        TEXT
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, id);

CREATE TABLE events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    name    TEXT NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE positions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    at          INTEGER NOT NULL,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    speed_mps   REAL,
    bearing     REAL,
    altitude    REAL,
    accuracy    REAL,
    battery     REAL,
    received_at INTEGER NOT NULL
);
CREATE INDEX positions_unit_at ON positions(unit_id, at);

-- The duty log of communications with crews (check-ins every 2 hours at least, DOMAIN §6).
CREATE TABLE unit_contacts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    at         INTEGER NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX unit_contacts_unit ON unit_contacts(unit_id, at);

-- Cooperating forces (DOMAIN §6) and the hand-over of incidents outside our competence
-- (Law 155/2010 art. 2(2)).
CREATE TABLE agencies (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    phone   TEXT,
    email   TEXT,
    notes   TEXT
);
INSERT INTO agencies (code, name, kind, phone, notes) VALUES
    ('ipj', 'Inspectoratul de Poliție Județean Timiș', 'police', '112', 'Poliția Română: infracțiuni, ordine publică'),
    ('ijj', 'Inspectoratul de Jandarmi Județean Timiș', 'gendarmerie', '112', 'Jandarmeria: adunări publice, ordine publică'),
    ('isu', 'Inspectoratul pentru Situații de Urgență „Banat” Timiș', 'fire_rescue', '112', 'ISU: incendii, SMURD, descarcerare'),
    ('saj', 'Serviciul de Ambulanță Județean Timiș', 'ambulance', '112', 'Ambulanță'),
    ('112', 'Sistemul Național Unic pentru Apeluri de Urgență 112', 'emergency', '112', 'Dispeceratul 112'),
    ('primaria', 'Primăria Municipiului Timișoara — dispecerat', 'city_hall', NULL, 'Direcțiile primăriei, utilități, drumuri'),
    ('aquatim', 'Aquatim — dispecerat apă-canal', 'utility', NULL, 'Avarii apă și canalizare'),
    ('retim', 'Retim — salubrizare', 'utility', NULL, 'Deșeuri, salubrizare');

CREATE TABLE handovers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    at          INTEGER NOT NULL,
    channel     TEXT NOT NULL,
    reference   TEXT,
    note        TEXT,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL
);
CREATE INDEX handovers_incident ON handovers(incident_id);

-- Shift handover (predare-primire tură): what the outgoing dispatcher hands over, confirmed by
-- both the outgoing and the incoming dispatcher.
CREATE TABLE shift_handovers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at      INTEGER NOT NULL,
    outgoing_id     INTEGER NOT NULL REFERENCES users(id),
    incoming_id     INTEGER REFERENCES users(id),
    summary         TEXT NOT NULL,
    notes           TEXT,
    accepted_at     INTEGER
);
