-- Registry reports and retention. What the Law 544 annual report (HG 123/2002 art. 27) needs
-- beyond the register: each request's domain of interest, the ground of a refusal, the outcome
-- of an administrative complaint, court cases, and the year's costs, measures and responsible
-- person. Retention terms per register, the purges and erasure requests done, and the mark of
-- an anonymised entry.

CREATE TABLE registry_info_facts (
    entry_id          INTEGER PRIMARY KEY REFERENCES registry_entries(id),
    domain            TEXT,
    refusal_ground    TEXT,
    refusal_note      TEXT,
    complaint_outcome TEXT,
    updated_at        INTEGER NOT NULL,
    updated_by        INTEGER REFERENCES users(id)
);

CREATE TABLE registry_court_cases (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id    INTEGER NOT NULL REFERENCES registry_entries(id),
    court       TEXT NOT NULL,
    case_number TEXT NOT NULL,
    filed_on    TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    decided_on  TEXT,
    created_at  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX registry_court_cases_entry ON registry_court_cases(entry_id);

CREATE TABLE registry_info_years (
    year             INTEGER PRIMARY KEY,
    costs_bani       INTEGER,
    copy_income_bani INTEGER,
    copy_fee_bani    INTEGER,
    copy_fee_basis   TEXT,
    measures         TEXT,
    responsible      TEXT,
    updated_at       INTEGER NOT NULL,
    updated_by       INTEGER REFERENCES users(id)
);

CREATE TABLE registry_retention (
    register   TEXT PRIMARY KEY,
    years      INTEGER NOT NULL,
    basis      TEXT NOT NULL,
    updated_at INTEGER,
    updated_by INTEGER REFERENCES users(id)
);
INSERT INTO registry_retention (register, years, basis) VALUES
    ('petition', 5, 'Legea 16/1996 a Arhivelor Naționale: termenul din nomenclatorul arhivistic al instituției; implicit 5 ani de la închiderea anului în care s-a răspuns (de confirmat cu compartimentul juridic)'),
    ('info', 5, 'Legea 16/1996 a Arhivelor Naționale: termenul din nomenclatorul arhivistic al instituției; implicit 5 ani de la închiderea anului în care s-a răspuns (de confirmat cu compartimentul juridic)'),
    ('internal', 10, 'Legea 16/1996 a Arhivelor Naționale: termenul din nomenclatorul arhivistic al instituției; implicit 10 ani (de confirmat cu compartimentul juridic)');

CREATE TABLE registry_purges (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL,
    reference   TEXT,
    anonymised  INTEGER NOT NULL,
    kept        INTEGER NOT NULL,
    detail      TEXT NOT NULL
);

ALTER TABLE registry_entries ADD COLUMN anonymised_at INTEGER;
