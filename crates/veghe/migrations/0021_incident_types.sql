-- The incident-type catalogue as data (it was compiled into the program). Versioned: a type in use
-- keeps every name it had, so an old incident shows its type as it was named then. A row is one
-- version of a type, in force from active_from (NULL: always) until active_to (NULL: still open);
-- renaming a used type closes its version and opens a new one; retiring closes the last one.
-- agency: the cooperating force (agencies.code) a call is handed to when outside the service's
-- competence; cap_category: OASIS CAP 1.2 category; eido_type: the NENA incident type the EIDO
-- export writes.
CREATE TABLE incident_types (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    code             TEXT NOT NULL,
    name_ro          TEXT NOT NULL,
    name_en          TEXT NOT NULL,
    default_priority INTEGER NOT NULL,
    our_competence   INTEGER NOT NULL,
    legal_basis      TEXT NOT NULL,
    agency           TEXT,
    cap_category     TEXT NOT NULL,
    eido_type        TEXT NOT NULL,
    position         INTEGER NOT NULL,
    active_from      INTEGER,
    active_to        INTEGER
);
CREATE INDEX incident_types_code ON incident_types(code);
-- At most one open version per type, whatever two writers do at once.
CREATE UNIQUE INDEX incident_types_open ON incident_types(code) WHERE active_to IS NULL;

INSERT INTO incident_types (code, name_ro, name_en, default_priority, our_competence, legal_basis, agency, cap_category, eido_type, position) VALUES
    ('noise', 'Tulburarea liniștii publice', 'Disturbing the peace (noise)', 2, 1, 'Legea 61/1991, art. 2 pct. 25', NULL, 'Safety', 'Law Enforcement', 1),
    ('brawl', 'Scandal / încăierare', 'Brawl', 1, 1, 'Legea 61/1991, art. 2 pct. 24', NULL, 'Security', 'Law Enforcement', 2),
    ('alcohol_public', 'Consum de alcool în public', 'Drinking alcohol in public', 3, 1, 'Legea 61/1991, art. 2 pct. 23', NULL, 'Safety', 'Law Enforcement', 3),
    ('insults_threats', 'Insulte, amenințări, gesturi obscene', 'Insults, threats, obscene acts', 2, 1, 'Legea 61/1991, art. 2 pct. 1', NULL, 'Security', 'Law Enforcement', 4),
    ('illegal_parking', 'Parcare neregulamentară', 'Illegal parking', 3, 1, 'OUG 195/2002', NULL, 'Transport', 'Law Enforcement', 5),
    ('abandoned_vehicle', 'Vehicul abandonat', 'Abandoned vehicle', 3, 1, 'Legea 421/2002', NULL, 'Transport', 'Law Enforcement', 6),
    ('illegal_trading', 'Comerț stradal ilegal', 'Illegal street trading', 3, 1, 'OG 99/2000', NULL, 'Other', 'Law Enforcement', 7),
    ('waste', 'Depozitare ilegală de deșeuri', 'Illegal waste dumping', 3, 1, 'Legea 211/2011', NULL, 'Env', 'Law Enforcement', 8),
    ('construction', 'Lucrări fără autorizație de construire', 'Building works without a permit', 3, 1, 'Legea 50/1991', NULL, 'Infra', 'Law Enforcement', 9),
    ('school_safety', 'Incident în zona unității de învățământ', 'Incident near a school', 2, 1, 'Legea 61/1991, art. 3 alin. (2)', NULL, 'Safety', 'Law Enforcement', 10),
    ('begging', 'Cerșetorie', 'Begging', 3, 1, 'Legea 61/1991', NULL, 'Safety', 'Law Enforcement', 11),
    ('animals', 'Animale agresive sau fără stăpân', 'Dangerous or stray animals', 2, 1, 'OUG 55/2002; HCL', NULL, 'Safety', 'Law Enforcement', 12),
    ('burglary_like', 'Pătrundere fără drept / furt din locuință', 'Trespass / burglary of a dwelling', 1, 0, 'Codul penal, art. 224 și 229 (infracțiune)', 'ipj', 'Security', 'Law Enforcement', 13),
    ('traffic_obstruction', 'Obstrucționarea circulației', 'Traffic obstruction', 2, 1, 'OUG 195/2002', NULL, 'Transport', 'Law Enforcement', 14),
    ('damage_signs', 'Deteriorarea indicatoarelor și a mobilierului urban', 'Damaging signs and street furniture', 2, 1, 'Legea 61/1991, art. 2 pct. 16', NULL, 'Infra', 'Law Enforcement', 15),
    ('other', 'Alte evenimente', 'Other incidents', 3, 1, '', NULL, 'Other', 'Law Enforcement', 16);
