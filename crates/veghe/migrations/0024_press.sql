-- The press office (Communication): the records its parts share. Outlets and journalists (their
-- contacts are personal data, read through the access log), the campaigns of the communication
-- strategy, the press events (conferences and public actions), press releases with their photos,
-- and journalists' accreditations (Law 544/2001 art. 18). Each part adds what only it needs in a
-- step of its own.

-- kind: online, print, tv, radio, agency; reach: the audience the outlet states (a day).
CREATE TABLE press_outlets (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    reach      INTEGER,
    website    TEXT,
    email      TEXT,
    phone      TEXT,
    notes      TEXT,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);
CREATE UNIQUE INDEX press_outlets_name ON press_outlets(name);

-- beats: the topics the journalist covers, separated by commas; notes: the pitching notes.
CREATE TABLE press_journalists (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    outlet_id  INTEGER REFERENCES press_outlets(id),
    name       TEXT NOT NULL,
    position   TEXT,
    beats      TEXT NOT NULL DEFAULT '',
    email      TEXT,
    phone      TEXT,
    notes      TEXT,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);
CREATE INDEX press_journalists_outlet ON press_journalists(outlet_id);

-- A campaign of the strategy: its days (YYYY-MM-DD, Timișoara) and channels (comma separated).
CREATE TABLE press_campaigns (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    description TEXT,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    channels    TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);

-- kind: conference (Law 544 art. 17) or action (a public action the press is invited to);
-- status: planned, held, cancelled.
CREATE TABLE press_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT,
    place       TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX press_events_starts ON press_events(starts_at);

-- kind: release (comunicat), statement (declarație), correction (rectificare, of corrects_id);
-- status: draft, submitted, approved, returned. number ("Comunicat DD.MM.YYYY-N") is given at
-- approval; published_at = the later of approval and embargo_until: nothing is public before it.
-- body_html is stored sanitised. The links name what the release speaks of.
CREATE TABLE press_releases (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL,
    title            TEXT NOT NULL,
    summary          TEXT,
    body_html        TEXT NOT NULL,
    number           TEXT,
    embargo_until    INTEGER,
    published_at     INTEGER,
    corrects_id      INTEGER REFERENCES press_releases(id),
    incident_id      INTEGER REFERENCES incidents(id),
    special_event_id INTEGER REFERENCES special_events(id),
    campaign_id      INTEGER REFERENCES press_campaigns(id),
    proposal_id      INTEGER REFERENCES analysis_proposals(id),
    author_id        INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    submitted_at     INTEGER,
    decided_by       INTEGER REFERENCES users(id),
    decided_at       INTEGER,
    return_reason    TEXT
);
CREATE UNIQUE INDEX press_releases_number ON press_releases(number);
CREATE INDEX press_releases_published ON press_releases(published_at);

-- A photo as published: re-encoded (no EXIF, no location), at most 1600 px a side.
CREATE TABLE press_release_photos (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    release_id   INTEGER NOT NULL REFERENCES press_releases(id),
    position     INTEGER NOT NULL,
    caption      TEXT,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    data         BLOB NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  INTEGER NOT NULL
);
CREATE INDEX press_release_photos_release ON press_release_photos(release_id);

-- kind: permanent (to the end of valid_until's year) or event (event_id); status: pending,
-- granted, refused, withdrawn. requested_at is the registration; due_on (YYYY-MM-DD) the last day
-- to decide (rule press-accreditation). A refusal or withdrawal keeps its written reason.
-- replaces_id: the accreditation of the journalist this one replaces (the outlet named another).
CREATE TABLE press_accreditations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    journalist_id INTEGER NOT NULL REFERENCES press_journalists(id),
    outlet_id     INTEGER REFERENCES press_outlets(id),
    kind          TEXT NOT NULL,
    event_id      INTEGER REFERENCES press_events(id),
    status        TEXT NOT NULL,
    requested_at  INTEGER NOT NULL,
    due_on        TEXT NOT NULL,
    valid_until   TEXT,
    decided_by    INTEGER REFERENCES users(id),
    decided_at    INTEGER,
    reason        TEXT,
    replaces_id   INTEGER REFERENCES press_accreditations(id),
    created_by    INTEGER REFERENCES users(id)
);
CREATE INDEX press_accreditations_journalist ON press_accreditations(journalist_id);
CREATE INDEX press_accreditations_event ON press_accreditations(event_id);
