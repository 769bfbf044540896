-- Activity records (DOMAIN §7, §11): the offence catalogue versioned in time, sanction records
-- (procese-verbale) with their natural key series + number, imports and their column mappings,
-- offences handed over, crimes caught in the act, and activity counts per department and team.

-- One version of an act's article/point: the fine range in bani, in force from valid_from
-- (a date, inclusive) to valid_to (inclusive; NULL while in force). The aggravated form
-- (e.g. Law 61/1991 art. 3(2), inside a school) is its own row with aggravated = 1.
CREATE TABLE activity_offences (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    act            TEXT NOT NULL,
    article        TEXT NOT NULL,
    point          TEXT NOT NULL DEFAULT '',
    aggravated     INTEGER NOT NULL DEFAULT 0,
    description_ro TEXT NOT NULL,
    description_en TEXT NOT NULL,
    min_bani       INTEGER NOT NULL,
    max_bani       INTEGER NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,
    UNIQUE (act, article, point, aggravated, valid_from)
);

CREATE TABLE activity_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    source      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    mode        TEXT NOT NULL,
    rows_total  INTEGER NOT NULL,
    rows_valid  INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    problems    INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL
);

-- The column mapping a source (a department's spreadsheet) uses: JSON {field: column header}.
CREATE TABLE activity_mappings (
    source     TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE activity_sanctions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    series        TEXT NOT NULL,
    number        TEXT NOT NULL,
    occurred_at   INTEGER NOT NULL,
    occurred_on   TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    lat           REAL,
    lon           REAL,
    department    TEXT NOT NULL DEFAULT '',
    officers      TEXT NOT NULL DEFAULT '',
    offender_kind TEXT NOT NULL,
    offender_name TEXT NOT NULL DEFAULT '',
    offender_id   TEXT,
    act           TEXT NOT NULL,
    article       TEXT NOT NULL,
    point         TEXT NOT NULL DEFAULT '',
    aggravated    INTEGER NOT NULL DEFAULT 0,
    offence_id    INTEGER REFERENCES activity_offences(id),
    sanction      TEXT NOT NULL,
    amount_bani   INTEGER NOT NULL DEFAULT 0,
    measures      TEXT NOT NULL DEFAULT '',
    paid_bani     INTEGER NOT NULL DEFAULT 0,
    paid_on       TEXT,
    payment       TEXT NOT NULL,
    contested     INTEGER NOT NULL DEFAULT 0,
    contest_note  TEXT NOT NULL DEFAULT '',
    import_id     INTEGER REFERENCES activity_imports(id),
    created_at    INTEGER NOT NULL,
    UNIQUE (series, number)
);
CREATE INDEX activity_sanctions_on ON activity_sanctions(occurred_on);

-- Offences outside our competence handed over, and crimes caught in the act.
CREATE TABLE activity_referrals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    department  TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    handed_to   TEXT NOT NULL DEFAULT '',
    handed_at   INTEGER,
    reference   TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    actor_name  TEXT NOT NULL
);

-- Activity counts: a day's checks, escorts, traffic operations, public events secured, … per
-- department and team. One row per (day, department, team, kind); a new figure replaces the old.
CREATE TABLE activity_counts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    day         TEXT NOT NULL,
    department  TEXT NOT NULL,
    team        TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    count       INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (day, department, team, kind)
);

-- The catalogue as DOMAIN §7 gives it: Law 61/1991 art. 2 points, art. 3 fines (lei → bani);
-- art. 3(2): points 1, 4 and 24 inside a school, health or care institution, 1000–3000 lei.
INSERT INTO activity_offences (act, article, point, aggravated, description_ro, description_en, min_bani, max_bani, valid_from) VALUES
('Legea 61/1991', '2', '1', 0, 'fapte, gesturi, expresii obscene, insulte, amenințări', 'obscene acts, insults, threats', 20000, 100000, '2000-01-01'),
('Legea 61/1991', '2', '4', 0, 'aruncarea de obiecte sau substanțe', 'throwing objects or substances', 10000, 50000, '2000-01-01'),
('Legea 61/1991', '2', '13', 0, 'pătrunderea fără drept în clădiri publice', 'unlawful entry into public buildings', 50000, 150000, '2000-01-01'),
('Legea 61/1991', '2', '16', 0, 'deteriorarea indicatoarelor și însemnelor', 'damaging signs', 20000, 100000, '2000-01-01'),
('Legea 61/1991', '2', '23', 0, 'consumul de băuturi alcoolice în locuri publice', 'drinking alcohol in public places', 10000, 50000, '2000-01-01'),
('Legea 61/1991', '2', '24', 0, 'provocarea sau participarea la scandal', 'causing or taking part in a brawl', 20000, 100000, '2000-01-01'),
('Legea 61/1991', '2', '25', 0, 'tulburarea liniștii locuitorilor prin zgomot', 'disturbing the peace by noise', 20000, 100000, '2000-01-01'),
('Legea 61/1991', '2', '31', 0, 'refuzul de a da relații pentru stabilirea identității', 'refusing to give identity data', 50000, 150000, '2000-01-01'),
('Legea 61/1991', '2', '36', 0, 'împiedicarea agenților de ordine publică', 'obstructing public-order officers', 300000, 600000, '2000-01-01'),
('Legea 61/1991', '2', '1', 1, 'pct. 1 în incinta unei unități de învățământ, sanitare sau de asistență socială (art. 3 alin. 2)', 'point 1 inside a school, health or care institution (art. 3(2))', 100000, 300000, '2000-01-01'),
('Legea 61/1991', '2', '4', 1, 'pct. 4 în incinta unei unități de învățământ, sanitare sau de asistență socială (art. 3 alin. 2)', 'point 4 inside a school, health or care institution (art. 3(2))', 100000, 300000, '2000-01-01'),
('Legea 61/1991', '2', '24', 1, 'pct. 24 în incinta unei unități de învățământ, sanitare sau de asistență socială (art. 3 alin. 2)', 'point 24 inside a school, health or care institution (art. 3(2))', 100000, 300000, '2000-01-01');
