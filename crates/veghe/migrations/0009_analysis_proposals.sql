-- Measures proposed from an analysis (the analysis kind and its parameters kept with it), the
-- decision of the head of service or management, and the areas the effect is followed in.

CREATE TABLE analysis_proposals (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at       INTEGER NOT NULL,
    created_by       INTEGER REFERENCES users(id),
    created_by_name  TEXT NOT NULL,
    title            TEXT NOT NULL,
    measure          TEXT NOT NULL,
    analysis_kind    TEXT NOT NULL,
    parameters       TEXT NOT NULL,
    incident_type    TEXT,
    area             TEXT NOT NULL,
    comparison_area  TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'proposed',
    decided_at       INTEGER,
    decided_by       INTEGER REFERENCES users(id),
    decided_by_name  TEXT,
    decision_note    TEXT,
    effect_from      TEXT
);
CREATE INDEX analysis_proposals_status ON analysis_proposals(status);
