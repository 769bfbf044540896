-- The press office's media requests and internal circulars. A verbal request from a journalist
-- (Law 544/2001, the media section) is answered at once or within 24 hours: due_at is
-- received_at + 24 h. The journalist is one of press_journalists, or a name and an outlet typed
-- as given. channel: phone, in_person, email. Written requests are information requests of the
-- registry and stay there.
CREATE TABLE press_requests (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    journalist_id INTEGER REFERENCES press_journalists(id),
    name          TEXT,
    outlet_name   TEXT,
    channel       TEXT NOT NULL,
    question      TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    due_at        INTEGER NOT NULL,
    answer        TEXT,
    answered_at   INTEGER,
    answered_by   INTEGER REFERENCES users(id),
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX press_requests_received ON press_requests(received_at);
CREATE INDEX press_requests_open ON press_requests(answered_at, due_at);

-- An announcement to staff: audience all, role (audience_role) or department
-- (audience_department_id). The addressees are fixed when it is published, one row each, and
-- each confirms reading (read_at).
CREATE TABLE press_circulars (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    title                  TEXT NOT NULL,
    body                   TEXT NOT NULL,
    audience               TEXT NOT NULL,
    audience_role          TEXT,
    audience_department_id INTEGER REFERENCES registry_departments(id),
    author_id              INTEGER REFERENCES users(id),
    created_at             INTEGER NOT NULL
);

CREATE TABLE press_circular_recipients (
    circular_id INTEGER NOT NULL REFERENCES press_circulars(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    read_at     INTEGER,
    PRIMARY KEY (circular_id, user_id)
);
CREATE INDEX press_circular_recipients_user ON press_circular_recipients(user_id, read_at);
