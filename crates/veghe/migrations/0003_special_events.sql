-- Special events (evenimente deosebite) with their notifications and acknowledgements, the
-- outbox of e-mails a background sender delivers, and emergency plans (planuri de urgență):
-- checklist templates per calamity, activated plans with their tasks and their own log.

CREATE TABLE special_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  INTEGER NOT NULL UNIQUE REFERENCES incidents(id),
    declared_at  INTEGER NOT NULL,
    declared_by_id   INTEGER REFERENCES users(id),
    declared_by_name TEXT NOT NULL,
    reason       TEXT NOT NULL
);

-- In-app notifications; acknowledging one records who (the recipient) and when.
CREATE TABLE notifications (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          INTEGER NOT NULL REFERENCES users(id),
    created_at       INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    special_event_id INTEGER REFERENCES special_events(id),
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    link             TEXT,
    acknowledged_at  INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, acknowledged_at);
CREATE INDEX notifications_special ON notifications(special_event_id);

-- E-mails to send: written in the transaction of what they tell, delivered later with retries.
-- state: pending, sent, failed (gave up), not_configured (no SMTP relay), no_address.
CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at       INTEGER NOT NULL,
    user_id          INTEGER REFERENCES users(id),
    recipient        TEXT,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    special_event_id INTEGER REFERENCES special_events(id),
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    sent_at          INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);

CREATE TABLE plan_templates (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    code     TEXT NOT NULL UNIQUE,
    name_ro  TEXT NOT NULL,
    name_en  TEXT NOT NULL
);

CREATE TABLE plan_template_tasks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    template_id  INTEGER NOT NULL REFERENCES plan_templates(id),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    owner_role   TEXT NOT NULL,
    due_minutes  INTEGER NOT NULL
);
CREATE INDEX plan_template_tasks_template ON plan_template_tasks(template_id, position);

CREATE TABLE plans (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    template_id        INTEGER NOT NULL REFERENCES plan_templates(id),
    incident_id        INTEGER REFERENCES incidents(id),
    status             TEXT NOT NULL,
    activated_at       INTEGER NOT NULL,
    activated_by_id    INTEGER REFERENCES users(id),
    activated_by_name  TEXT NOT NULL,
    closed_at          INTEGER,
    closed_by_name     TEXT,
    closing_note       TEXT
);

CREATE TABLE plan_tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id       INTEGER NOT NULL REFERENCES plans(id),
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    owner_role    TEXT NOT NULL,
    due_at        INTEGER NOT NULL,
    done_at       INTEGER,
    done_by_id    INTEGER REFERENCES users(id),
    done_by_name  TEXT,
    note          TEXT
);
CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id, position);

CREATE TABLE plan_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL REFERENCES plans(id),
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    detail      TEXT
);
CREATE INDEX plan_log_plan ON plan_log(plan_id, id);

-- The six calamity templates with realistic tasks of a local police dispatch service.
INSERT INTO plan_templates (code, name_ro, name_en) VALUES ('flood', 'Inundație', 'Flood');
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 1, 'Informează ISU Banat (112) și confirmă preluarea situației', 'dispatcher', 0 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 2, 'Anunță șeful serviciului și directorul executiv', 'dispatcher', 5 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 3, 'Informează Primăria (Comitetul Local pentru Situații de Urgență) și dispeceratul Aquatim', 'dispatcher', 10 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 4, 'Trimite echipaje în zonele afectate pentru evaluare și evacuare preventivă', 'dispatcher', 15 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 5, 'Închide circulația pe străzile inundate și pasajele subterane (pasajul Jiul, pasajul Solventul)', 'crew', 30 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 6, 'Informează IPJ Timiș - Serviciul Rutier despre rutele ocolitoare', 'dispatcher', 30 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 7, 'Comunicat către populație: zone de evitat, numere de urgență', 'press_officer', 60 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 8, 'Raport de situație către conducere', 'head_of_service', 120 FROM plan_templates WHERE code = 'flood';
INSERT INTO plan_templates (code, name_ro, name_en) VALUES ('heavy_snow', 'Ninsoare abundentă / viscol', 'Heavy snow / blizzard');
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 1, 'Confirmă avertizarea ANM și anunță șeful serviciului', 'dispatcher', 0 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 2, 'Informează Primăria - Direcția Drumuri și operatorul de deszăpezire', 'dispatcher', 10 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 3, 'Trimite echipaje pe arterele principale și la stațiile STPT', 'dispatcher', 20 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 4, 'Semnalează autovehiculele care blochează deszăpezirea; solicită ridicarea', 'crew', 45 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 5, 'Verifică persoanele fără adăpost; anunță DASM pentru adăpostire', 'crew', 60 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 6, 'Informează IPJ Timiș despre drumurile închise', 'dispatcher', 60 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 7, 'Comunicat către populație', 'press_officer', 90 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 8, 'Raport de situație către conducere', 'head_of_service', 180 FROM plan_templates WHERE code = 'heavy_snow';
INSERT INTO plan_templates (code, name_ro, name_en) VALUES ('earthquake', 'Cutremur', 'Earthquake');
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 1, 'Informează ISU Banat și 112; confirmă preluarea', 'dispatcher', 0 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 2, 'Anunță șeful serviciului și directorul executiv', 'dispatcher', 5 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 3, 'Verifică legătura radio cu toate echipajele și punctele fixe', 'dispatcher', 10 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 4, 'Trimite echipaje la școli, spitale și clădirile cu risc seismic', 'dispatcher', 15 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 5, 'Închide străzile cu risc de prăbușire a fațadelor; semnalizează perimetrul', 'crew', 30 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 6, 'Informează Primăria (CLSU) și IPJ Timiș', 'dispatcher', 20 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 7, 'Sprijină evacuarea și dirijarea către punctele de adunare', 'crew', 45 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 8, 'Comunicat către populație', 'press_officer', 60 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 9, 'Raport de situație către conducere', 'head_of_service', 120 FROM plan_templates WHERE code = 'earthquake';
INSERT INTO plan_templates (code, name_ro, name_en) VALUES ('major_fire', 'Incendiu de mari proporții', 'Major fire');
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 1, 'Confirmă alertarea ISU Banat (112)', 'dispatcher', 0 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 2, 'Anunță șeful serviciului', 'dispatcher', 5 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 3, 'Trimite echipaje pentru perimetru și dirijarea circulației', 'dispatcher', 10 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 4, 'Închide circulația în zonă și asigură culoar liber pentru autospeciale', 'crew', 15 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 5, 'Informează IPJ Timiș și Serviciul de Ambulanță Județean', 'dispatcher', 15 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 6, 'Informează Primăria și furnizorii de utilități (gaz, energie)', 'dispatcher', 30 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 7, 'Sprijină evacuarea locatarilor din clădirile vecine', 'crew', 30 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 8, 'Comunicat către populație (fum, rute ocolitoare)', 'press_officer', 60 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 9, 'Raport de situație către conducere', 'head_of_service', 120 FROM plan_templates WHERE code = 'major_fire';
INSERT INTO plan_templates (code, name_ro, name_en) VALUES ('chemical_accident', 'Accident chimic', 'Chemical accident');
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 1, 'Informează ISU Banat (112) și confirmă substanța, dacă este cunoscută', 'dispatcher', 0 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 2, 'Anunță șeful serviciului și directorul executiv', 'dispatcher', 5 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 3, 'Trimite echipaje doar în afara zonei de pericol, cu vântul din spate', 'dispatcher', 10 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 4, 'Instituie perimetrul și închide drumurile de acces', 'crew', 20 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 5, 'Informează IPJ Timiș, Garda de Mediu și DSP Timiș', 'dispatcher', 20 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 6, 'Informează Primăria (CLSU) pentru adăpostire sau evacuare', 'dispatcher', 30 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 7, 'Comunicat către populație: închideți ferestrele, evitați zona', 'press_officer', 30 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 8, 'Raport de situație către conducere', 'head_of_service', 120 FROM plan_templates WHERE code = 'chemical_accident';
INSERT INTO plan_templates (code, name_ro, name_en) VALUES ('mass_gathering', 'Adunare publică de mari dimensiuni', 'Mass gathering');
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 1, 'Verifică autorizația evenimentului și planul de ordine publică', 'dispatcher', 0 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 2, 'Informează IJJ Timiș și IPJ Timiș despre dispunerea forțelor', 'dispatcher', 15 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 3, 'Trimite echipaje la punctele de acces și pe traseu', 'dispatcher', 30 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 4, 'Închide circulația pe traseul aprobat și semnalizează devierile', 'crew', 45 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 5, 'Asigură culoar liber pentru ambulanță și ISU', 'crew', 45 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 6, 'Informează STPT despre devierea transportului public', 'dispatcher', 30 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 7, 'Comunicat către populație despre restricțiile de circulație', 'press_officer', 60 FROM plan_templates WHERE code = 'mass_gathering';
INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) SELECT id, 8, 'Raport de situație către conducere', 'head_of_service', 240 FROM plan_templates WHERE code = 'mass_gathering';
