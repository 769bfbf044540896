-- The press office's distribution lists and what was sent through them. A member is a journalist
-- (their own address) or an outlet (its newsroom's address); press_sends keeps one row per
-- release and recipient address, so a release reaches an address once however many lists name it.

CREATE TABLE press_lists (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    description TEXT,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX press_lists_name ON press_lists(name);

CREATE TABLE press_list_members (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id       INTEGER NOT NULL REFERENCES press_lists(id),
    journalist_id INTEGER REFERENCES press_journalists(id),
    outlet_id     INTEGER REFERENCES press_outlets(id),
    added_by      INTEGER REFERENCES users(id),
    added_at      INTEGER NOT NULL,
    CHECK ((journalist_id IS NULL) <> (outlet_id IS NULL))
);
CREATE UNIQUE INDEX press_list_members_journalist ON press_list_members(list_id, journalist_id);
CREATE UNIQUE INDEX press_list_members_outlet ON press_list_members(list_id, outlet_id);

-- recipient: the address the release went to; outbox_id: its message in mail_outbox.
CREATE TABLE press_sends (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    release_id    INTEGER NOT NULL REFERENCES press_releases(id),
    list_id       INTEGER NOT NULL REFERENCES press_lists(id),
    journalist_id INTEGER REFERENCES press_journalists(id),
    outlet_id     INTEGER REFERENCES press_outlets(id),
    recipient     TEXT NOT NULL,
    outbox_id     INTEGER NOT NULL REFERENCES mail_outbox(id),
    sent_at       INTEGER NOT NULL,
    sent_by       INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX press_sends_recipient ON press_sends(release_id, recipient);
CREATE INDEX press_sends_list ON press_sends(list_id);

-- Journalists' contacts and notes follow the registers' retention: erased (name, outlet and
-- beats kept) once the term has run from 1 January of the year after the journalist's retirement.
INSERT INTO registry_retention (register, years, basis) VALUES
    ('press_journalist', 2, 'Regulamentul (UE) 2016/679, art. 5 alin. (1) lit. (e): datele de contact și notele despre un jurnalist retras se șterg la 2 ani de la sfârșitul anului retragerii (de confirmat cu compartimentul juridic)');
