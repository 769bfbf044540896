-- The communication strategy, the spokesperson and the press events' invitations. The strategy is
-- a document per year kept in versions: a draft is edited, submitted, approved by the head of
-- service or returned with a reason; an approved version is never edited again, and a new one
-- starts as a copy of the last approved. status: draft, submitted, returned, approved.
CREATE TABLE press_strategy_versions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    year          INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    status        TEXT NOT NULL,
    summary       TEXT,
    based_on_id   INTEGER REFERENCES press_strategy_versions(id),
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    submitted_at  INTEGER,
    decided_by    INTEGER REFERENCES users(id),
    decided_at    INTEGER,
    return_reason TEXT
);
CREATE UNIQUE INDEX press_strategy_versions_number ON press_strategy_versions(year, version);

-- The parts of a version. origin_id is the part as it first appeared: a copy into a new version
-- keeps it, so a campaign's link to an objective or message outlives the versions.
-- An objective is measurable: its indicator, from baseline to target in unit, by due_on.
CREATE TABLE press_strategy_objectives (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES press_strategy_versions(id),
    origin_id  INTEGER,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    baseline   REAL NOT NULL,
    target     REAL NOT NULL,
    unit       TEXT NOT NULL,
    due_on     TEXT NOT NULL
);
CREATE INDEX press_strategy_objectives_version ON press_strategy_objectives(version_id);

CREATE TABLE press_strategy_audiences (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id  INTEGER NOT NULL REFERENCES press_strategy_versions(id),
    origin_id   INTEGER,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT
);
CREATE INDEX press_strategy_audiences_version ON press_strategy_audiences(version_id);

-- A key message: the phrases (one a line) the press monitoring looks for in articles.
CREATE TABLE press_strategy_messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES press_strategy_versions(id),
    origin_id  INTEGER,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    phrases    TEXT NOT NULL
);
CREATE INDEX press_strategy_messages_version ON press_strategy_messages(version_id);

-- What a campaign serves: kind objective or message, by the part's origin_id.
CREATE TABLE press_campaign_links (
    campaign_id INTEGER NOT NULL REFERENCES press_campaigns(id),
    kind        TEXT NOT NULL,
    origin_id   INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, kind, origin_id)
);

-- The spokesperson (Law 544/2001 art. 16): an account, or a name; from starts_on to ends_on
-- (YYYY-MM-DD, none: until another is designated).
CREATE TABLE press_spokespersons (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER REFERENCES users(id),
    name       TEXT NOT NULL,
    phone      TEXT,
    email      TEXT,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

-- Who was invited to a press event, once each, with the message queued.
CREATE TABLE press_event_invitations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      INTEGER NOT NULL REFERENCES press_events(id),
    journalist_id INTEGER NOT NULL REFERENCES press_journalists(id),
    mail_id       INTEGER REFERENCES mail_outbox(id),
    invited_by    INTEGER REFERENCES users(id),
    invited_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX press_event_invitations_once ON press_event_invitations(event_id, journalist_id);

-- A month (YYYY-MM) found without a press conference planned, claimed once by the daily check.
CREATE TABLE press_conference_gaps (
    month       TEXT PRIMARY KEY,
    notified_at INTEGER NOT NULL,
    recipients  INTEGER NOT NULL
);
