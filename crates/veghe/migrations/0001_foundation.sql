-- Foundation: accounts, sessions, tokens, throttling, audit trail, access log, numbering,
-- and the first dispatch tables (incidents, crews) that the demo history fills.
-- Instants are epoch milliseconds (UTC) in INTEGER columns; flags are 0/1 integers.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    email         TEXT,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    last_used_at INTEGER
);

CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures(key, at);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT,
    before_json TEXT,
    after_json  TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE access_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    user_id   INTEGER,
    username  TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    fields    TEXT NOT NULL,
    reason    TEXT NOT NULL
);
CREATE INDEX access_log_entity ON access_log(entity, entity_id);

CREATE TABLE counters (
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    next INTEGER NOT NULL,
    PRIMARY KEY (name, year)
);

CREATE TABLE units (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    call_sign  TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    department TEXT NOT NULL,
    status     TEXT NOT NULL,
    vehicle    TEXT,
    radio      TEXT,
    tracker_id TEXT UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE incidents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL,
    type          TEXT NOT NULL,
    priority      INTEGER NOT NULL,
    status        TEXT NOT NULL,
    source        TEXT NOT NULL,
    lat           REAL,
    lon           REAL,
    address       TEXT,
    neighbourhood TEXT,
    description   TEXT NOT NULL DEFAULT '',
    caller_name   TEXT,
    caller_phone  TEXT,
    outcome       TEXT,
    received_at   INTEGER NOT NULL,
    dispatched_at INTEGER,
    on_scene_at   INTEGER,
    closed_at     INTEGER,
    unit_id       INTEGER REFERENCES units(id),
    created_by    INTEGER REFERENCES users(id),
    UNIQUE (year, number)
);
CREATE INDEX incidents_received ON incidents(received_at);
CREATE INDEX incidents_status ON incidents(status);
