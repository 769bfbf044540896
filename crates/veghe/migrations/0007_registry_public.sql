-- Registry for citizens: the online form's tracking code (hashed), Open311 service requests
-- (service code and location on the entry), Open311 API keys (hashed), and the search index.

ALTER TABLE registry_entries ADD COLUMN tracking_hash TEXT;
ALTER TABLE registry_entries ADD COLUMN service_code TEXT;
ALTER TABLE registry_entries ADD COLUMN lat REAL;
ALTER TABLE registry_entries ADD COLUMN lon REAL;
ALTER TABLE registry_entries ADD COLUMN location TEXT;
CREATE INDEX registry_entries_service ON registry_entries(service_code, registered_at);
CREATE INDEX registry_entries_number ON registry_entries(year, number);

CREATE TABLE open311_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    revoked_at  INTEGER,
    last_used_at INTEGER
);

CREATE TABLE registry_search (
    term     TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES registry_entries(id),
    PRIMARY KEY (term, entry_id)
);
CREATE INDEX registry_search_entry ON registry_search(entry_id);
