-- Registry: petitions (OG 27/2002), public-information requests (Law 544/2001) and internal
-- documents, numbered per register and year; departments with their queues; the case timeline.

CREATE TABLE registry_departments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    name_ro     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    days_before INTEGER NOT NULL
);

INSERT INTO registry_departments (code, name_ro, name_en, days_before) VALUES
    ('ordine_publica', 'Ordine și liniște publică', 'Public order', 5),
    ('circulatie', 'Circulație rutieră', 'Road traffic', 5),
    ('disciplina_constructii', 'Disciplina în construcții și afișaj stradal', 'Building control and street advertising', 5),
    ('protectia_mediului', 'Protecția mediului', 'Environmental protection', 5),
    ('activitati_comerciale', 'Activități comerciale', 'Commercial activities', 5),
    ('evidenta_persoanelor', 'Evidența persoanelor', 'Population records', 3),
    ('dispecerat', 'Dispecerat', 'Dispatch', 3),
    ('juridic', 'Compartimentul juridic', 'Legal office', 3);

CREATE TABLE registry_department_members (
    department_id INTEGER NOT NULL REFERENCES registry_departments(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (department_id, user_id)
);

CREATE TABLE registry_entries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    register        TEXT NOT NULL,
    year            INTEGER NOT NULL,
    number          INTEGER NOT NULL,
    number_date     TEXT NOT NULL,
    registered_at   INTEGER NOT NULL,
    channel         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    petitioner_kind TEXT NOT NULL,
    petitioner_name TEXT,
    petitioner_key  TEXT,
    cnp             TEXT,
    cui             TEXT,
    email           TEXT,
    phone           TEXT,
    address         TEXT,
    subject         TEXT NOT NULL,
    subject_fold    TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL,
    due_on          TEXT,
    original_due_on TEXT,
    extended        INTEGER NOT NULL DEFAULT 0,
    notice_on       TEXT,
    department_id   INTEGER REFERENCES registry_departments(id),
    internal_due_on TEXT,
    forwarded_to    TEXT,
    forwarded_on    TEXT,
    joined_to       INTEGER REFERENCES registry_entries(id),
    original_id     INTEGER REFERENCES registry_entries(id),
    class_ground    TEXT,
    class_reason    TEXT,
    refused         INTEGER NOT NULL DEFAULT 0,
    answer_via      TEXT,
    answer_sent_on  TEXT,
    answer_summary  TEXT,
    archive_ref     TEXT,
    archived_at     INTEGER,
    created_by      INTEGER REFERENCES users(id),
    UNIQUE (register, year, number)
);
CREATE INDEX registry_entries_status ON registry_entries(status, due_on);
CREATE INDEX registry_entries_department ON registry_entries(department_id, status);
CREATE INDEX registry_entries_petitioner ON registry_entries(petitioner_key);

CREATE TABLE registry_reservations (
    register    TEXT NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    number_date TEXT NOT NULL,
    reserved_at INTEGER NOT NULL,
    reserved_by INTEGER REFERENCES users(id),
    note        TEXT,
    used_at     INTEGER,
    entry_id    INTEGER REFERENCES registry_entries(id),
    PRIMARY KEY (register, year, number)
);

CREATE TABLE registry_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id   INTEGER NOT NULL REFERENCES registry_entries(id),
    at         INTEGER NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX registry_events_entry ON registry_events(entry_id, id);

CREATE TABLE registry_attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id     INTEGER NOT NULL REFERENCES registry_entries(id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    uploaded_at  INTEGER NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id)
);
CREATE INDEX registry_attachments_entry ON registry_attachments(entry_id);
