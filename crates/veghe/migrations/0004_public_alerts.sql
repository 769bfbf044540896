-- Public alerts published as OASIS CAP 1.2: the original Alert messages and the Cancel messages
-- that withdraw them (a Cancel row references the Alert it withdraws).

CREATE TABLE public_alerts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    identifier       TEXT NOT NULL UNIQUE,
    msg_type         TEXT NOT NULL,
    references_id    INTEGER REFERENCES public_alerts(id),
    sent_at          INTEGER NOT NULL,
    event            TEXT NOT NULL,
    headline         TEXT NOT NULL,
    description      TEXT NOT NULL,
    instruction      TEXT,
    event_en         TEXT,
    headline_en      TEXT,
    description_en   TEXT,
    instruction_en   TEXT,
    category         TEXT NOT NULL,
    severity         TEXT NOT NULL,
    urgency          TEXT NOT NULL,
    certainty        TEXT NOT NULL,
    response_type    TEXT NOT NULL,
    area_desc        TEXT NOT NULL,
    circle_lat       REAL,
    circle_lon       REAL,
    circle_radius_km REAL,
    polygon          TEXT,
    onset_at         INTEGER,
    expires_at       INTEGER NOT NULL,
    incident_id      INTEGER REFERENCES incidents(id),
    cancelled_at     INTEGER,
    issued_by        INTEGER REFERENCES users(id),
    issued_by_name   TEXT NOT NULL
);
CREATE INDEX public_alerts_sent ON public_alerts(sent_at);
